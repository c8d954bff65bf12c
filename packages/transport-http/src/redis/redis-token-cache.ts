import { randomUUID } from 'node:crypto';
import { connectRedis, type RedisClient } from './redis-connection.js';
import { RedisKeys } from './redis-keys.js';
import { DEFAULT_REDIS_KEY_PREFIX, type RedisSettings } from './redis-url.js';
import { openSealedValue, sealValue } from './sealed-value.js';

/** The token fields replicas share (`SharedToken` of @infisical/mcp-core, structurally). */
export interface SharedAccessToken {
  accessToken: string;
  expiresAt: number;
  refreshAt: number;
  maxLifetimeEndsAt: number;
}

export interface RedisTokenCacheOptions {
  redis: RedisSettings;
  /** 32 bytes: the token is stored encrypted with AES-256-GCM under this key. */
  encryptionKey: Buffer;
  /** Names the identity (e.g. a hash of host URL and client id): one token per identity. */
  identity: string;
  /** How long a replica holds the lock at most (a crashed holder frees it after this). Default 15 s. */
  lockTtlMs?: number;
}

const LOCK_POLL_MS = 50;

/** Deletes the lock only if this replica still holds it. */
const RELEASE_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * The server identity's Infisical token shared by replicas through Redis (`SharedTokenCache` of
 * @infisical/mcp-core): encrypted with the operator's key, expiring with the token, and a lock
 * (SET NX PX, released by its holder only) so one replica logs in or renews while the others
 * wait and read.
 */
export class RedisTokenCache {
  private readonly client: RedisClient;
  private readonly tokenKey: string;
  private readonly lockKey: string;
  private readonly lockTtlMs: number;

  constructor(private readonly options: RedisTokenCacheOptions) {
    if (options.encryptionKey.length !== 32) {
      throw new TypeError('The token cache key must be 32 bytes (AES-256).');
    }
    this.client = connectRedis(options.redis.url);
    this.client.on('error', () => {});
    const keys = new RedisKeys(options.redis.keyPrefix ?? DEFAULT_REDIS_KEY_PREFIX);
    this.tokenKey = keys.tokenCache(options.identity);
    this.lockKey = keys.tokenLock(options.identity);
    this.lockTtlMs = options.lockTtlMs ?? 15_000;
  }

  async read(): Promise<SharedAccessToken | undefined> {
    const stored = await this.client.get(this.tokenKey);
    if (stored === null) return undefined;
    try {
      const token = JSON.parse(
        openSealedValue(this.options.encryptionKey, this.tokenKey, stored),
      ) as SharedAccessToken & {
        maxLifetimeEndsAt: number | null;
      };
      return { ...token, maxLifetimeEndsAt: token.maxLifetimeEndsAt ?? Infinity };
    } catch {
      // Another key, or tampered with: as if absent; the next login overwrites it.
      return undefined;
    }
  }

  async write(token: SharedAccessToken): Promise<void> {
    const ttlMs = Math.floor(token.expiresAt - Date.now());
    if (!Number.isFinite(ttlMs) || ttlMs <= 0) return;
    const plain = JSON.stringify({
      ...token,
      maxLifetimeEndsAt: Number.isFinite(token.maxLifetimeEndsAt) ? token.maxLifetimeEndsAt : null,
    });
    await this.client.set(
      this.tokenKey,
      sealValue(this.options.encryptionKey, this.tokenKey, plain),
      'PX',
      ttlMs,
    );
  }

  async discard(accessToken: string): Promise<void> {
    const current = await this.read();
    if (current?.accessToken === accessToken) await this.client.del(this.tokenKey);
  }

  async withLock<T>(work: () => Promise<T>): Promise<T> {
    const holder = randomUUID();
    const deadline = Date.now() + this.lockTtlMs;
    while ((await this.client.set(this.lockKey, holder, 'PX', this.lockTtlMs, 'NX')) !== 'OK') {
      // The holder crashed without its lock expiring yet, or is very slow: go on alone.
      if (Date.now() > deadline) return work();
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
    try {
      return await work();
    } finally {
      await this.client.eval(RELEASE_LOCK, 1, this.lockKey, holder).catch(() => {});
    }
  }

  close(): void {
    this.client.disconnect();
  }
}
