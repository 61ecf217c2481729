import type { Redis } from 'ioredis';
import type { ChannelStore } from '../../channels/contract';

/** Our Redis commands queue while Redis is away (BullMQ settings); channel state must not hang a turn. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms}ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

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
