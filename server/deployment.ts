import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Config } from './config';

/**
 * Identifies a deployment (its database) in Redis keys: platforms sharing one Redis (staging and production, two
 * shops) never take each other's inbound messages, channel leases or queue jobs.
 */
export function deploymentKey(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>): string {
  return createHash('sha256').update(config.DATABASE_URL ?? path.resolve(config.DATA_DIR)).digest('hex').slice(0, 12);
}

/** BullMQ key prefix of the deployment's queues: `WORKER_QUEUE_PREFIX`, else one of its own. */
export function queuePrefix(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR' | 'WORKER_QUEUE_PREFIX'>): string {
  return config.WORKER_QUEUE_PREFIX ?? `bull-${deploymentKey(config)}`;
}
