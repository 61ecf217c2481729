import { Queue } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { Database } from '../core/db/client';
import type { Logger } from '../core/logger';
import type { Config } from './config';
import type { ClientOptions } from '../integrations/connectors/types';
import { crmJobOptions, defaultCrmSyncSettings, type CrmSyncSettings } from '../integrations/crm-sync/options';
import { createCrmSyncWorker } from '../integrations/crm-sync/worker';
import { OutboxRelay } from '../integrations/relay/relay';
import { allQueueNames, type QueueName } from '../integrations/relay/routes';
import { queuePrefix } from './deployment';

export interface WorkerDeps {
  db: Database;
  /** Either a URL or an existing connection whose options are reused (new connections are opened either way). */
  redisUrl?: string;
  redis?: Redis;
  logger: Logger;
  /** BullMQ key prefix (`queuePrefix`; default "bull" here); tests use their own. */
  prefix?: string;
  /** Run the outbox relay (default true). */
  relay?: boolean;
  /** Run the crm-sync consumer (default true). */
  crmSync?: boolean;
  concurrency?: number;
  crm?: Partial<CrmSyncSettings>;
  relayPollMs?: number;
  relayBatchSize?: number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  clientOptions?: ClientOptions;
}

/** The worker settings of the environment (see `.env.example`), the same for in-process and separate workers. */
export function workerSettings(config: Config): Pick<WorkerDeps, 'prefix' | 'relay' | 'concurrency' | 'lockDurationMs' | 'stalledIntervalMs' | 'crm' | 'clientOptions'> {
  return {
    prefix: queuePrefix(config),
    relay: config.WORKER_RELAY,
    concurrency: config.WORKER_CONCURRENCY,
    lockDurationMs: config.WORKER_LOCK_DURATION_MS,
    stalledIntervalMs: config.WORKER_STALLED_INTERVAL_MS,
    crm: { attempts: config.CRM_RETRY_ATTEMPTS, backoffMs: config.CRM_BACKOFF_MS, maxBackoffMs: config.CRM_MAX_BACKOFF_MS },
    clientOptions: { timeoutMs: config.CRM_HTTP_TIMEOUT_MS },
  };
}

export interface RunningWorkers {
  relay?: OutboxRelay;
  /** Producers for every routed queue (replays use crm-sync). */
  queues: ReadonlyMap<QueueName, Queue>;
  /** Relay now rather than at the next poll (call after a turn commits). */
  kick(): void;
  /** Stops taking work, lets running jobs finish, closes connections. */
  stop(): Promise<void>;
}

/**
 * Starts the outbox relay and the crm-sync worker in this process (WORKERS=inprocess) or in a worker process
 * (scripts/workers.ts). Nothing here fails when Redis is down: the relay keeps rows in the outbox and retries,
 * the worker reconnects.
 */
export function startWorkers(deps: WorkerDeps): RunningWorkers {
  const base: RedisOptions = deps.redisUrl ? parseRedisUrl(deps.redisUrl) : { ...(deps.redis?.options ?? {}) };
  // Producer: fail fast while Redis is away so the relay's transaction rolls back instead of hanging.
  const producer = new Redis({ ...base, lazyConnect: false, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  producer.on('error', () => undefined);
  const settings: CrmSyncSettings = { ...defaultCrmSyncSettings, ...deps.crm };
  const prefix = deps.prefix ?? 'bull';
  const queues = new Map<QueueName, Queue>(allQueueNames.map((name) => [name, new Queue(name, { connection: producer, prefix })]));
  for (const queue of queues.values()) queue.on('error', () => undefined);

  let relay: OutboxRelay | undefined;
  if (deps.relay ?? true) {
    relay = new OutboxRelay({
      db: deps.db, queues, logger: deps.logger, canEnqueue: () => producer.status === 'ready', pollMs: deps.relayPollMs, batchSize: deps.relayBatchSize, crmJobOptions: crmJobOptions(settings) as Record<string, unknown>,
    });
    relay.start();
    producer.on('ready', () => relay?.kick());
  }

  let workerConnection: Redis | undefined;
  let worker: ReturnType<typeof createCrmSyncWorker> | undefined;
  if (deps.crmSync ?? true) {
    workerConnection = new Redis({ ...base, lazyConnect: false, maxRetriesPerRequest: null });
    workerConnection.on('error', () => undefined);
    worker = createCrmSyncWorker({
      db: deps.db, connection: workerConnection, logger: deps.logger, prefix, concurrency: deps.concurrency, settings,
      lockDurationMs: deps.lockDurationMs, stalledIntervalMs: deps.stalledIntervalMs, clientOptions: deps.clientOptions,
    });
  }

  let stopping: Promise<void> | undefined;
  return {
    relay,
    queues,
    kick: () => relay?.kick(),
    stop: () =>
      (stopping ??= (async () => {
        await relay?.stop();
        await worker?.close();
        await Promise.allSettled([...queues.values()].map((q) => q.close()));
        workerConnection?.disconnect();
        producer.disconnect();
      })()),
  };
}

export function parseRedisUrl(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined,
    tls: u.protocol === 'rediss:' ? {} : undefined,
  };
}
