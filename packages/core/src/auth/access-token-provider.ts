import type { TokenProvider } from './token-provider.js';

/** A fixed token supplied by the operator (INFISICAL_TOKEN). It cannot be renewed. */
export class AccessTokenProvider implements TokenProvider {
  constructor(private readonly token: string) {
    if (!token) throw new TypeError('An access token is required');
  }

  async getToken(): Promise<string> {
    return this.token;
  }

  invalidate(): void {
    // A static token cannot be replaced; the retry will fail with Infisical's own message.
  }

  forCall(): TokenProvider {
    return this;
  }
}
