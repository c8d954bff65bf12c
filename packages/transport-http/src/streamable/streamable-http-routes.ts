import { randomUUID } from 'node:crypto';
import { isInitializeRequest, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HttpContext } from '../http-context.js';
import {
  handOverToTransport,
  isJsonRpcPayload,
  JsonRpcCode,
  rejectNonJsonRpc,
  sendJsonRpcError,
} from '../json-rpc-errors.js';
import { isRequest, isResponse } from '../json-rpc-shapes.js';
import { endStreamableSession } from '../sessions/end-session.js';
import { admitOwner } from '../sessions/session-owner.js';
import { type SessionRecord, SessionStoreUnavailableError } from '../sessions/session-store.js';
import { serverOfSession } from '../sessions/streamable-session-server.js';
import { discoveryDocument } from './discovery-document.js';
import {
  answerPlainJsonRpc,
  batchRefusal,
  messageExtraOf,
  protocolVersionRefusal,
} from './plain-json-rpc.js';
import { PostExchange } from './post-exchange.js';
import { serveRelayedStream } from './relayed-event-stream.js';
import { recordOfInitialize, refuseStoreUnavailable } from './session-records.js';
import type { SessionTransport } from './session-transport.js';

/**
 * `/mcp`: Streamable HTTP as the MCP spec defines it (sessions, SSE or JSON responses, a
 * resumable GET stream, DELETE), plus two conveniences the seed promised: plain JSON-RPC POSTs
 * from curl, and a discovery document on a GET that does not ask for an event stream.
 */
export function registerStreamableHttpRoutes(app: FastifyInstance, context: HttpContext): void {
  app.post('/mcp', async (request, reply) => {
    if (!isJsonRpcPayload(request.body)) return rejectNonJsonRpc(reply);
    const sessionId = headerOf(request, 'mcp-session-id');
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

/** A POST, GET or DELETE naming a session, once the session and its owner are checked. */
async function forwardToSession(
  sessionId: string,
  request: FastifyRequest,
  reply: FastifyReply,
  context: HttpContext,
) {
  const record = await recordOfRequest(sessionId, request, reply, context);
  if (!record) return;
  const use = context.streamable.use(sessionId, record.principal.id);
  if (request.method === 'DELETE') {
    await endStreamableSession(context, sessionId, 'deleted');
    return reply.code(200).send();
  }
  const refusal = protocolVersionRefusal(request);
  if (refusal) return sendJsonRpcError(reply, 400, JsonRpcCode.ServerError, refusal);
  if (request.method === 'GET') {
    const lastEventId = headerOf(request, 'last-event-id');
    const standalone = !lastEventId;
    if (standalone && use.standaloneStream) {
      return sendJsonRpcError(
        reply,
        409,
        JsonRpcCode.ServerError,
        'Conflict: Only one SSE stream is allowed per session',
      );
    }
    if (standalone) use.standaloneStream = true;
    const untrack = context.streamable.trackStream(sessionId, use.principalId, () =>
      reply.raw.end(),
    );
    reply.raw.once('close', () => {
      untrack();
      if (standalone) use.standaloneStream = false;
    });
    return serveRelayedStream(sessionId, lastEventId, reply, context.store);
  }
  return postToSession(record, request, reply, context);
}

/**
 * The record of the session the request names, when the request may use it; undefined once the
 * refusal is sent (unknown or expired, another client's or another identity's, store down).
 */
async function recordOfRequest(
  sessionId: string,
  request: FastifyRequest,
  reply: FastifyReply,
  context: HttpContext,
): Promise<SessionRecord | undefined> {
  const live = context.sessions.get(sessionId);
  if (live && live.kind !== 'streamable-http') {
    sendJsonRpcError(reply, 404, JsonRpcCode.SessionNotFound, 'Session not found');
    return undefined;
  }
  let record: SessionRecord | undefined;
  try {
    record = await context.store.load(sessionId);
  } catch (error) {
    refuseStoreUnavailable(reply, error);
    return undefined;
  }
  if (!record) {
    // Expired, or deleted through another replica: the server held here for it goes too.
    if (live) void context.sessions.close(sessionId, 'gone');
    context.streamable.forget(sessionId);
    sendJsonRpcError(reply, 404, JsonRpcCode.SessionNotFound, 'Session not found');
    return undefined;
  }
  const owner = { principalId: record.principal.id, identityReference: record.identityReference };
  return admitOwner(owner, request, reply, context) ? record : undefined;
}

async function postToSession(
  record: SessionRecord,
  request: FastifyRequest,
  reply: FastifyReply,
  context: HttpContext,
  { initialize = false } = {},
) {
  if (!acceptsJsonAndEventStream(request)) return refuseUnacceptable(reply);
  const batch = Array.isArray(request.body);
  const messages = (batch ? request.body : [request.body]) as JSONRPCMessage[];
  if (!initialize && messages.some(isInitialize)) {
    return sendJsonRpcError(
      reply,
      400,
      JsonRpcCode.InvalidRequest,
      'Invalid Request: Server already initialized',
    );
  }
  const refusal = batchRefusal(messages);
  if (refusal) return sendJsonRpcError(reply, 400, refusal.code, refusal.message);
  const requests = messages.filter(isRequest);
  if (requests.length === 0) {
    deliverWithoutAnswer(record, messages, request, context);
    return reply.code(202).send();
  }
  const session = await serverOfSession(record, request, context);
  const transport = session.transport as SessionTransport;
  handOverToTransport(reply);
  const exchange = new PostExchange({
    response: reply.raw,
    requestIds: requests.map((message) => message.id),
    batch,
    // Made on the first event only: most answers are JSON and store none.
    events: { storeEvent: (...event) => context.store.eventStore(record.id).storeEvent(...event) },
    serialize: context.options.serializeMessage,
    headers: { 'mcp-session-id': record.id },
    streamAtOnce: requests.some(asksForProgress),
    primeStream: record.protocolVersion >= FIRST_VERSION_WITH_PRIMING,
  });
  transport.deliver(messages, messageExtraOf(request), exchange);
}

/**
 * Notifications and the client's answers to the server's requests. An answer goes to the server
 * that asked, here or on another replica; a notification (cancelled…) only matters to a server
 * busy with the session, so no server is built for one.
 */
function deliverWithoutAnswer(
  record: SessionRecord,
  messages: JSONRPCMessage[],
  request: FastifyRequest,
  context: HttpContext,
) {
  const live = context.sessions.get(record.id);
  const transport = live?.transport as SessionTransport | undefined;
  const { relay } = context.store;
  for (const message of messages) {
    if (isResponse(message)) {
      if (transport?.awaitsReply(message.id)) transport.receiveReply(message);
      else relay.publish(record.id, { type: 'reply', message, from: relay.replicaId });
    } else {
      transport?.receive(message, messageExtraOf(request));
    }
  }
}

async function openSession(request: FastifyRequest, reply: FastifyReply, context: HttpContext) {
  const unavailable = context.store.unavailable();
  if (unavailable) {
    return refuseStoreUnavailable(reply, new SessionStoreUnavailableError(unavailable));
  }
  const refusal = protocolVersionRefusal(request);
  if (refusal) return sendJsonRpcError(reply, 400, JsonRpcCode.ServerError, refusal);
  if (!acceptsJsonAndEventStream(request)) return refuseUnacceptable(reply);
  const record = recordOfInitialize(randomUUID(), request, context);
  // A session lives as long as its record: a client may not park a megabyte of capabilities
  // in memory or Redis for every session its caps allow.
  if (JSON.stringify(record).length > MAX_RECORD_CHARACTERS) {
    return sendJsonRpcError(
      reply,
      400,
      JsonRpcCode.InvalidRequest,
      `Invalid Request: initialize params too large to keep with the session (clientInfo and capabilities at most ${MAX_RECORD_CHARACTERS} characters of JSON)`,
    );
  }
  try {
    await context.store.save(record);
  } catch (error) {
    return refuseStoreUnavailable(reply, error);
  }
  context.streamable.use(record.id, record.principal.id);
  context.limits.releaseSession(request.raw);
  context.metrics.sessionsOpened.inc({ transport: 'streamable-http' });
  context.logger.debug({ transport: 'streamable-http' }, 'session opened');
  // The answer is the one a server built from the record gives: the record is the session.
  try {
    return await postToSession(record, request, reply, context, { initialize: true });
  } catch (error) {
    // The factory refused the client (SessionRefusedError…): no session was opened after all.
    await endStreamableSession(context, record.id, 'refused');
    throw error;
  }
}
/** A GET stream or a DELETE belongs to a session: one without Mcp-Session-Id is refused. */
function forwardToNamedSession(request: FastifyRequest, reply: FastifyReply, context: HttpContext) {
  const sessionId = headerOf(request, 'mcp-session-id');
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

/** A header the request carries once and not empty. */
function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function acceptsEventStream(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/event-stream');
}

/** The largest session record kept: real clients' capabilities and info take a few hundred. */
const MAX_RECORD_CHARACTERS = 16_384;

/** Protocol versions are dates: this one and later resume from a priming event. */
const FIRST_VERSION_WITH_PRIMING = '2025-11-25';

function asksForProgress(request: JSONRPCMessage): boolean {
  const params = (request as { params?: { _meta?: { progressToken?: unknown } } }).params;
  return params?._meta?.progressToken !== undefined;
}

/** By method alone: the SDK's guard parses the whole message, for every message of a POST. */
function isInitialize(message: JSONRPCMessage): boolean {
  return (message as { method?: unknown }).method === 'initialize';
}

function refuseUnacceptable(reply: FastifyReply) {
  return sendJsonRpcError(
    reply,
    406,
    JsonRpcCode.ServerError,
    'Not Acceptable: Client must accept both application/json and text/event-stream',
  );
}

function acceptsJsonAndEventStream(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('text/event-stream') && accept.includes('application/json');
}
