import type { InfisicalHttp } from '../infisical/infisical-http.js';
import { type Logger, silentLogger } from '../logger.js';
import { abortable } from './abortable.js';
import type { SharedToken, SharedTokenCache } from './shared-token-cache.js';
import type { TokenProvider } from './token-provider.js';
import {
  type AccessTokenGrant,
  loginWithUniversalAuth,
  renewAccessToken,
  type UniversalAuthCredentials,
} from './universal-auth-api.js';

export interface UniversalAuthProviderOptions {
  http: InfisicalHttp;
  credentials: UniversalAuthCredentials;
  logger?: Logger;
  /** Clock in milliseconds, injectable for tests. */
  now?: () => number;
  /** Share the token with other processes of the same identity (replicas); see {@link SharedTokenCache}. */
  sharedCache?: SharedTokenCache;
}

/**
 * `refreshAt` comes a little before expiry, so no request carries a dying token; after
 * `maxLifetimeEndsAt` Infisical refuses renewals and a new login is needed.
 */
type CachedToken = SharedToken;

/** Longest head start before expiry at which a token is renewed. */
const MAX_REFRESH_MARGIN_MS = 60_000;

/**
 * Universal-auth with a cached token: one login, renewals via `/api/v1/auth/token/renew`
 * while the token is within its max TTL, a fresh login after that. Concurrent callers share
 * a single login or renewal.
 */
export class UniversalAuthTokenProvider implements TokenProvider {
  private cached?: CachedToken;
  private inFlight?: Promise<string>;
  private readonly http: InfisicalHttp;
  private readonly credentials: UniversalAuthCredentials;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly sharedCache?: SharedTokenCache;

  constructor(options: UniversalAuthProviderOptions) {
    if (!options.credentials.clientId || !options.credentials.clientSecret) {
      throw new TypeError('Universal auth needs a client ID and a client secret');
    }
    this.http = options.http;
    this.credentials = options.credentials;
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
    this.sharedCache = options.sharedCache;
  }

  getToken(options: { signal?: AbortSignal } = {}): Promise<string> {
    const cached = this.cached;
    if (cached && this.now() < cached.refreshAt) return Promise.resolve(cached.accessToken);
    if (!this.inFlight) {
      this.inFlight = this.refreshShared(cached).finally(() => {
        this.inFlight = undefined;
      });
    }
    return abortable(this.inFlight, options.signal);
  }

  invalidate(token: string): void {
    if (this.cached?.accessToken === token) this.cached = undefined;
    this.sharedCache?.discard(token).catch(() => {});
  }

  forCall(): TokenProvider {
    return this;
  }

  /**
   * With a shared cache: take the token another replica stored if it is fresh, otherwise log in
   * or renew under the cache's lock and store the result. The cache failing is logged and the
   * provider carries on alone.
   */
  private async refreshShared(previous: CachedToken | undefined): Promise<string> {
    const shared = this.sharedCache;
    if (!shared) return this.refreshAlone(previous);
    try {
      const stored = await shared.read();
      if (stored && this.now() < stored.refreshAt) return this.adopt(stored);
      return await shared.withLock(async () => {
        const again = await shared.read();
        if (again && this.now() < again.refreshAt) return this.adopt(again);
        const token = await this.refresh(again ?? previous);
        if (this.cached) await shared.write(this.cached).catch(() => {});
        return token;
      });
    } catch (error) {
      if (error instanceof SharedCacheBypass) throw error.cause;
      this.logger.warn(
        { err: describe(error) },
        'shared token cache unavailable; logging in alone',
      );
      return this.refreshAlone(previous);
    }
  }

  private adopt(token: SharedToken): string {
    this.cached = token;
    return token.accessToken;
  }

  /** Under the shared cache's lock; Infisical's refusal is not the cache's failure. */
  private async refresh(previous: CachedToken | undefined): Promise<string> {
    try {
      return await this.refreshAlone(previous);
    } catch (error) {
      throw new SharedCacheBypass(error);
    }
  }

  private async refreshAlone(previous: CachedToken | undefined): Promise<string> {
    const now = this.now();
    if (previous && now < previous.expiresAt && now < previous.maxLifetimeEndsAt) {
      try {
        const grant = await renewAccessToken(this.http, previous.accessToken);
        this.cached = this.toCached(grant, previous.maxLifetimeEndsAt);
        this.logger.debug({ expiresIn: grant.expiresIn }, 'renewed Infisical access token');
        return grant.accessToken;
      } catch (error) {
        this.logger.info(
          { err: describe(error) },
          'Infisical token renewal failed; logging in again',
        );
      }
    }
    const grant = await loginWithUniversalAuth(this.http, this.credentials);
    const maxLifetimeEndsAt =
      grant.accessTokenMaxTTL > 0 ? this.now() + grant.accessTokenMaxTTL * 1000 : Infinity;
    this.cached = this.toCached(grant, maxLifetimeEndsAt);
    this.logger.debug({ expiresIn: grant.expiresIn }, 'logged in to Infisical (universal auth)');
    return grant.accessToken;
  }

  private toCached(grant: AccessTokenGrant, maxLifetimeEndsAt: number): CachedToken {
    const now = this.now();
    const lifetimeMs = grant.expiresIn > 0 ? grant.expiresIn * 1000 : Infinity;
    const expiresAt = Math.min(now + lifetimeMs, maxLifetimeEndsAt);
    const margin = Math.min(MAX_REFRESH_MARGIN_MS, (expiresAt - now) * 0.1);
    return {
      accessToken: grant.accessToken,
      expiresAt,
      refreshAt: expiresAt - margin,
      maxLifetimeEndsAt,
    };
  }
}

/** Carries a login or renewal failure through the shared-cache path unchanged. */
class SharedCacheBypass extends Error {
  constructor(override readonly cause: unknown) {
    super('login failed');
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
