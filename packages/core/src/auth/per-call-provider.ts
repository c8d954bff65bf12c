import type { InfisicalHttp } from '../infisical/infisical-http.js';
import { abortable } from './abortable.js';
import type { TokenProvider } from './token-provider.js';
import {
  loginWithUniversalAuth,
  revokeAccessToken,
  type UniversalAuthCredentials,
} from './universal-auth-api.js';

/**
 * A fresh universal-auth login for every tool call, as the seed's FlowMCP server did. Costs a
 * login per call (and a revocation after it), but never reuses a token across calls, and none
 * stays valid once its call is over.
 */
export class PerCallTokenProvider implements TokenProvider {
  constructor(
    private readonly http: InfisicalHttp,
    private readonly credentials: UniversalAuthCredentials,
  ) {
    if (!credentials.clientId || !credentials.clientSecret) {
      throw new TypeError('Universal auth needs a client ID and a client secret');
    }
  }

  /** Outside a tool call every request logs in. */
  async getToken(options: { signal?: AbortSignal } = {}): Promise<string> {
    const grant = await loginWithUniversalAuth(this.http, this.credentials, options.signal);
    return grant.accessToken;
  }

  invalidate(): void {}

  forCall(): TokenProvider {
    return new CallScopedLogin(this.http, this.credentials);
  }
}

/** One login shared by the requests of a single tool call. */
class CallScopedLogin implements TokenProvider {
  private token?: Promise<string>;

  constructor(
    private readonly http: InfisicalHttp,
    private readonly credentials: UniversalAuthCredentials,
  ) {}

  getToken(options: { signal?: AbortSignal } = {}): Promise<string> {
    if (!this.token) {
      this.token = loginWithUniversalAuth(this.http, this.credentials).then(
        (grant) => grant.accessToken,
      );
      this.token.catch(() => {
        this.token = undefined;
      });
    }
    return abortable(this.token, options.signal);
  }

  invalidate(): void {
    this.token = undefined;
  }

  forCall(): TokenProvider {
    return this;
  }

  release(): void {
    const token = this.token;
    this.token = undefined;
    // After the answer, not before it: the caller does not wait. A failed revocation leaves
    // the token to expire with its TTL, as it did before revocation existed.
    token?.then((accessToken) => revokeAccessToken(this.http, accessToken)).catch(() => {});
  }
}
