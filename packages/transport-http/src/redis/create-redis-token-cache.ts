import type { RedisTokenCache, RedisTokenCacheOptions } from './redis-token-cache.js';

/**
 * A token cache shared by replicas through Redis (see {@link RedisTokenCache}); the Redis client
 * is loaded on this call only, so servers without Redis never load it.
 */
export async function createRedisTokenCache(
  options: RedisTokenCacheOptions,
): Promise<RedisTokenCache> {
  const { RedisTokenCache } = await import('./redis-token-cache.js');
  return new RedisTokenCache(options);
}
