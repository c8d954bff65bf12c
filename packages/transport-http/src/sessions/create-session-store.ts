import type { FastifyBaseLogger } from 'fastify';
import type { ResolvedHttpServerOptions } from '../http-server-options.js';
import { DEFAULT_REDIS_EVENTS_PER_SESSION, redact } from '../redis/redis-url.js';
import { MemorySessionStore } from './memory-session-store.js';
import type { SessionStore } from './session-store.js';

/** How long start-up waits for Redis before serving anyway (and refusing new sessions). */
const REDIS_START_WAIT_MS = 3_000;

/**
 * The memory store, or the Redis one when `redis` is set. The Redis client is imported here
 * and only here, so a server without Redis never loads it.
 */
export async function createSessionStore(
  options: ResolvedHttpServerOptions,
  logger: FastifyBaseLogger,
): Promise<SessionStore> {
  if (!options.redis) {
    return new MemorySessionStore(options.sessionIdleTimeoutMs, options.eventsPerStream);
  }
  const { RedisSessionStore } = await import('../redis/redis-session-store.js');
  const store = new RedisSessionStore({
    ...options.redis,
    ttlMs: options.sessionIdleTimeoutMs,
    eventsPerSession: options.redis.eventsPerSession ?? DEFAULT_REDIS_EVENTS_PER_SESSION,
  });
  const where = redact(options.redis.url);
  try {
    await store.waitUntilReady(REDIS_START_WAIT_MS);
    logger.info({ redis: where }, 'sessions are kept in Redis');
  } catch {
    logger.warn(
      { redis: where },
      'Redis is not reachable yet: new sessions are refused (503) and /ready says so until it is',
    );
  }
  return store;
}
