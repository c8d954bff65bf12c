import cors from '@fastify/cors';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { registerClientAuth } from './auth/register-client-auth.js';
import { guardSlowReader } from './backpressure/slow-reader-guard.js';
import type { HttpContext } from './http-context.js';
import { JsonRpcCode, sendJsonRpcError } from './json-rpc-errors.js';
import { registerLegacySseRoutes } from './legacy-sse/legacy-sse-routes.js';
import { registerLimits } from './limits/register-limits.js';
import { isProbeRoute, registerHealthRoutes } from './observability/health-routes.js';
import { registerHostOriginGuard } from './security/host-origin-guard.js';
import { SessionRefusedError } from './session-refused-error.js';
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

/**
 * Registers the MCP endpoints with their guards in `app`. Every hook stays inside `app`'s
 * encapsulation context, so an application that mounts this beside its own routes keeps its
 * own rules. `websocketOnly` serves WebSocket at `/` (the second port) and nothing else.
 */
export async function registerMcpEndpoints(
  app: FastifyInstance,
  context: HttpContext,
  { websocketOnly = false }: { websocketOnly?: boolean } = {},
): Promise<void> {
  const { options, metrics } = context;
  // MCP bodies are JSON only: other media types get 415 instead of a string body.
  app.removeContentTypeParser('text/plain');
  app.addHook('onRoute', (route) => {
    route.bodyLimit ??= options.maxBodyBytes;
  });
  app.setErrorHandler((error: FastifyError, request, reply) =>
    answerFastifyError(error, request, reply, options.maxBodyBytes),
  );
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
  // Counted and logged, not silent: an operator should see clients being cut off.
  const slowReadersDropped = metrics.slowReadersDropped;
  app.addHook('onRequest', async (request) => {
    guardSlowReader(request.raw.socket, options.maxBufferedBytes, () => {
      slowReadersDropped.inc();
      request.log.warn(
        { route: request.routeOptions.url, maxBufferedBytes: options.maxBufferedBytes },
        'closed the connection of a client that stopped reading',
      );
    });
  });
  registerHostOriginGuard(app, {
    bindHost: options.host,
    allowedHosts: options.allowedHosts,
    allowedOrigins: options.allowedOrigins,
  });
  // Shutdown refuses new work on every listener; liveness probes answer until the end.
  app.addHook('onRequest', async (request, reply) => {
    if (context.closing && !isProbeRoute(request)) {
      return sendJsonRpcError(
        reply.header('retry-after', '1'),
        503,
        JsonRpcCode.ServerError,
        'Server is shutting down',
      );
    }
  });
  if (websocketOnly) {
    registerClientAuth(app, context);
    await registerLimits(app, context);
    await registerWebSocketRoute(app, context, '/');
    return;
  }
  await app.register(cors, {
    origin: options.allowedOrigins.length ? options.allowedOrigins : false,
    methods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowedHeaders: MCP_REQUEST_HEADERS,
    exposedHeaders: [...MCP_RESPONSE_HEADERS, 'www-authenticate', 'retry-after'],
    maxAge: 600,
  });
  // After CORS, so a browser can read the 401 and its WWW-Authenticate challenge.
  registerClientAuth(app, context);
  // After authentication: limits count authenticated clients. Probes are never limited.
  await registerLimits(app, context);
  registerHealthRoutes(app, context);
  registerStreamableHttpRoutes(app, context);
  registerLegacySseRoutes(app, context);
  await registerWebSocketRoute(app, context, '/ws');
}

/** Body problems are the client's: answer them as JSON-RPC errors with the right status. */
function answerFastifyError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
  maxBodyBytes: number,
) {
  if (error instanceof SessionRefusedError) {
    return sendJsonRpcError(reply, error.status, JsonRpcCode.InvalidRequest, error.message);
  }
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
}
