import { AccessTokenProvider } from '../auth/access-token-provider.js';
import { PerCallTokenProvider } from '../auth/per-call-provider.js';
import type { SharedTokenCache } from '../auth/shared-token-cache.js';
import type { TokenProvider } from '../auth/token-provider.js';
import { UniversalAuthTokenProvider } from '../auth/universal-auth-provider.js';
import type { Logger } from '../logger.js';
import { InfisicalClient } from './infisical-client.js';
import { type InfisicalCallEvent, InfisicalHttp } from './infisical-http.js';
import type { HttpSend } from './node-http-send.js';
import type { RetryOptions } from './retry-policy.js';

export const DEFAULT_INFISICAL_HOST_URL = 'https://app.infisical.com';

/** How the server proves its identity to Infisical. */
export type InfisicalAuth =
  | {
      method: 'universal-auth';
      clientId: string;
      clientSecret: string;
      /**
       * `cached` (default): log in once, renew before expiry, log in again after the max TTL.
       * `per-call`: a fresh login for every tool call.
       */
      tokenStrategy?: 'cached' | 'per-call';
    }
  | { method: 'access-token'; accessToken: string }
  | { method: 'custom'; tokenProvider: (http: InfisicalHttp) => TokenProvider };

export interface ConnectionOptions {
  /** Base URL of the Infisical instance. Default https://app.infisical.com. */
  hostUrl?: string;
  auth: InfisicalAuth;
  /** Per-request timeout in milliseconds, retries included. Default 15 000. */
  timeoutMs?: number;
  /** Retries of idempotent requests (reads, logins) after 429, 5xx or a lost connection. */
  retry?: RetryOptions;
  /** Sends the HTTP requests instead of `node:http(s)`; the global `fetch` fits. */
  fetch?: HttpSend;
  logger?: Logger;
  /** Told about every finished Infisical request, logins and renewals included (metrics). */
  onInfisicalCall?: (event: InfisicalCallEvent) => void;
  /**
   * Universal auth, `cached` strategy: share the token with other processes of the same
   * identity (replicas behind a load balancer), so they log in once and one renews.
   */
  tokenCache?: SharedTokenCache;
}

/** Builds an authenticated client; share one between servers to share its token cache. */
export function createInfisicalClient(options: ConnectionOptions): InfisicalClient {
  const http = new InfisicalHttp({
    baseUrl: options.hostUrl ?? DEFAULT_INFISICAL_HOST_URL,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    fetch: options.fetch,
    onCall: options.onInfisicalCall,
  });
  return new InfisicalClient(http, createTokenProvider(http, options));
}

function createTokenProvider(http: InfisicalHttp, options: ConnectionOptions): TokenProvider {
  const { auth } = options;
  switch (auth.method) {
    case 'access-token':
      return new AccessTokenProvider(auth.accessToken);
    case 'universal-auth': {
      const credentials = { clientId: auth.clientId, clientSecret: auth.clientSecret };
      return auth.tokenStrategy === 'per-call'
        ? new PerCallTokenProvider(http, credentials)
        : new UniversalAuthTokenProvider({
            http,
            credentials,
            logger: options.logger,
            sharedCache: options.tokenCache,
          });
    }
    case 'custom':
      return auth.tokenProvider(http);
  }
}
