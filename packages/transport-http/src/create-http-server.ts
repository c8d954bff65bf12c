import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { createHttpContext, drainSessions } from './http-context.js';
import { type HttpServerOptions, resolveHttpServerOptions } from './http-server-options.js';
import type { HttpMetrics } from './observability/http-metrics.js';
import { registerMcpEndpoints } from './register-mcp-endpoints.js';

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

/**
 * A standalone server around an MCP server factory: the endpoints of {@link mcpHttpPlugin} on
 * one port and WebSocket alone on a second. It does not listen until `listen()`.
 */
export async function createHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const resolved = resolveHttpServerOptions(options);
  const app = buildApp(resolved.maxBodyBytes, resolved.logger);
  const context = createHttpContext(resolved, app.log);
  await registerMcpEndpoints(app, context);

  let websocketApp: FastifyInstance | undefined;
  if (resolved.websocketPort !== null) {
    websocketApp = buildApp(resolved.maxBodyBytes, resolved.logger);
    await registerMcpEndpoints(websocketApp, context, { websocketOnly: true });
  }
  context.sessions.startSweeping();

  return {
    app,
    websocketApp,
    metrics: context.metrics,
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
      await drainSessions(context);
      await Promise.all([app.close(), websocketApp?.close()]);
    },
  };
}

function buildApp(maxBodyBytes: number, logger: FastifyBaseLogger | undefined): FastifyInstance {
  return Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    bodyLimit: maxBodyBytes,
    // n8n and others use the URL exactly as typed: `/mcp/` must work like `/mcp`.
    routerOptions: { ignoreTrailingSlash: true },
    disableRequestLogging: true,
    forceCloseConnections: true,
    return503OnClosing: true,
  }) as unknown as FastifyInstance;
}
