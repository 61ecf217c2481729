/**
 * Worker process: the outbox relay and the crm-sync consumer, outside the web server (WORKERS=off there).
 * Needs DATABASE_URL (PGlite cannot be shared between processes) and REDIS_URL.
 *   DATABASE_URL=postgres://… REDIS_URL=redis://… npx tsx scripts/workers.ts
 */
import { z } from 'zod';
import { openDatabase } from '../core/db/client';
import { createLogger } from '../core/logger';
import { connectRedis } from '../core/redis';
import { loadConfig } from '../server/config';
import { startWorkers } from '../server/workers';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const WorkerEnv = z.object({
  WORKER_QUEUE_PREFIX: z.string().min(1).default('bull'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(10),
  WORKER_RELAY: bool.default(true),
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(500).default(30_000),
  WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().min(200).default(30_000),
  CRM_RETRY_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
  CRM_BACKOFF_MS: z.coerce.number().int().min(1).default(2000),
  CRM_MAX_BACKOFF_MS: z.coerce.number().int().min(1).default(15 * 60_000),
  CRM_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
});

async function main(): Promise<void> {
  const config = loadConfig();
  const parsed = WorkerEnv.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v)));
  if (!parsed.success) throw new Error(`invalid configuration: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`);
  const env = parsed.data;
  if (!config.DATABASE_URL) throw new Error('the worker process needs DATABASE_URL (PGlite cannot be shared between processes; use WORKERS=inprocess instead)');
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'workers' });
  const database = await openDatabase({ url: config.DATABASE_URL, poolSize: Math.min(50, env.WORKER_CONCURRENCY + 5) });
  const probe = await connectRedis(config.REDIS_URL);
  probe.disconnect();
  const workers = startWorkers({
    db: database.db,
    redisUrl: config.REDIS_URL,
    logger,
    prefix: env.WORKER_QUEUE_PREFIX,
    relay: env.WORKER_RELAY,
    concurrency: env.WORKER_CONCURRENCY,
    lockDurationMs: env.WORKER_LOCK_DURATION_MS,
    stalledIntervalMs: env.WORKER_STALLED_INTERVAL_MS,
    crm: { attempts: env.CRM_RETRY_ATTEMPTS, backoffMs: env.CRM_BACKOFF_MS, maxBackoffMs: env.CRM_MAX_BACKOFF_MS },
    clientOptions: { timeoutMs: env.CRM_HTTP_TIMEOUT_MS },
  });
  logger.info({ pid: process.pid, prefix: env.WORKER_QUEUE_PREFIX, relay: env.WORKER_RELAY, concurrency: env.WORKER_CONCURRENCY }, 'workers started');
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'workers stopping');
    void workers
      .stop()
      .then(() => database.close())
      .then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
