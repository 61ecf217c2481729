import type http from 'node:http';
import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import type { ChannelHost } from '../../channels/contract';
import type { InboundMessage } from '../../core/messages';
import type { ChannelInstanceRow } from '../../core/repositories/bots';
import type { TurnResult } from '../../bots/runtime/types';
import type { AppContext } from '../context';
import { randomUUID } from 'node:crypto';
import { deploymentKey } from '../deployment';
import { DeliveryService, forwardedDeliveryEvent, registerDeliveryService } from './delivery';
import { ChannelLeases } from './leases';
import { InboundIntake } from './intake';
import { ChannelManager, channelsChangedEvent } from './manager';
import { MenuStore } from './menus';
import { redisChannelStore } from './store';
import { webRoutes } from './web/routes';
import { WebSockets } from './web/sockets';
import { WebInstances } from './web/visitor';
import { adapterFor } from '../../channels/registry';

export interface RunningChannels {
  /** Webhook routes, the widget and its API, mounted at the app root. */
  router: Router;
  /** Takes the widget's websocket upgrades on `server` (also attached lazily on the first request). */
  attach(server: http.Server): void;
  manager: ChannelManager;
  deliveries: DeliveryService;
  intake: InboundIntake;
  stop(): Promise<void>;
}

const managers = new WeakMap<AppContext, ChannelManager>();
const runningChannels = new WeakMap<AppContext, RunningChannels>();

/** The running channels of a platform (benchmarks and tests wait on its intake and deliveries). */
export function channelsFor(ctx: AppContext): RunningChannels {
  const running = runningChannels.get(ctx);
  if (!running) throw new Error('channels are not started (startChannels) for this context');
  return running;
}

/** The channel manager of a running platform (admin routes use it to start and stop instances). */
export function channelManagerFor(ctx: AppContext): ChannelManager {
  const manager = managers.get(ctx);
  if (!manager) throw new Error('channels are not started (startChannels) for this context');
  return manager;
}

/** Tells every server instance (this one included) to reload a channel instance from the database. */
export function announceChannelChange(ctx: AppContext, instanceId: string): void {
  ctx.bus.publish({ type: channelsChangedEvent, instanceId, origin: managers.get(ctx)?.origin });
}

/** Starts every enabled channel instance (webhooks, long-lived clients), the widget's websockets and the outbound delivery. */
export async function startChannels(ctx: AppContext): Promise<RunningChannels> {
  const store = redisChannelStore(ctx.redis);
  const menus = new MenuStore(ctx.redis, ctx.logger);

  const receive = async (message: InboundMessage): Promise<TurnResult> => {
    const resolved = await menus.resolve(message);
    const turn = await ctx.runtime.handleInbound(resolved);
    if (!turn.duplicate && turn.replyIds.length > 0 && adapterFor(message.channel)?.outbound !== 'stored') {
      void deliveries.deliver(
        { conversationId: turn.conversationId, channelInstanceId: message.channelInstanceId, externalUserId: message.externalUserId },
        turn.replyIds.map((id, index) => ({ id, message: turn.replies[index] })),
      );
    }
    return turn;
  };

  // One queue per deployment (database), so platforms sharing a Redis never take each other's messages.
  const deployment = deploymentKey(ctx.config);
  const reader = ctx.redis.duplicate();
  reader.on('error', () => undefined); // reported by the read loop
  const intake = new InboundIntake(ctx.redis, reader, receive, ctx.logger, { stream: `omnibot:inbound:${deployment}` });
  await intake.start();

  const hostFor = (row: ChannelInstanceRow): ChannelHost => {
    const log = ctx.logger.child({ channel: row.channel, channelInstanceId: row.id });
    return {
      logger: ctx.logger,
      get publicUrl() {
        return ctx.publicUrl;
      },
      dataDir: ctx.config.DATA_DIR,
      store,
      receive: async (message) => void (await receive(message)),
      enqueue: (message) => intake.enqueue(message),
      ignored: (reason, context) => log.info({ ...context, reason }, 'ignored a channel event'),
    };
  };

  const origin = randomUUID();
  const leases = new ChannelLeases(ctx.redis, `omnibot:channels:${deployment}`, origin, ctx.config.CHANNEL_LEASE_MS);
  // Taking over an exclusive instance sends what was forwarded to a holder that went away.
  const onTakeOver = (id: string) =>
    void deliveries.sendPendingOf(id)
      .catch((error: unknown) => ctx.logger.error({ err: error, channelInstanceId: id }, 'sending messages left for a channel instance failed'));
  const manager = new ChannelManager(ctx.db, ctx.logger, hostFor, { leases, onTakeOver }, origin);
  const deliveries = new DeliveryService(ctx, manager, menus);
  managers.set(ctx, manager);
  registerDeliveryService(ctx, deliveries);

  const instances = new WebInstances(ctx.db);
  const sockets = new WebSockets(ctx, instances, receive);
  const unsubscribe = ctx.bus.subscribe((event) => {
    if (event.type === forwardedDeliveryEvent && typeof event.channelInstanceId === 'string' && Array.isArray(event.messageIds)) {
      if (!manager.get(event.channelInstanceId)?.connection) return; // another server instance holds it
      deliveries.deliverForwarded(event.channelInstanceId, event.messageIds.filter(Number.isInteger) as number[])
        .catch((error: unknown) => ctx.logger.error({ err: error, channelInstanceId: event.channelInstanceId }, 'sending forwarded messages failed'));
      return;
    }
    if (event.type !== channelsChangedEvent || typeof event.instanceId !== 'string') return;
    instances.forget();
    if (event.origin === manager.origin) return; // this instance reloaded it already
    manager.reload(event.instanceId).catch((error: unknown) => ctx.logger.error({ err: error, channelInstanceId: event.instanceId }, 'reloading a channel instance failed'));
  });

  const router = Router();
  router.use((req, _res, next) => {
    const server = (req.socket as { server?: unknown }).server;
    if (server && typeof (server as http.Server).on === 'function') sockets.attach(server as http.Server);
    next();
  });
  router.use(webRoutes(ctx, instances, receive));

  const json = express.json({ limit: ctx.config.MAX_BODY_BYTES });
  const webhook = (channel: string) => async (req: Request, res: Response) => {
    const instanceId = typeof req.params.instanceId === 'string' ? req.params.instanceId : manager.list().find((r) => r.row.channel === channel)?.row.id;
    const running = instanceId ? await manager.ensure(instanceId) : undefined;
    if (!running || running.row.channel !== channel || !running.connection?.handleWebhook) {
      ctx.logger.warn({ channel, channelInstanceId: instanceId }, 'webhook for an unknown or stopped channel instance');
      res.status(404).json({ error: { code: 'not_found', message: 'channel instance not found' } });
      return;
    }
    const result = await running.connection.handleWebhook({ method: req.method, headers: req.headers, body: req.body });
    res.status(result.status);
    if (result.body === undefined) res.end();
    else res.json(result.body);
  };
  router.post('/webhooks/telegram/:instanceId', json, webhook('telegram'));
  router.post(['/api/messages', '/api/messages/:instanceId'], json, webhook('botframework'));
  const badJson: ErrorRequestHandler = (error, req, _res, next) => {
    if (error?.type === 'entity.parse.failed' || error?.type === 'entity.too.large') ctx.logger.warn({ path: req.path, reason: error.type }, 'rejected a channel request body');
    next(error);
  };
  router.use(badJson);

  // Webhook registration needs the public URL, which is only known once the server listens (PORT=0).
  const start = () =>
    manager.startAll()
      .then(() => deliveries.recoverPending({ lockKey: `omnibot:delivery-recovery:${deployment}` }))
      .catch((error: unknown) => ctx.logger.error({ err: error }, 'starting channel instances failed'));
  let started: Promise<unknown>;
  if (ctx.config.PUBLIC_URL || !/:0(\/|$)/.test(ctx.publicUrl)) started = start();
  else started = waitFor(() => !/:0(\/|$)/.test(ctx.publicUrl), 15000).then(start);

  const channels: RunningChannels = {
    router,
    attach: (server) => sockets.attach(server),
    manager,
    deliveries,
    intake,
    async stop() {
      unsubscribe();
      await started;
      await intake.stop(ctx.config.SHUTDOWN_TIMEOUT_MS);
      await sockets.close();
      await Promise.race([deliveries.idle(), new Promise((resolve) => setTimeout(resolve, ctx.config.SHUTDOWN_TIMEOUT_MS).unref())]);
      await manager.stopAll();
    },
  };
  runningChannels.set(ctx, channels);
  return channels;
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
}
