import { ConfigError } from '@infisical/mcp-core';
import { redisUrlProblem } from '@infisical/mcp-transport-http';
import type { OptionReader } from './client-auth-settings.js';

/** Scale-out: sessions, resumable events and the server's token shared by replicas through Redis. */
export const REDIS_OPTIONS = [
  {
    flag: 'redis-url',
    env: 'REDIS_URL',
    fallback: '',
    description:
      'keep sessions and resumable events in Redis so replicas behind a load balancer share them: redis://host:6379, rediss://…, redis+sentinel://h1:26379,h2:26379/<master>, redis+cluster://h1:6379,h2:6379 (default: in memory)',
  },
  {
    flag: 'redis-key-prefix',
    env: 'INFISICAL_MCP_REDIS_KEY_PREFIX',
    fallback: 'infisical-mcp:',
    description: 'prefix of every Redis key and channel, so deployments can share one Redis',
  },
  {
    flag: 'redis-events-per-session',
    env: 'INFISICAL_MCP_REDIS_EVENTS_PER_SESSION',
    fallback: '100',
    description:
      'server-to-client events kept per session in Redis for Last-Event-ID resumption on any replica (about: Redis trims whole stream nodes)',
  },
  {
    flag: 'redis-token-key',
    env: 'INFISICAL_MCP_REDIS_TOKEN_KEY',
    fallback: '',
    description:
      "32 bytes as 64 hex characters: share the server identity's Infisical token between replicas, encrypted with this key (AES-256-GCM), so N replicas log in once; without it each replica logs in itself",
  },
  {
    flag: 'redis-events-key',
    env: 'INFISICAL_MCP_REDIS_EVENTS_KEY',
    fallback: '',
    description:
      "32 bytes as 64 hex characters, the same on every replica: events kept in Redis for resumption (tool results, revealed secret values among them) and messages relayed between replicas are encrypted with it (AES-256-GCM); default: --redis-token-key's. With --redis-url, one of the two keys or --redis-plaintext-events is required",
  },
  {
    flag: 'redis-plaintext-events',
    env: 'INFISICAL_MCP_REDIS_PLAINTEXT_EVENTS',
    fallback: 'false',
    description:
      'keep events in Redis unencrypted instead (the behaviour before the events key): only for a Redis nobody else can read, since they hold revealed secret values',
    boolean: true,
  },
];

export interface RedisSettings {
  url: string;
  keyPrefix: string;
  eventsPerSession: number;
  /** Encrypts the shared token cache; absent: no shared cache. */
  tokenKey?: Buffer;
  /** Encrypts buffered events; absent only with `plaintextEvents`. */
  eventsKey?: Buffer;
  plaintextEvents: boolean;
}

export function readRedisSettings(
  read: OptionReader,
  plaintextEvents: boolean,
): RedisSettings | undefined {
  const url = read('redis-url');
  const tokenKey = read('redis-token-key');
  const eventsKey = read('redis-events-key');
  if (!url.value) {
    for (const needsRedis of [tokenKey, eventsKey]) {
      if (needsRedis.value) {
        throw new ConfigError(`${needsRedis.source} needs ${url.source} to be set.`);
      }
    }
    return undefined;
  }
  const problem = redisUrlProblem(url.value);
  if (problem) throw new ConfigError(`${url.source}: ${problem}`);
  const prefix = read('redis-key-prefix');
  if (!/^[\w.:-]{1,64}$/.test(prefix.value)) {
    throw new ConfigError(
      `${prefix.source} must be 1 to 64 letters, digits, "_", ".", ":" or "-" (got "${prefix.value}").`,
    );
  }
  for (const key of [tokenKey, eventsKey]) {
    if (key.value && !/^[0-9a-fA-F]{64}$/.test(key.value)) {
      throw new ConfigError(
        `${key.source} must be 64 hex characters (32 random bytes, e.g. openssl rand -hex 32).`,
      );
    }
  }
  const events = read('redis-events-per-session');
  if (!/^\d+$/.test(events.value) || Number(events.value) < 1) {
    throw new ConfigError(`${events.source} must be a whole number >= 1 (got "${events.value}").`);
  }
  if (eventsKey.value && plaintextEvents) {
    throw new ConfigError(
      `${read('redis-plaintext-events').source} and ${eventsKey.source} contradict each other: keep one.`,
    );
  }
  // The token key doubles as the events key: one secret for an operator to hand the replicas.
  const eventsKeyHex = plaintextEvents ? '' : eventsKey.value || tokenKey.value;
  if (!eventsKeyHex && !plaintextEvents) {
    throw new ConfigError(
      `${url.source} keeps tool results (revealed secret values among them) in Redis for resumption: set --redis-events-key (INFISICAL_MCP_REDIS_EVENTS_KEY) or --redis-token-key (INFISICAL_MCP_REDIS_TOKEN_KEY), 64 hex characters (e.g. openssl rand -hex 32), to encrypt them, or --redis-plaintext-events (INFISICAL_MCP_REDIS_PLAINTEXT_EVENTS) to keep them in clear.`,
    );
  }
  return {
    url: url.value,
    keyPrefix: prefix.value,
    eventsPerSession: Number(events.value),
    tokenKey: tokenKey.value ? Buffer.from(tokenKey.value, 'hex') : undefined,
    eventsKey: eventsKeyHex ? Buffer.from(eventsKeyHex, 'hex') : undefined,
    plaintextEvents,
  };
}
