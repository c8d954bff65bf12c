import {
  ConfigError,
  type ReadSettings,
  Setting,
  type SettingValues,
  settingGroup,
} from '@infisical/mcp-core';
import {
  DEFAULT_REDIS_EVENTS_PER_SESSION,
  DEFAULT_REDIS_KEY_PREFIX,
  redisUrlProblem,
} from '@infisical/mcp-transport-http';

/** Scale-out: sessions, resumable events and the server's token shared by replicas through Redis. */
export const REDIS_SETTINGS = settingGroup({
  redisUrl: Setting.optionalString({
    flag: 'redis-url',
    env: 'REDIS_URL',
    unsetMeans: 'none (memory)',
    secret: true,
    description:
      'keep sessions and resumable events in Redis so replicas behind a load balancer share them: `redis://host:6379`, `rediss://…`, `redis+sentinel://h1:26379,h2:26379/<master>`, `redis+cluster://h1:6379,h2:6379`',
  }),
  redisKeyPrefix: Setting.string({
    flag: 'redis-key-prefix',
    env: 'INFISICAL_MCP_REDIS_KEY_PREFIX',
    default: DEFAULT_REDIS_KEY_PREFIX,
    description: 'prefix of every Redis key and channel, so deployments can share one Redis',
  }),
  redisEventsPerSession: Setting.integer({
    flag: 'redis-events-per-session',
    env: 'INFISICAL_MCP_REDIS_EVENTS_PER_SESSION',
    default: DEFAULT_REDIS_EVENTS_PER_SESSION,
    minimum: 1,
    description:
      'server-to-client events kept per session in Redis for `Last-Event-ID` resumption on any replica (about: Redis trims whole stream nodes)',
  }),
  redisTokenKey: Setting.optionalString({
    flag: 'redis-token-key',
    env: 'INFISICAL_MCP_REDIS_TOKEN_KEY',
    unsetMeans: 'none',
    secret: true,
    description:
      "64 hex characters (32 bytes): replicas share the server identity's Infisical token, encrypted with this key (AES-256-GCM), so they log in once; without it each replica logs in itself",
  }),
  redisEventsKey: Setting.optionalString({
    flag: 'redis-events-key',
    env: 'INFISICAL_MCP_REDIS_EVENTS_KEY',
    unsetMeans: '`--redis-token-key`',
    secret: true,
    description:
      '64 hex characters, the same on every replica: encrypts (AES-256-GCM) the events kept for resumption, revealed values among them, and what replicas relay; with `--redis-url` a key or `--redis-plaintext-events` is required',
  }),
  redisPlaintextEvents: Setting.boolean({
    flag: 'redis-plaintext-events',
    env: 'INFISICAL_MCP_REDIS_PLAINTEXT_EVENTS',
    description:
      'keep those events in Redis unencrypted (the behaviour before the events key): only for a Redis nobody else can read, since they hold revealed secret values',
  }),
});

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

export function readRedisSettings({
  values,
  sourceOf,
}: ReadSettings<SettingValues<typeof REDIS_SETTINGS>>): RedisSettings | undefined {
  const plaintextEvents = values.redisPlaintextEvents;
  const url = { value: values.redisUrl ?? '', source: sourceOf('redisUrl') };
  const tokenKey = { value: values.redisTokenKey ?? '', source: sourceOf('redisTokenKey') };
  const eventsKey = { value: values.redisEventsKey ?? '', source: sourceOf('redisEventsKey') };
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
  const prefix = { value: values.redisKeyPrefix, source: sourceOf('redisKeyPrefix') };
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
  if (eventsKey.value && plaintextEvents) {
    throw new ConfigError(
      `${sourceOf('redisPlaintextEvents')} and ${eventsKey.source} contradict each other: keep one.`,
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
    eventsPerSession: values.redisEventsPerSession,
    tokenKey: tokenKey.value ? Buffer.from(tokenKey.value, 'hex') : undefined,
    eventsKey: eventsKeyHex ? Buffer.from(eventsKeyHex, 'hex') : undefined,
    plaintextEvents,
  };
}
