import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { FastifyRequest } from 'fastify';
import type { HttpContext } from '../http-context.js';
import { connectWatched, sessionFor } from './open-session.js';
import { awaitRepliesFromAnyReplica } from './relay-server-requests.js';
import { restoreInitializedState } from './restore-initialized-state.js';
import type { Session } from './session-registry.js';
import type { SessionRecord } from './session-store.js';

/**
 * A Streamable HTTP transport for session `id`, wired to the store: its events go to the
 * store's event store, and a DELETE removes the session everywhere.
 */
export function streamableTransportFor(
  id: string,
  context: HttpContext,
  onsessioninitialized?: () => void,
) {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => id,
    onsessioninitialized,
    eventStore: context.store.eventStore(id),
    onsessionclosed: () => {
      context.sessions.forget(id);
      void context.store.delete(id).catch(() => {});
    },
  });
  transport.onclose = () => context.sessions.forget(id);
  return transport;
}

const restoring = new WeakMap<HttpContext, Map<string, Promise<Session>>>();

/**
 * Serves here a session another replica opened (or this one before it restarted): a fresh
 * server from the factory and a transport put in the state `initialize` left them in.
 * Concurrent requests for the same session share one restore.
 */
export function restoreSession(
  record: SessionRecord,
  request: FastifyRequest,
  context: HttpContext,
): Promise<Session> {
  let pending = restoring.get(context);
  if (!pending) {
    pending = new Map();
    restoring.set(context, pending);
  }
  const inProgress = pending.get(record.id);
  if (inProgress) return inProgress;
  const restore = (async () => {
    const transport = streamableTransportFor(record.id, context);
    const session = sessionFor(context, request, 'streamable-http', record.id, transport);
    await connectWatched(session.server, transport, context, request, session);
    if (context.store.relay) awaitRepliesFromAnyReplica(session, context.store.relay);
    restoreInitializedState(transport, session.server, record);
    context.sessions.add(session);
    context.metrics.sessionsRestored.inc();
    context.logger.debug({ transport: 'streamable-http' }, 'session restored from the store');
    return session;
  })().finally(() => pending.delete(record.id));
  pending.set(record.id, restore);
  return restore;
}
