import type { EventStore } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { ClientPrincipal } from '../auth/client-principal.js';

/**
 * What another replica needs to serve a Streamable HTTP session it did not open: the outcome of
 * `initialize` and who the client is. Never a credential: `identityReference` is a one-way
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
  createdAt: number;
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
  /** The session, or undefined when it never existed or expired. */
  load(id: string): Promise<SessionRecord | undefined>;
  /**
   * Keeps a session alive for another idle timeout; `onGone` runs when the store no longer
   * has it (deleted through another replica). Failures are the store's to report.
   */
  touch(id: string, onGone?: () => void): void;
  delete(id: string): Promise<void>;
  /** Keeps the events of one session's streams for `Last-Event-ID` resumption. */
  eventStore(sessionId: string): EventStore;
  /**
   * Drops the stream that carried the answer to a request the client has shown it received.
   * Optional: a store may keep them instead, until the session expires.
   */
  forgetAnsweredStream?(sessionId: string, requestId: RequestId): void;
  /** Why the store cannot take new sessions now (e.g. Redis is down); undefined when it can. */
  unavailable(): string | undefined;
  /** Delivery between replicas; absent when one process holds every session (memory). */
  readonly relay?: SessionRelay;
  close(): Promise<void>;
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
  /** Events of a stream after an event id (all kept ones when absent or older than them). */
  eventsAfter(sessionId: string, streamId: string, afterEventId?: string): Promise<StoredEvent[]>;
  publish(sessionId: string, message: RelayedMessage): void;
}

/** The session store cannot be reached: new sessions are refused with 503 until it returns. */
export class SessionStoreUnavailableError extends Error {
  override readonly name = 'SessionStoreUnavailableError';
}
