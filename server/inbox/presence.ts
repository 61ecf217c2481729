import type { Redis } from 'ioredis';

/** Agent presence across instances: a Redis key per user, refreshed by their websockets and API calls. */
export const PRESENCE_TTL_MS = 90_000;
const key = (userId: string) => `inbox:presence:${userId}`;

export async function touchPresence(redis: Redis, userId: string, ttlMs = PRESENCE_TTL_MS): Promise<void> {
  await redis.set(key(userId), String(Date.now()), 'PX', ttlMs);
}

export async function isPresent(redis: Redis, userId: string): Promise<boolean> {
  return (await redis.exists(key(userId))) === 1;
}
