import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Database } from '../../core/db/client';
import type { Logger } from '../../core/logger';
import { markSyncFailed, loadSyncJob } from '../../core/repositories/crm-sync';
import { isConnectorError } from '../connectors/errors';
import type { ClientOptions } from '../connectors/types';
import { queueNames } from '../relay/routes';
import { ConnectionGate } from './gate';
import type { CrmSyncJobData } from './job';
import { crmBackoffDelay, crmBackoffType, defaultCrmSyncSettings, type CrmSyncSettings } from './options';
import { createCrmProcessor } from './processor';

export interface CrmSyncWorkerOptions {
  db: Database;
  /** A connection with maxRetriesPerRequest: null; BullMQ duplicates it for blocking calls. */
  connection: Redis;
  logger: Logger;
  prefix?: string;
  concurrency?: number;
  settings?: CrmSyncSettings;
  /** How long a job's lock lives without renewal: a killed worker's job is picked up again after it. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  clientOptions?: ClientOptions;
  defaultRateLimitWaitMs?: number;
}

/** The crm-sync consumer. Close it with `worker.close()` (waits for running jobs). */
export function createCrmSyncWorker(options: CrmSyncWorkerOptions): Worker<CrmSyncJobData> {
  const settings = options.settings ?? defaultCrmSyncSettings;
  const prefix = options.prefix ?? 'bull';
  const processor = createCrmProcessor({
    db: options.db,
    gate: new ConnectionGate(options.connection, prefix, options.lockDurationMs ?? 30_000),
    logger: options.logger,
    clientOptions: options.clientOptions,
    defaultRateLimitWaitMs: options.defaultRateLimitWaitMs,
  });
  const worker = new Worker<CrmSyncJobData>(queueNames.crmSync, processor, {
    connection: options.connection,
    prefix,
    concurrency: options.concurrency ?? 10,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: 2,
    settings: {
      backoffStrategy: (attemptsMade: number, type?: string, err?: Error) =>
        type === crmBackoffType ? crmBackoffDelay(attemptsMade, settings, isConnectorError(err) ? err.retryAfterMs : undefined) : settings.backoffMs,
    },
  });
  worker.on('error', (error) => options.logger.warn({ err: error }, 'crm-sync worker: Redis error'));
  // Jobs that fail outside the processor (stalled too often) still land on the dead-letter list.
  worker.on('failed', (job: Job<CrmSyncJobData> | undefined, error: Error) => {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1) && !/stalled/i.test(error.message)) return;
    void markDeadIfUnfinished(options.db, job, error.message).catch(() => undefined);
  });
  return worker;
}

async function markDeadIfUnfinished(db: Database, job: Job<CrmSyncJobData>, message: string): Promise<void> {
  const loaded = await loadSyncJob(db, job.data.connectionId, job.data.eventKey);
  if (!loaded || loaded.record.status === 'dead' || loaded.record.status === 'synced' || loaded.record.status === 'skipped') return;
  await markSyncFailed(db, loaded.record.id, { status: 'dead', error: message, countAttempt: false });
}
