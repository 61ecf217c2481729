/**
 * Worker process: the outbox relay and the crm-sync consumer, outside the web server (WORKERS=off there).
 * Needs DATABASE_URL (PGlite cannot be shared between processes) and REDIS_URL.
 *   DATABASE_URL=postgres://… REDIS_URL=redis://… npx tsx scripts/workers.ts
 */
import { openDatabase } from '../core/db/client';
import { createLogger } from '../core/logger';
import { connectRedis } from '../core/redis';
import { loadConfig } from '../server/config';
import { startWorkers, workerSettings } from '../server/workers';

async function main(): Promise<void> {
  const config = loadConfig();
  const settings = workerSettings(config);
  if (!config.DATABASE_URL) throw new Error('the worker process needs DATABASE_URL (PGlite cannot be shared between processes; use WORKERS=inprocess instead)');
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'workers' });
  const database = await openDatabase({ url: config.DATABASE_URL, poolSize: Math.min(50, config.WORKER_CONCURRENCY + 5) });
  const probe = await connectRedis(config.REDIS_URL);
  probe.disconnect();
  const workers = startWorkers({ db: database.db, redisUrl: config.REDIS_URL, logger, ...settings });
  logger.info({ pid: process.pid, prefix: settings.prefix, relay: settings.relay, concurrency: settings.concurrency }, 'workers started');
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
