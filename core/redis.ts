import { Redis, type RedisOptions } from 'ioredis';
import { UnavailableError } from './errors';
import { withTimeout } from './timeout';

export const redisStartHint = 'start it with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no (or set REDIS_URL)';

/**
 * A Redis connection suitable for BullMQ (maxRetriesPerRequest null) that fails fast on start:
 * `connectRedis` resolves once connected or rejects with one clear line saying how to fix it.
 */
export async function connectRedis(url: string, options: RedisOptions = {}): Promise<Redis> {
  const keepRetrying = options.retryStrategy ?? ((attempt: number) => Math.min(attempt * 200, 5000));
  // The first connection fails fast; once up, reconnect forever with backoff.
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, enableReadyCheck: true, ...options, retryStrategy: () => null });
  redis.on('error', () => undefined); // reported by ping/readyz and by the connect below, not as an unhandled event
  try {
    await withTimeout(redis.connect(), 3000, 'connecting');
  } catch (error) {
    redis.disconnect();
    throw new UnavailableError(`Redis is not reachable at ${url.replace(/\/\/[^@]*@/, '//***@')} (${(error as Error).message}); ${redisStartHint}`, {}, { cause: error });
  }
  redis.options.retryStrategy = keepRetrying;
  return redis;
}
