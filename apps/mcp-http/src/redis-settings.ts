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
];

export interface RedisSettings {
  url: string;
  keyPrefix: string;
  eventsPerSession: number;
  /** Encrypts the shared token cache; absent: no shared cache. */
  tokenKey?: Buffer;
}

export function readRedisSettings(read: OptionReader): RedisSettings | undefined {
  const url = read('redis-url');
  const tokenKey = read('redis-token-key');
  if (!url.value) {
    if (tokenKey.value) {
      throw new ConfigError(`${tokenKey.source} needs ${read('redis-url').source} to be set.`);
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
  if (tokenKey.value && !/^[0-9a-fA-F]{64}$/.test(tokenKey.value)) {
    throw new ConfigError(
      `${tokenKey.source} must be 64 hex characters (32 random bytes, e.g. openssl rand -hex 32).`,
    );
  }
  const events = read('redis-events-per-session');
  if (!/^\d+$/.test(events.value) || Number(events.value) < 1) {
    throw new ConfigError(`${events.source} must be a whole number >= 1 (got "${events.value}").`);
  }
  return {
    url: url.value,
    keyPrefix: prefix.value,
    eventsPerSession: Number(events.value),
    tokenKey: tokenKey.value ? Buffer.from(tokenKey.value, 'hex') : undefined,
  };
}
