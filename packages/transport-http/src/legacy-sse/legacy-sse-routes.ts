import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import type { FastifyInstance } from 'fastify';
import type { HttpContext } from '../http-context.js';
import {
  handOverToTransport,
  isJsonRpcPayload,
  JsonRpcCode,
  rejectNonJsonRpc,
  sendJsonRpcError,
} from '../json-rpc-errors.js';
import { connectWatched, registerSession, sessionFor } from '../sessions/open-session.js';
import { admitOwner } from '../sessions/session-owner.js';

/** Comment lines keep proxies from cutting an idle event stream. */
const KEEP_ALIVE_MS = 25_000;

/**
 * The HTTP+SSE transport of MCP 2024-11-05, for older clients and older n8n versions:
 * GET /sse opens the event stream and names the POST endpoint, POST /messages?sessionId=…
 * carries the client's messages.
 */
export function registerLegacySseRoutes(app: FastifyInstance, context: HttpContext): void {
  app.get('/sse', async (request, reply) => {
    // The transport writes nothing until it starts: a factory that refuses the session still
    // gets its answer from fastify.
    const transport = new SSEServerTransport('/messages', reply.raw);
    const id = transport.sessionId;
    const session = sessionFor(context, request, 'legacy-sse', id, transport);
    handOverToTransport(reply);
    const keepAlive = setInterval(() => {
      if (!reply.raw.writableEnded) reply.raw.write(': keep-alive\n\n');
    }, KEEP_ALIVE_MS);
    keepAlive.unref();
    transport.onclose = () => {
      clearInterval(keepAlive);
      context.sessions.forget(id);
    };
    registerSession(context, request, session);
    context.metrics.sessionsOpened.inc({ transport: 'legacy-sse' });
    await connectWatched(session.server, transport, context, request, session);
  });

  app.post('/messages', async (request, reply) => {
    const sessionId = (request.query as { sessionId?: unknown }).sessionId;
    if (typeof sessionId !== 'string' || sessionId.length === 0) {
      return sendJsonRpcError(
        reply,
        400,
        JsonRpcCode.ServerError,
        'Bad Request: sessionId query parameter is required',
      );
    }
    const session = context.sessions.touch(sessionId);
    if (session?.kind !== 'legacy-sse') {
      return sendJsonRpcError(reply, 404, JsonRpcCode.SessionNotFound, 'Session not found');
    }
    if (!admitOwner(session, request, reply, context)) return reply;
    if (!isJsonRpcPayload(request.body)) return rejectNonJsonRpc(reply);
    handOverToTransport(reply);
    await (session.transport as SSEServerTransport).handlePostMessage(
      request.raw,
      reply.raw,
      request.body,
    );
  });
}
