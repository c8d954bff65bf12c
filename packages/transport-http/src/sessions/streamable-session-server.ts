import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyRequest } from 'fastify';
import type { HttpContext } from '../http-context.js';
import { guardCalls } from '../limits/guard-calls.js';
import { tapMessages } from '../observability/tap-messages.js';
import { STANDALONE_STREAM_ID } from '../streamable/relayed-event-stream.js';
import { SessionTransport } from '../streamable/session-transport.js';
import { serverFor } from './open-session.js';
import type { Session } from './session-registry.js';
import type { SessionRecord } from './session-store.js';

/** The id of the `initialize` a new server is told the session's outcome with. */
const REPLAYED_INITIALIZE_ID = 'infisical-mcp:replayed-initialize';

const building = new WeakMap<HttpContext, Map<string, Promise<Session>>>();

/**
 * The MCP server that answers a Streamable HTTP session's requests on this replica: the one
 * already serving it, or one built from the session's record, by the factory, for the client
 * the request authenticated. Concurrent requests of a session share one build.
 */
export function serverOfSession(
  record: SessionRecord,
  request: FastifyRequest,
  context: HttpContext,
): Promise<Session> {
  const live = context.sessions.touch(record.id);
  if (live) return Promise.resolve(live);
  let pending = building.get(context);
  if (!pending) {
    pending = new Map();
    building.set(context, pending);
  }
  const inProgress = pending.get(record.id);
  if (inProgress) return inProgress;
  const build = buildSessionServer(record, request, context).finally(() =>
    pending.delete(record.id),
  );
  pending.set(record.id, build);
  return build;
}

async function buildSessionServer(
  record: SessionRecord,
  request: FastifyRequest,
  context: HttpContext,
): Promise<Session> {
  const { store } = context;
  const events = store.eventStore(record.id);
  const transport = new SessionTransport(record.id, {
    sendUnrelated: async (message) => {
      await events.storeEvent(STANDALONE_STREAM_ID, message);
    },
    awaitingReply: () => listenForRelayedReplies(transport, context),
  });
  const server = serverFor(context, request, 'streamable-http', record.id, {
    enabledToolsets: record.enabledToolsets ?? [],
    saveEnabledToolsets: async (toolsets) => {
      const current = (await store.load(record.id)) ?? record;
      await store.update({ ...current, enabledToolsets: [...toolsets] });
    },
  });
  const session = context.sessions.create({
    id: record.id,
    kind: 'streamable-http',
    server,
    transport,
    principalId: record.principal.id,
    identityReference: record.identityReference,
  });
  transport.onclose = () => context.sessions.forget(record.id);
  await server.connect(transport);
  await replayInitialize(transport, record);
  tapMessages(transport, context.metrics, session);
  guardCalls(transport, context, request);
  context.sessions.add(session);
  context.logger.debug(
    { transport: 'streamable-http' },
    'built a server for the session from its record',
  );
  return session;
}

/**
 * Tells a new server what `initialize` settled for the session (the client's capabilities and
 * version), through the protocol itself: the same `initialize`, whose answer goes nowhere.
 */
function replayInitialize(transport: SessionTransport, record: SessionRecord): Promise<void> {
  return new Promise((resolve) => {
    const replayed: JSONRPCMessage = {
      jsonrpc: '2.0',
      id: REPLAYED_INITIALIZE_ID,
      method: 'initialize',
      params: {
        protocolVersion: record.protocolVersion,
        capabilities: record.capabilities,
        clientInfo: record.clientInfo,
      },
    };
    transport.deliver([replayed], {}, { answer: () => resolve(), stream: () => {} });
  });
}

const listening = new WeakSet<SessionTransport>();

/**
 * A client answers a server's request (elicitation…) with a POST the load balancer may send to
 * any replica; that replica relays it on the session's channel. While this server waits for
 * answers, this replica listens there.
 */
function listenForRelayedReplies(transport: SessionTransport, context: HttpContext): void {
  const { relay } = context.store;
  if (listening.has(transport)) return;
  listening.add(transport);
  const stop = relay
    .listen(transport.sessionId, (relayed) => {
      if (relayed.type !== 'reply' || relayed.from === relay.replicaId) return;
      const reply = relayed.message as JSONRPCMessage & { id: RequestId };
      transport.receiveReply(reply);
      if (transport.awaiting === 0) {
        listening.delete(transport);
        void stop.then((unsubscribe) => unsubscribe());
      }
    })
    .catch(() => () => {});
}
