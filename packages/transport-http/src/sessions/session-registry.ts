import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { TransportKind } from '../mcp-server-factory.js';
import type { SessionOwner } from './session-owner.js';

/** A live session; its owner (client and Infisical identity) alone may use it. */
export interface Session extends SessionOwner {
  id: string;
  kind: TransportKind;
  server: Server;
  transport: Transport;
  lastActivity: number;
  /** Requests received and not yet answered: shutdown waits for these. */
  inFlight: number;
}

export interface IdleTimeouts {
  /** A WebSocket or legacy SSE session idle this long is closed. */
  idleTimeoutMs: number;
  /**
   * The server of a Streamable HTTP session is let go once the session has nothing in flight
   * for this long: the session is its record, and its next request builds a server from it.
   */
  serverReleaseMs: number;
}

/**
 * Live MCP servers of every transport, keyed by session id: one per WebSocket or legacy SSE
 * connection, and one per Streamable HTTP session in use on this replica. Closes those that sit
 * idle, and all of them on shutdown.
 */
export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly timeouts: IdleTimeouts,
    private readonly onClosed: (session: Session, reason: string) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  startSweeping(): void {
    const shortest = Math.min(this.timeouts.idleTimeoutMs, this.timeouts.serverReleaseMs);
    const every = Math.max(1000, Math.min(60_000, shortest / 2));
    this.sweeper = setInterval(() => this.closeIdle(), every);
    this.sweeper.unref();
  }

  /** A session record for a transport that is about to open; {@link add} registers it. */
  create(
    fields: Pick<Session, 'id' | 'kind' | 'server' | 'transport' | keyof SessionOwner>,
  ): Session {
    return { ...fields, lastActivity: this.now(), inFlight: 0 };
  }

  add(session: Session): void {
    session.lastActivity = this.now();
    this.sessions.set(session.id, session);
  }

  /** The session, marked as active now. */
  touch(id: string): Session | undefined {
    const session = this.sessions.get(id);
    if (session) session.lastActivity = this.now();
    return session;
  }

  get(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  /** Forgets a session its transport already closed. */
  forget(id: string): void {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    this.onClosed(session, 'closed');
  }

  async close(id: string, reason: string): Promise<void> {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    this.onClosed(session, reason);
    await session.server.close().catch(() => {});
  }

  closeIdle(): void {
    const now = this.now();
    for (const session of [...this.sessions.values()]) {
      if (session.inFlight > 0) continue;
      const idleFor = now - session.lastActivity;
      if (session.kind === 'streamable-http') {
        if (idleFor > this.timeouts.serverReleaseMs) void this.close(session.id, 'released');
      } else if (idleFor > this.timeouts.idleTimeoutMs) {
        void this.close(session.id, 'idle');
      }
    }
  }

  countByKind(): Map<TransportKind, number> {
    const counts = new Map<TransportKind, number>();
    for (const session of this.sessions.values()) {
      counts.set(session.kind, (counts.get(session.kind) ?? 0) + 1);
    }
    return counts;
  }

  /** WebSocket and legacy SSE sessions: the sessions that are live servers, not records. */
  get connections(): number {
    let count = 0;
    for (const session of this.sessions.values()) if (session.kind !== 'streamable-http') count++;
    return count;
  }

  /** Every live session, e.g. to count one client's. */
  all(): IterableIterator<Session> {
    return this.sessions.values();
  }

  /** Requests in flight across sessions, plus stateless requests being answered. */
  inFlight(): number {
    let total = this.statelessInFlight;
    for (const session of this.sessions.values()) total += session.inFlight;
    return total;
  }

  private statelessInFlight = 0;

  /** Counts a stateless request until the returned function is called. */
  trackStateless(): () => void {
    this.statelessInFlight++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.statelessInFlight--;
    };
  }

  async closeAll(reason: string): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await Promise.all([...this.sessions.keys()].map((id) => this.close(id, reason)));
  }
}
