/**
 * The keys of one deployment. A session's keys share the hash tag `{<session id>}`, so on Redis
 * Cluster they live in one slot and a pipeline over them is allowed.
 */
export class RedisKeys {
  constructor(readonly prefix: string) {}

  session(id: string): string {
    return `${this.prefix}session:{${id}}`;
  }

  /** One Redis stream per session holds the events of all its SSE streams. */
  events(sessionId: string): string {
    return `${this.prefix}events:{${sessionId}}`;
  }

  /** Pub/sub channel of one session: events and client replies for whichever replica holds it. */
  channel(sessionId: string): string {
    return `${this.prefix}channel:{${sessionId}}`;
  }

  tokenCache(name: string): string {
    return `${this.prefix}token:${name}`;
  }

  tokenLock(name: string): string {
    return `${this.prefix}token-lock:${name}`;
  }
}
