/** A token as replicas share it: the fields the universal-auth provider caches. */
export interface SharedToken {
  accessToken: string;
  /** Milliseconds since the epoch, like every time here. */
  expiresAt: number;
  /** Renew from this moment on. */
  refreshAt: number;
  /** After this moment a new login is needed; Infinity when Infisical sets no limit. */
  maxLifetimeEndsAt: number;
}

/**
 * Where several server processes keep the one token of the identity they share, so N replicas
 * log in once and only one renews. Core holds no storage code: an implementation (Redis, in
 * `@infisical/mcp-transport-http`) plugs in through `ConnectionOptions.tokenCache`. It must keep
 * the token confidential (encrypted at rest). Any failure of the cache makes the provider fall
 * back to its own login: a cache never stops tool calls.
 */
export interface SharedTokenCache {
  /** The token another process stored, if any. */
  read(): Promise<SharedToken | undefined>;
  /**
   * Runs `work` while no other process runs its own `work` for this cache (a lock), so a single
   * process logs in or renews while the others wait and then read what it stored.
   */
  withLock<T>(work: () => Promise<T>): Promise<T>;
  write(token: SharedToken): Promise<void>;
  /** Infisical refused this token: drop it, if it is still the one stored. */
  discard(accessToken: string): Promise<void>;
}
