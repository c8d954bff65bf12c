import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { TransportKind } from '../mcp-server-factory.js';

export interface Session {
  id: string;
  kind: TransportKind;
  server: Server;
  transport: Transport;
  /** The client that opened the session; no other client may use it. */
  principalId: string;
  lastActivity: number;
  /** Requests received and not yet answered: shutdown waits for these. */
  inFlight: number;
}

/**
 * Live sessions of every transport, keyed by session id. Closes sessions that sit idle longer
 * than the timeout, and closes them all on shutdown.
 */
export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly idleTimeoutMs: number,
    private readonly onClosed: (session: Session, reason: string) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  startSweeping(): void {
    const every = Math.max(1000, Math.min(60_000, this.idleTimeoutMs / 2));
    this.sweeper = setInterval(() => this.closeIdle(), every);
    this.sweeper.unref();
  }

  /** A session record for a transport that is about to open; {@link add} registers it. */
  create(fields: Pick<Session, 'id' | 'kind' | 'server' | 'transport' | 'principalId'>): Session {
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
    const cutoff = this.now() - this.idleTimeoutMs;
    for (const session of [...this.sessions.values()]) {
      if (session.lastActivity < cutoff && session.inFlight === 0) {
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

  get size(): number {
    return this.sessions.size;
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
