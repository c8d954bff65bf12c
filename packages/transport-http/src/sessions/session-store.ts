import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { ClientPrincipal } from '../auth/client-principal.js';

/**
 * A Streamable HTTP session, whole: the outcome of `initialize` and who the client is. Any
 * request of the session is served from this alone, on whichever replica it lands. Never a credential: `identityReference` is a one-way
 * fingerprint the request must match again, not something that could be replayed.
 */
export interface SessionRecord {
  id: string;
  /** The version negotiated at `initialize`. */
  protocolVersion: string;
  clientInfo: { name: string; version: string; [key: string]: unknown };
  capabilities: Record<string, unknown>;
  /** The authenticated client; another client presenting the session id is refused. */
  principal: ClientPrincipal;
  /**
   * A fingerprint of the Infisical identity the session acts as when the client brought its
   * own (see `HttpServerOptions.identityReference`); absent for the server's identity.
   */
  identityReference?: string;
  /** Toolsets the session enabled (dynamic toolsets), for every server built for it. */
  enabledToolsets?: string[];
}

/**
 * Where Streamable HTTP sessions live beyond the process that opened them. The in-memory store
 * serves one process; the Redis store lets any replica behind a load balancer serve any session.
 */
export interface SessionStore {
  /** `memory` or `redis`, for logs and /ready. */
  readonly kind: string;
  /** Saves a new session; throws {@link SessionStoreUnavailableError} when it cannot. */
  save(record: SessionRecord): Promise<void>;
  /** Replaces the record of a session that exists; its idle timeout runs on. */
  update(record: SessionRecord): Promise<void>;
  /** The session, or undefined when it never existed or expired. */
  load(id: string): Promise<SessionRecord | undefined>;
  delete(id: string): Promise<void>;
  /**
   * Keeps the events of one session's streams for `Last-Event-ID` resumption, and hands each
   * to the relay, so an open stream on any replica writes it.
   */
  eventStore(sessionId: string): SessionEvents;
  /**
   * Events of a session's stream after an event id (all kept ones when absent or older than
   * them); undefined when the session keeps no event of that stream (never issued, or long gone).
   */
  eventsAfter(
    sessionId: string,
    streamId: string,
    afterEventId?: string,
  ): Promise<StoredEvent[] | undefined>;
  /** Why the store cannot take new sessions now (e.g. Redis is down); undefined when it can. */
  unavailable(): string | undefined;
  /** Delivery between the requests of a session, across replicas with Redis. */
  readonly relay: SessionRelay;
  close(): Promise<void>;
}

/** Where the server-to-client messages of one session's SSE streams are kept. */
export interface SessionEvents {
  /** Keeps the message as the next event of the stream; resolves with its event id. */
  storeEvent(streamId: string, message: JSONRPCMessage): Promise<string>;
}

/** A server-to-client message stored for resumption, as every replica sees it. */
export interface StoredEvent {
  /** The SSE stream it belongs to: a POST's stream, or the standalone GET stream. */
  streamId: string;
  eventId: string;
  message: JSONRPCMessage;
}

/** What crosses replicas on a session's channel. */
export type RelayedMessage =
  | { type: 'event'; event: StoredEvent }
  /** The client's answer to a request a server sent (elicitation…), for the replica that sent it. */
  | { type: 'reply'; message: JSONRPCMessage; from: string }
  /** The session was deleted: replicas holding it close their copy. */
  | { type: 'closed'; from: string };

/**
 * Cross-replica delivery for one session's messages: the replica holding the client's open
 * stream receives what any replica stores for it, and the replica that sent a request receives
 * the client's reply wherever it was posted.
 */
export interface SessionRelay {
  /** This replica's id in relayed messages. */
  readonly replicaId: string;
  /** Calls `onMessage` for every message of the session from now on, until the returned stop. */
  listen(sessionId: string, onMessage: (message: RelayedMessage) => void): Promise<() => void>;
  publish(sessionId: string, message: RelayedMessage): void;
}

/** The session store cannot be reached: new sessions are refused with 503 until it returns. */
export class SessionStoreUnavailableError extends Error {
  override readonly name = 'SessionStoreUnavailableError';
}
