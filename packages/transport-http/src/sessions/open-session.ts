import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { FastifyRequest } from 'fastify';
import { principalOf } from '../auth/register-client-auth.js';
import type { HttpContext } from '../http-context.js';
import { guardCalls } from '../limits/guard-calls.js';
import type { SessionState, TransportKind } from '../mcp-server-factory.js';
import { tapMessages } from '../observability/tap-messages.js';
import { ownerOf } from './session-owner.js';
import type { Session } from './session-registry.js';

/**
 * The MCP server for a request, from the factory, told who the client is and what its
 * request carried. Throws the factory's SessionRefusedError before anything is written.
 */
export function serverFor(
  context: HttpContext,
  request: FastifyRequest,
  kind: TransportKind,
  sessionId?: string,
  session?: SessionState,
): Server {
  return context.options.createMcpServer({
    transport: kind,
    sessionId,
    principal: principalOf(request),
    headers: request.headers,
    session,
  });
}

/** A session record (not yet registered) for a server bound to the requesting client. */
export function sessionFor(
  context: HttpContext,
  request: FastifyRequest,
  kind: TransportKind,
  id: string,
  transport: Transport,
): Session {
  return context.sessions.create({
    id,
    kind,
    server: serverFor(context, request, kind, id),
    transport,
    ...ownerOf(request, context),
  });
}

/** Registers the session: it now counts against the caps in place of the slot its opening held. */
export function registerSession(
  context: HttpContext,
  request: FastifyRequest,
  session: Session,
): void {
  context.sessions.add(session);
  context.limits.releaseSession(request.raw);
}

/** Connects server and transport, then watches the messages: in-flight counts, metrics, limits. */
export async function connectWatched(
  server: Server,
  transport: Transport,
  context: HttpContext,
  request: FastifyRequest,
  session?: Session,
): Promise<void> {
  await server.connect(transport);
  tapMessages(transport, context.metrics, session);
  // After the tap, so refused calls are not counted in flight.
  guardCalls(transport, context, request);
}
