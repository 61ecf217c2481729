import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { openDatabase } from '../core/db/client';
import { createLogger, type Logger } from '../core/logger';
import { connectRedis } from '../core/redis';
import { countUsers } from '../core/repositories/users';
import { BotRuntime } from '../bots/runtime/runtime';
import { InFlight } from '../bots/runtime/in-flight';
import { seedDemoBot } from '../bots/demo/seed';
import { createKnowledgeResolver, createOpenAIModels, seedDemoKnowledge } from '../bots/knowledge/index';
import { createApp } from './app';
import { deliverTurnReplies } from './follow-ups/deliver-turn';
import { startFollowUpScheduler } from './follow-ups/scheduler';
import { mountQueueDashboard } from './routes/crm';
import { startWorkers, workerSettings } from './workers';
import { startChannels } from './channels/index';
import { consoleRoutes, startInbox } from './inbox/index';
import { resolveAppSecret } from './app-secret';
import { createUser } from './auth/sessions';
import type { Config } from './config';
import type { AppContext } from './context';
import { createMetrics } from './metrics';
import { EventBus } from './realtime/bus';
import { deploymentKey } from './deployment';

export interface RunningPlatform {
  ctx: AppContext;
  server: http.Server;
  url: string;
  /** Graceful stop: no new requests, in-flight turns finish (up to SHUTDOWN_TIMEOUT_MS), pools close. */
  stop(): Promise<void>;
}

/** The composition root: everything is built here from validated config and handed down as typed options. */
export interface PlatformOptions {
  logger?: Logger;
  /** Injected clock for the inbox's SLA timers and business hours (tests). */
  inboxClock?: () => Date;
  /** Injected clock for the bots' turns: what "now" and "tomorrow" mean to them (tests). */
  botClock?: () => Date;
  /** How often the inbox sweeps for SLA breaches (default: the inbox's own). */
  inboxSweepIntervalMs?: number;
}

export async function startPlatform(config: Config, options: PlatformOptions = {}): Promise<RunningPlatform> {
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL });
  // Redis first: it fails in milliseconds, opening the embedded database takes seconds.
  const redis = await connectRedis(config.REDIS_URL);
  const closers: (() => Promise<unknown>)[] = [() => redis.quit().catch(() => redis.disconnect())];
  try {
    const database = await openDatabase({ url: config.DATABASE_URL, dataDir: path.join(config.DATA_DIR, 'pglite'), poolSize: config.DATABASE_POOL_SIZE });
    closers.unshift(() => database.close());
    const subscriber = await connectRedis(config.REDIS_URL);
    const bus = new EventBus(redis, subscriber, logger, `omnibot:events:${deploymentKey(config)}`);
    await bus.start();
    closers.unshift(() => bus.stop());
    const metrics = createMetrics();
    const models = config.OPENAI_API_KEY
      ? createOpenAIModels({
          apiKey: config.OPENAI_API_KEY,
          baseURL: config.OPENAI_BASE_URL,
          model: config.OPENAI_MODEL,
          embeddingsModel: config.OPENAI_EMBEDDINGS_MODEL,
          timeoutMs: config.LLM_TIMEOUT_MS,
        })
      : undefined;
    const knowledge = createKnowledgeResolver({
      db: database.db,
      logger,
      chatModel: models?.chatModel,
      embeddings: models?.embeddings,
      embeddingsModel: config.OPENAI_EMBEDDINGS_MODEL,
      defaultModel: config.OPENAI_MODEL,
      timeoutMs: config.LLM_TIMEOUT_MS,
    });
    const workers = config.WORKERS === 'inprocess' ? startWorkers({ db: database.db, redis, logger, ...workerSettings(config) }) : undefined;
    if (workers) closers.unshift(() => workers.stop());
    const runtime = new BotRuntime({ db: database.db, logger, metrics: metrics.turnMetrics, events: bus, onOutbox: () => workers?.kick(), knowledge, intents: knowledge, clock: options.botClock });
    const ctx: AppContext = {
      config,
      database,
      db: database.db,
      redis,
      logger,
      runtime,
      metrics,
      bus,
      knowledge,
      appSecret: resolveAppSecret(config.APP_SECRET, config.DATA_DIR),
      publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
    };
    await ensureFirstAdmin(ctx);
    if (config.SEED_DEMO) {
      await seedDemoBot(database.db, logger);
      await seedDemoKnowledge(database.db);
    }

    const channels = await startChannels(ctx);
    const stopChannels = once(() => channels.stop());
    closers.unshift(stopChannels);
    let dashboard: { close(): Promise<void> } | undefined;
    const app = createApp(ctx, { routers: [channels.router, consoleRoutes(ctx)], mount: (express) => (dashboard = mountQueueDashboard(express, ctx)) });
    closers.unshift(async () => dashboard?.close());
    const server = http.createServer(app);
    channels.attach(server);
    const inbox = await startInbox(ctx, { server, clock: options.inboxClock, sweepIntervalMs: options.inboxSweepIntervalMs });
    const stopInbox = once(() => inbox.stop());
    closers.unshift(stopInbox);
    // Follow-ups run where the channels are (every server instance; a compare-and-set claim sends each once).
    const followUps = startFollowUpScheduler({ db: database.db, runtime, logger, deliver: (turn) => deliverTurnReplies(ctx, turn) });
    closers.unshift(() => followUps.stop());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.PORT, config.HOST, () => resolve());
    });
    // In the background: the server answers meanwhile, and a turn that comes first shares the training.
    void runtime.prepareAllFlows();
    const port = (server.address() as AddressInfo).port;
    const url = config.PUBLIC_URL ?? `http://localhost:${port}`;
    ctx.publicUrl = url;

    // Requests in progress (not only turns: a request may still be loading its channel when the signal comes).
    const requests = new InFlight();
    server.on('request', (_req, res) => {
      void requests.track(() => new Promise<void>((resolve) => res.once('close', () => resolve())));
    });

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const deadline = Date.now() + config.SHUTDOWN_TIMEOUT_MS;
        const drainedRequests = await requests.drain(config.SHUTDOWN_TIMEOUT_MS);
        const drainedTurns = await runtime.inFlight.drain(Math.max(0, deadline - Date.now()));
        if (!drainedRequests || !drainedTurns) logger.warn({ requests: requests.active, turns: runtime.inFlight.active }, 'shutdown timeout: work still running');
        server.closeAllConnections();
        // Open websockets (agents, widget visitors) would keep server.close() waiting: close them first.
        await stopInbox();
        await stopChannels();
        await closed;
        for (const close of closers) await close().catch((error) => logger.warn({ err: error }, 'error while closing'));
      })());
    return { ctx, server, url, stop };
  } catch (error) {
    for (const close of closers) await close().catch(() => undefined);
    throw error;
  }
}

async function ensureFirstAdmin(ctx: AppContext): Promise<void> {
  const { ADMIN_EMAIL, ADMIN_PASSWORD } = ctx.config;
  if (!ADMIN_EMAIL || !ADMIN_PASSWORD) {
    if ((await countUsers(ctx.db, 'admin')) === 0) ctx.logger.info('no admin account yet: set ADMIN_EMAIL and ADMIN_PASSWORD, or run npm run create-admin');
    return;
  }
  if ((await countUsers(ctx.db, 'admin')) > 0) return;
  await createUser(ctx.db, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, role: 'admin', name: 'Admin' });
  ctx.logger.info({ email: ADMIN_EMAIL }, 'created the first admin account');
}

/** Runs `task` the first time only; later calls share its promise. */
function once(task: () => Promise<unknown>): () => Promise<unknown> {
  let result: Promise<unknown> | undefined;
  return () => (result ??= task());
}
