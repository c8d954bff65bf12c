import cors from '@fastify/cors';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { HttpContext } from './http-context.js';
import { type HttpServerOptions, resolveHttpServerOptions } from './http-server-options.js';
import { JsonRpcCode, sendJsonRpcError } from './json-rpc-errors.js';
import { registerLegacySseRoutes } from './legacy-sse/legacy-sse-routes.js';
import { registerHealthRoutes } from './observability/health-routes.js';
import { HttpMetrics } from './observability/http-metrics.js';
import { registerHostOriginGuard } from './security/host-origin-guard.js';
import { SessionRegistry } from './sessions/session-registry.js';
import { registerStreamableHttpRoutes } from './streamable/streamable-http-routes.js';
import { registerWebSocketRoute } from './websocket/websocket-routes.js';

/** The MCP headers a browser client sends and must be allowed to read back. */
const MCP_REQUEST_HEADERS = [
  'content-type',
  'accept',
  'authorization',
  'mcp-session-id',
  'mcp-protocol-version',
  'last-event-id',
];
const MCP_RESPONSE_HEADERS = ['mcp-session-id', 'mcp-protocol-version'];

export interface HttpServer {
  /** Streamable HTTP, plain JSON-RPC, legacy SSE, WebSocket at /ws, health and metrics. */
  app: FastifyInstance;
  /** WebSocket only, at `/`, on the second port; absent when `websocketPort` is null. */
  websocketApp?: FastifyInstance;
  metrics: HttpMetrics;
  /** Starts listening; resolves with the URLs actually bound. */
  listen(): Promise<{ url: string; websocketUrl?: string }>;
  /**
   * Graceful shutdown: refuses new requests, waits (up to `shutdownGraceMs`) for calls in
   * flight to be answered, then closes every session and stream and both listeners.
   */
  close(): Promise<void>;
}

/** Builds the HTTP server around an MCP server factory. It does not listen until `listen()`. */
export async function createHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const resolved = resolveHttpServerOptions(options);
  const logger = resolved.logger;
  const sessions = new SessionRegistry(resolved.sessionIdleTimeoutMs, (session, reason) =>
    logger?.debug({ transport: session.kind, reason }, 'session closed'),
  );
  const metrics = new HttpMetrics(resolved.metricsRegistry, () => sessions.countByKind());
  const app = buildApp(resolved.maxBodyBytes, logger);
  const context: HttpContext = {
    options: resolved,
    sessions,
    metrics,
    logger: app.log,
    startedAt: Date.now(),
  };

  let closing = false;
  for (const instance of [app]) {
    registerHostOriginGuard(instance, {
      bindHost: resolved.host,
      allowedHosts: resolved.allowedHosts,
      allowedOrigins: resolved.allowedOrigins,
    });
  }
  // Shutdown refuses new work on every listener, the WebSocket port included; liveness
  // probes still answer until the listeners close.
  const refuseWhileClosing = async (request: FastifyRequest, reply: FastifyReply) => {
    if (closing && request.url !== '/health') {
      return sendJsonRpcError(
        reply.header('retry-after', '1'),
        503,
        JsonRpcCode.ServerError,
        'Server is shutting down',
      );
    }
  };
  app.addHook('onRequest', refuseWhileClosing);
  app.addHook('onRequest', async (request, reply) => {
    const started = performance.now();
    reply.raw.once('finish', () => {
      const route = request.routeOptions.url ?? 'unknown';
      metrics.httpRequests.inc({ method: request.method, route, status: reply.raw.statusCode });
      request.log.debug(
        {
          method: request.method,
          route,
          status: reply.raw.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    });
  });
  await app.register(cors, {
    origin: resolved.allowedOrigins.length ? resolved.allowedOrigins : false,
    methods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowedHeaders: MCP_REQUEST_HEADERS,
    exposedHeaders: MCP_RESPONSE_HEADERS,
    maxAge: 600,
  });
  registerHealthRoutes(app, context);
  registerStreamableHttpRoutes(app, context);
  registerLegacySseRoutes(app, context);
  await registerWebSocketRoute(app, context, '/ws');

  let websocketApp: FastifyInstance | undefined;
  if (resolved.websocketPort !== null) {
    websocketApp = buildApp(resolved.maxBodyBytes, logger);
    registerHostOriginGuard(websocketApp, {
      bindHost: resolved.host,
      allowedHosts: resolved.allowedHosts,
      allowedOrigins: resolved.allowedOrigins,
    });
    websocketApp.addHook('onRequest', refuseWhileClosing);
    await registerWebSocketRoute(websocketApp, context, '/');
  }
  sessions.startSweeping();

  return {
    app,
    websocketApp,
    metrics,
    async listen() {
      const url = await app.listen({ host: resolved.host, port: resolved.port });
      let websocketUrl: string | undefined;
      if (websocketApp) {
        const bound = await websocketApp.listen({
          host: resolved.host,
          port: resolved.websocketPort ?? 0,
        });
        websocketUrl = bound.replace(/^http/, 'ws');
        context.websocketPort = Number(new URL(bound).port);
      }
      return { url, websocketUrl };
    },
    async close() {
      closing = true;
      const deadline = Date.now() + resolved.shutdownGraceMs;
      while (sessions.inFlight() > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await sessions.closeAll('shutdown');
      await Promise.all([app.close(), websocketApp?.close()]);
    },
  };
}

function buildApp(maxBodyBytes: number, logger: FastifyBaseLogger | undefined): FastifyInstance {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    bodyLimit: maxBodyBytes,
    // n8n and others use the URL exactly as typed: `/mcp/` must work like `/mcp`.
    routerOptions: { ignoreTrailingSlash: true },
    disableRequestLogging: true,
    forceCloseConnections: true,
    return503OnClosing: true,
  }) as unknown as FastifyInstance;
  app.setErrorHandler((error: FastifyError, request, reply) => {
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendJsonRpcError(
          reply,
          400,
          JsonRpcCode.ParseError,
          'Parse error: the body is not valid JSON',
        );
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendJsonRpcError(
          reply,
          413,
          JsonRpcCode.InvalidRequest,
          `Request body larger than ${maxBodyBytes} bytes`,
        );
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendJsonRpcError(
          reply,
          415,
          JsonRpcCode.InvalidRequest,
          'Unsupported Content-Type: send application/json',
        );
    }
    if (error.statusCode && error.statusCode < 500) {
      return sendJsonRpcError(reply, error.statusCode, JsonRpcCode.InvalidRequest, error.message);
    }
    request.log.error({ err: error }, 'request failed');
    return sendJsonRpcError(reply, 500, JsonRpcCode.ServerError, 'Internal server error');
  });
  return app;
}
