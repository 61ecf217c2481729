import type http from 'node:http';
import type { AppContext } from '../context';
import type { BusEvent } from '../realtime/bus';
import { forgetInbox, inboxFor } from './registry';
import type { InboxService } from './service';
import type { TurnHints } from '../../bots/runtime/types';
import { deploymentKey } from '../deployment';

export { inboxRoutes } from './routes';
export { consoleRoutes } from './console-static';
export { inboxFor } from './registry';

export interface StartInboxOptions {
  /** Takes the agents' websocket upgrades (`/api/inbox/ws`) on this server; else attached on the first inbox request. */
  server?: http.Server;
  /** How often the SLA / queue sweeper runs (ms); one instance at a time runs it (Redis lock). */
  sweepIntervalMs?: number;
  clock?: () => Date;
}

export interface RunningInbox {
  service: InboxService;
  /** Runs one sweep now (tests, or after a clock change). */
  sweep(): Promise<unknown>;
  stop(): Promise<void>;
}

const running = new WeakMap<AppContext, RunningInbox>();

/**
 * Starts the inbox background work of one server instance: reacting to customer messages (queueing handoffs,
 * stuck detection, contact capture, CSAT answers) once per cluster, and the SLA sweeper. Idempotent per context.
 */
export async function startInbox(ctx: AppContext, options: StartInboxOptions = {}): Promise<RunningInbox> {
  const existing = running.get(ctx);
  const handle = inboxFor(ctx, { clock: options.clock });
  if (options.server) handle.attachServer(options.server);
  if (existing) return existing;
  const { service } = handle;
  const log = ctx.logger.child({ component: 'inbox' });
  const pending = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    pending.add(work);
    void work.catch((error: unknown) => log.error({ err: error }, 'inbox background work failed')).finally(() => pending.delete(work));
  };
  /** Only one instance handles each event (every instance hears it on the bus). */
  const once = async (key: string, ttlSeconds = 3600) => (await ctx.redis.set(`inbox:once:${key}`, '1', 'EX', ttlSeconds, 'NX')) === 'OK';

  const unsubscribe = ctx.bus.subscribe((event: BusEvent) => {
    const conversationId = typeof event.conversationId === 'string' ? event.conversationId : undefined;
    if (!conversationId) return;
    if (event.type === 'message.created' && event.direction === 'in') {
      const messageId = Number(event.messageId);
      const hints = (event as { turn?: TurnHints }).turn;
      const botId = typeof event.botId === 'string' ? event.botId : '';
      track(
        service.mayNeedAttention(botId, hints).then(async (needed) => {
          if (needed && (await once(`message:${conversationId}:${messageId}`))) await service.onCustomerMessage(conversationId, messageId);
        }),
      );
    } else if (event.type === 'conversation.owner' && event.owner === 'queue' && event.reason !== 'requestHandoff' && event.reason !== 'requeue') {
      track(service.enqueue(conversationId));
    }
  });

  let stopped = false;
  let sweeping: Promise<unknown> | undefined;
  const interval = options.sweepIntervalMs ?? 5000;
  const sweep = () => (sweeping ??= service.sweep().finally(() => (sweeping = undefined)));
  const sweepLock = `inbox:sweep-lock:${deploymentKey(ctx.config)}`;
  const timer = setInterval(() => {
    if (stopped || sweeping) return;
    track(
      ctx.redis.set(sweepLock, '1', 'PX', Math.max(500, interval - 100), 'NX').then((ok) => (ok === 'OK' && !stopped ? sweep() : undefined)),
    );
  }, interval);
  timer.unref();

  const inbox: RunningInbox = {
    service,
    sweep,
    async stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      await handle.sockets.close();
      await Promise.allSettled([...pending]);
      running.delete(ctx);
      forgetInbox(ctx);
    },
  };
  running.set(ctx, inbox);
  return inbox;
}
