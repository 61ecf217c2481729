import type { Redis } from 'ioredis';
import type { ChannelStore } from '../../channels/contract';
import { withTimeout } from '../../core/timeout';

/** Channel state every server instance must see (Bot Framework conversation references...), in Redis. */
export function redisChannelStore(redis: Redis, prefix = 'omnibot:channels:'): ChannelStore {
  return {
    async get(key) {
      const value = await withTimeout(redis.get(prefix + key), 2000, 'redis get');
      return value ?? undefined;
    },
    async set(key, value, ttlSeconds) {
      if (ttlSeconds) await withTimeout(redis.set(prefix + key, value, 'EX', ttlSeconds), 2000, 'redis set');
      else await withTimeout(redis.set(prefix + key, value), 2000, 'redis set');
    },
  };
}
