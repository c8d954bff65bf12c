import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { parseRedisUrl } from './redis-url.js';

export type RedisClient = Redis | Cluster;

const RECONNECT = (attempt: number) => Math.min(attempt * 100, 2_000);

/**
 * Reconnect quickly, then every 2 s for ever: the server recovers by itself when Redis returns.
 * Commands fail at once while Redis is away instead of piling up, so callers can answer 503.
 */
const COMMON_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 5_000,
  retryStrategy: RECONNECT,
};

/** A client for the URL (one node, Sentinel or Cluster); it connects in the background. */
export function connectRedis(url: string): RedisClient {
  const topology = parseRedisUrl(url);
  if (topology.kind === 'node') return new Redis(url, COMMON_OPTIONS);
  const { hosts, username, password } = topology;
  const tls = topology.tls ? { tls: {} } : {};
  if (topology.kind === 'cluster') {
    return new Cluster(hosts, {
      enableOfflineQueue: false,
      clusterRetryStrategy: RECONNECT,
      redisOptions: { ...COMMON_OPTIONS, username, password, ...tls },
    });
  }
  return new Redis({
    ...COMMON_OPTIONS,
    sentinels: hosts,
    name: topology.name,
    db: topology.db,
    username,
    password,
    sentinelPassword: password,
    ...tls,
  });
}

/**
 * Resolves once the client is connected, or rejects after `timeoutMs`: commands are not queued
 * while it connects (see COMMON_OPTIONS), so a first command waits here instead of failing.
 */
export function whenReady(client: RedisClient, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      reject(new Error(`Redis is not reachable (${client.status})`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    client.once('ready', onReady);
  });
}
