/**
 * Hands out an Infisical access token for every request. Tools never hold a token: they ask
 * for one each time, so a renewal or a re-login is invisible to them.
 */
export interface TokenProvider {
  /** A token valid now. Concurrent callers share one login or renewal. */
  getToken(options?: { signal?: AbortSignal }): Promise<string>;
  /** Infisical rejected this token (401, or 403 TokenError): forget it so the next call gets a fresh one. */
  invalidate(token: string): void;
  /**
   * A provider scoped to one tool call. Strategies that log in per call return a fresh scope;
   * caching strategies return themselves.
   */
  forCall(): TokenProvider;
  /**
   * The call this scope served is over. A per-call login revokes its token then, in the
   * background; providers that keep their token have nothing to do.
   */
  release?(): void;
}
