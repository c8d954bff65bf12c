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
  /** Event streams (GET) open on the session: a session someone listens to is not idle. */
  openStreams: number;
}

export interface IdleTimeouts {
  /** A session idle this long is closed for good. */
  idleTimeoutMs: number;
  /**
   * A Streamable HTTP session idle this long, with no stream open, is closed here only: its
   * record stays in the session store and its next request restores it.
   */
  restorableIdleMs: number;
}

/** What is left here of a session that hibernated: enough to count it against its client. */
export interface HibernatedSession {
  principalId: string;
  lastActivity: number;
}

/**
 * Live sessions of every transport, keyed by session id. Closes sessions that sit idle longer
 * than the timeout, and closes them all on shutdown. Remembers which sessions hibernated, until
 * they are restored or their idle timeout passes, so a client's sessions can be counted whether
 * held or not.
 */
export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();
  private readonly hibernated = new Map<string, HibernatedSession>();
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly timeouts: IdleTimeouts,
    private readonly onClosed: (session: Session, reason: string) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  startSweeping(): void {
    const shortest = Math.min(this.timeouts.idleTimeoutMs, this.timeouts.restorableIdleMs);
    const every = Math.max(1000, Math.min(60_000, shortest / 2));
    this.sweeper = setInterval(() => this.closeIdle(), every);
    this.sweeper.unref();
  }

  /** A session record for a transport that is about to open; {@link add} registers it. */
  create(
    fields: Pick<Session, 'id' | 'kind' | 'server' | 'transport' | keyof SessionOwner>,
  ): Session {
    return { ...fields, lastActivity: this.now(), inFlight: 0, openStreams: 0 };
  }

  add(session: Session): void {
    session.lastActivity = this.now();
    this.sessions.set(session.id, session);
    this.hibernated.delete(session.id);
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
    for (const [id, asleep] of this.hibernated) {
      // Its record expires from the session store with the same timeout.
      if (now - asleep.lastActivity > this.timeouts.idleTimeoutMs) this.hibernated.delete(id);
    }
    for (const session of [...this.sessions.values()]) {
      if (session.inFlight > 0) continue;
      const idleFor = now - session.lastActivity;
      if (idleFor > this.timeouts.idleTimeoutMs) {
        void this.close(session.id, 'idle');
      } else if (
        session.kind === 'streamable-http' &&
        session.openStreams === 0 &&
        idleFor > this.timeouts.restorableIdleMs
      ) {
        void this.close(session.id, 'hibernated');
        this.hibernated.set(session.id, {
          principalId: session.principalId,
          lastActivity: session.lastActivity,
        });
      }
    }
  }

  /** Counts an event stream open on the session until the returned function is called. */
  trackStream(session: Session): () => void {
    session.openStreams++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      session.openStreams--;
      // A client that lost its stream reconnects soon: give it the whole idle time to.
      session.lastActivity = this.now();
    };
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

  /** Sessions that hibernated here and may still be restored. */
  allHibernated(): IterableIterator<HibernatedSession> {
    return this.hibernated.values();
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
    this.hibernated.clear();
    await Promise.all([...this.sessions.keys()].map((id) => this.close(id, reason)));
  }
}
