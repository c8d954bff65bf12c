import type { TokenProvider } from '../auth/token-provider.js';
import { InfisicalApiError } from './infisical-api-error.js';
import type { InfisicalHttp, InfisicalRequest } from './infisical-http.js';

/**
 * Authenticated access to the Infisical REST API. Asks its {@link TokenProvider} for a token on
 * every request; when Infisical rejects the token, forgets it and retries once with a fresh one.
 * A rejected token means the request was refused before it ran, so even writes are safe to retry.
 */
export class InfisicalClient {
  constructor(
    readonly http: InfisicalHttp,
    readonly tokens: TokenProvider,
  ) {}

  /** The same client with another token source, e.g. one scoped to a single tool call. */
  withTokens(tokens: TokenProvider): InfisicalClient {
    return tokens === this.tokens ? this : new InfisicalClient(this.http, tokens);
  }

  /**
   * Runs one call (a tool call, a resource read, a completion) with the token scope its
   * strategy gives a call, and releases the scope after: a per-call login's token is revoked.
   */
  async forCall<T>(use: (infisical: InfisicalClient) => Promise<T>): Promise<T> {
    const tokens = this.tokens.forCall();
    try {
      return await use(this.withTokens(tokens));
    } finally {
      tokens.release?.();
    }
  }

  async request<T>(request: InfisicalRequest): Promise<T> {
    const token = await this.tokens.getToken({ signal: request.signal });
    try {
      return await this.http.send<T>(request, token);
    } catch (error) {
      if (!(error instanceof InfisicalApiError) || !error.isTokenRejected) throw error;
      this.tokens.invalidate(token);
      const freshToken = await this.tokens.getToken({ signal: request.signal });
      if (freshToken === token) throw error;
      return this.http.send<T>(request, freshToken);
    }
  }
}
