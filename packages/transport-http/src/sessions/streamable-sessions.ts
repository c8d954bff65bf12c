/** A Streamable HTTP session as the caps see it: whose, and when it was last used. */
export interface SessionUse {
  id: string;
  principalId: string;
  lastActivity: number;
  /** GET streams open on it here: a session someone listens to is in use. */
  openStreams: number;
  /** Whether its one standalone GET stream (not a resumption) is open here. */
  standaloneStream: boolean;
  /** Ends each GET stream open on it here (the session ends, or the server shuts down). */
  endStreams?: Set<() => void>;
}

/**
 * The Streamable HTTP sessions this replica opened or served, by client, so the session caps
 * can count them and pick the least recently used one to close. A few dozen bytes a session:
 * the session itself is its record in the session store. Entries go with the session (DELETE,
 * eviction) or once idle longer than the session store keeps it.
 */
export class StreamableSessions {
  private readonly sessions = new Map<string, SessionUse>();
  private readonly byClient = new Map<string, Set<string>>();

  constructor(
    private readonly idleTimeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Marks the session used now, adding it when this replica had not seen it. */
  use(id: string, principalId: string): SessionUse {
    let session = this.sessions.get(id);
    if (!session) {
      session = {
        id,
        principalId,
        lastActivity: this.now(),
        openStreams: 0,
        standaloneStream: false,
      };
      this.sessions.set(id, session);
      let ids = this.byClient.get(principalId);
      if (!ids) {
        ids = new Set();
        this.byClient.set(principalId, ids);
      }
      ids.add(id);
    }
    session.lastActivity = this.now();
    return session;
  }

  /**
   * Counts a GET stream open on the session until the returned function is called; `end` ends
   * the stream when the session ends first.
   */
  trackStream(id: string, principalId: string, end: () => void = () => {}): () => void {
    const session = this.use(id, principalId);
    session.openStreams++;
    session.endStreams ??= new Set();
    session.endStreams.add(end);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      session.endStreams?.delete(end);
      session.openStreams = Math.max(0, session.openStreams - 1);
      // A client that lost its stream reconnects soon: give it the whole idle time to.
      session.lastActivity = this.now();
    };
  }

  forget(id: string): void {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    for (const end of [...(session.endStreams ?? [])]) end();
    const ids = this.byClient.get(session.principalId);
    ids?.delete(id);
    if (ids?.size === 0) this.byClient.delete(session.principalId);
  }

  /** The client's sessions still kept by the store. */
  of(principalId: string): SessionUse[] {
    this.expire();
    const ids = this.byClient.get(principalId);
    if (!ids) return [];
    return [...ids].map((id) => this.sessions.get(id) as SessionUse);
  }

  all(): IterableIterator<SessionUse> {
    this.expire();
    return this.sessions.values();
  }

  get size(): number {
    this.expire();
    return this.sessions.size;
  }

  private lastExpiry = 0;

  /** Drops sessions the store has expired; at most once a second, however often asked. */
  private expire(): void {
    const now = this.now();
    if (now - this.lastExpiry < 1000) return;
    this.lastExpiry = now;
    for (const session of this.sessions.values()) {
      if (session.openStreams === 0 && now - session.lastActivity > this.idleTimeoutMs) {
        this.forget(session.id);
      }
    }
  }

  clear(): void {
    for (const id of [...this.sessions.keys()]) this.forget(id);
  }
}
