import { randomUUID } from 'node:crypto';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  type InitializeRequest,
  isInitializeRequest,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HttpContext } from '../http-context.js';
import {
  handOverToTransport,
  isJsonRpcPayload,
  JsonRpcCode,
  rejectNonJsonRpc,
  sendJsonRpcError,
} from '../json-rpc-errors.js';
import { connectWatched, registerSession, sessionFor } from '../sessions/open-session.js';
import {
  awaitRepliesFromAnyReplica,
  relayRepliesElsewhere,
} from '../sessions/relay-server-requests.js';
import { restoreSession, streamableTransportFor } from '../sessions/restore-session.js';
import { admitOwner } from '../sessions/session-owner.js';
import type { Session } from '../sessions/session-registry.js';
import { type SessionRecord, SessionStoreUnavailableError } from '../sessions/session-store.js';
import { discoveryDocument } from './discovery-document.js';
import { forgetInitializeAnswerOnceInitialized } from './forget-initialize-answer.js';
import { answerPlainJsonRpc } from './plain-json-rpc.js';
import { serveRelayedStream } from './relayed-event-stream.js';
import { recordOfInitialize, refuseStoreUnavailable } from './session-records.js';

/**
 * `/mcp`: Streamable HTTP as the MCP spec defines it (sessions, SSE or JSON responses, a
 * resumable GET stream, DELETE), plus two conveniences the seed promised: plain JSON-RPC POSTs
 * from curl, and a discovery document on a GET that does not ask for an event stream.
 */
export function registerStreamableHttpRoutes(app: FastifyInstance, context: HttpContext): void {
  app.post('/mcp', async (request, reply) => {
    if (!isJsonRpcPayload(request.body)) return rejectNonJsonRpc(reply);
    const sessionId = sessionIdOf(request);
    if (!sessionId && !acceptsEventStream(request)) {
      return answerPlainJsonRpc(request, reply, context);
    }
    if (sessionId) return forwardToSession(sessionId, request, reply, context);
    if (!isInitializeRequest(request.body)) {
      return sendJsonRpcError(
        reply,
        400,
        JsonRpcCode.ServerError,
        'Bad Request: no Mcp-Session-Id header; send initialize first to open a session',
      );
    }
    return openSession(request, reply, context);
  });

  app.get('/mcp', async (request, reply) => {
    if (!acceptsEventStream(request)) {
      return reply.send(discoveryDocument(request, context));
    }
    return forwardToNamedSession(request, reply, context);
  });

  app.delete('/mcp', async (request, reply) => forwardToNamedSession(request, reply, context));

  app.route({
    method: ['PUT', 'PATCH'],
    url: '/mcp',
    handler: async (_request, reply) =>
      sendJsonRpcError(
        reply.header('allow', 'GET, POST, DELETE'),
        405,
        JsonRpcCode.ServerError,
        'Method not allowed: use POST, GET or DELETE',
      ),
  });
}

async function forwardToSession(
  sessionId: string,
  request: FastifyRequest,
  reply: FastifyReply,
  context: HttpContext,
) {
  const session = await sessionOfRequest(sessionId, request, reply, context);
  if (!session) return;
  if (request.method === 'GET') reply.raw.once('close', context.sessions.trackStream(session));
  const relay = context.store.relay;
  if (relay && request.method === 'GET') {
    return serveRelayedStream(sessionId, request, reply, relay);
  }
  if (relay && request.method === 'POST' && relayRepliesElsewhere(session, request.body, relay)) {
    return reply.code(202).send();
  }
  handOverToTransport(reply);
  await (session.transport as StreamableHTTPServerTransport).handleRequest(
    request.raw,
    reply.raw,
    request.body,
  );
}

/**
 * The live session the request names, restored from the store when this replica does not hold
 * it; undefined once the refusal is sent (unknown, another client's or another identity's,
 * store unreachable).
 */
async function sessionOfRequest(
  sessionId: string,
  request: FastifyRequest,
  reply: FastifyReply,
  context: HttpContext,
): Promise<Session | undefined> {
  const session = context.sessions.touch(sessionId);
  if (session && session.kind !== 'streamable-http') {
    sendJsonRpcError(reply, 404, JsonRpcCode.SessionNotFound, 'Session not found');
    return undefined;
  }
  if (session) {
    // Deleted through another replica: this copy goes too.
    context.store.touch(sessionId, () => void context.sessions.close(sessionId, 'deleted'));
  } else {
    let record: SessionRecord | undefined;
    try {
      record = await context.store.load(sessionId);
    } catch (error) {
      refuseStoreUnavailable(reply, error);
      return undefined;
    }
    if (!record) {
      sendJsonRpcError(reply, 404, JsonRpcCode.SessionNotFound, 'Session not found');
      return undefined;
    }
    // Before the restore, which builds a server for the identity the request brings.
    const owner = { principalId: record.principal.id, identityReference: record.identityReference };
    if (!admitOwner(owner, request, reply, context)) return undefined;
    return restoreSession(record, request, context);
  }
  return admitOwner(session, request, reply, context) ? session : undefined;
}

async function openSession(request: FastifyRequest, reply: FastifyReply, context: HttpContext) {
  const unavailable = context.store.unavailable();
  if (unavailable) {
    return refuseStoreUnavailable(reply, new SessionStoreUnavailableError(unavailable));
  }
  const id = randomUUID();
  const transport = streamableTransportFor(id, context, () => {
    registerSession(context, request, session);
    context.metrics.sessionsOpened.inc({ transport: 'streamable-http' });
    context.logger.debug({ transport: 'streamable-http' }, 'session opened');
  });
  const session = sessionFor(context, request, 'streamable-http', id, transport);
  try {
    await context.store.save(recordOfInitialize(id, request, context));
  } catch (error) {
    await session.server.close().catch(() => {});
    return refuseStoreUnavailable(reply, error);
  }
  await connectWatched(session.server, transport, context, request, session);
  if (context.store.relay) awaitRepliesFromAnyReplica(session, context.store.relay);
  const { id: initializeRequestId } = request.body as InitializeRequest & { id: RequestId };
  forgetInitializeAnswerOnceInitialized(session.server, context.store, id, initializeRequestId);
  handOverToTransport(reply);
  await transport.handleRequest(request.raw, reply.raw, request.body);
}

/** A GET stream or a DELETE belongs to a session: one without Mcp-Session-Id is refused. */
function forwardToNamedSession(request: FastifyRequest, reply: FastifyReply, context: HttpContext) {
  const sessionId = sessionIdOf(request);
  if (!sessionId) {
    return sendJsonRpcError(
      reply,
      400,
      JsonRpcCode.ServerError,
      'Bad Request: Mcp-Session-Id header is required',
    );
  }
  return forwardToSession(sessionId, request, reply, context);
}

function sessionIdOf(request: FastifyRequest): string | undefined {
  const value = request.headers['mcp-session-id'];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function acceptsEventStream(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/event-stream');
}
