import type { DeliveryResult } from '../../channels/contract';
import { fitMessage, type MenuOption } from '../../channels/fallbacks';
import { NotFoundError, ValidationError } from '../../core/errors';
import { OutboundMessage } from '../../core/messages';
import { findConversationPeer, listPendingDeliveries } from '../../core/repositories/deliveries';
import { insertOutboundMessages, markDelivery, type MessageRow } from '../../core/repositories/messages';
import type { AppContext } from '../context';
import type { ChannelManager } from './manager';
import type { MenuStore } from './menus';
import { KeyedMutex } from '../../core/keyed-mutex';

export interface DeliveryOutcome {
  messageId: number;
  /** `forwarded`: handed to the server instance holding the channel's connection, which records the result. */
  status: 'sent' | 'failed' | 'forwarded';
  error?: string;
}

/** Bus event asking the server instance that holds an exclusive channel instance to send stored messages. */
export const forwardedDeliveryEvent = 'channel.deliver';
const DAY_MS = 24 * 3600_000;
/** Pending messages older than this are not sent any more: the conversation has moved on. */
const pendingSince = (maxAgeMs = DAY_MS) => new Date(Date.now() - maxAgeMs);

export interface RetryPolicy {
  /** Attempts per platform call, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Typing indicators wait at most this long before the next message. */
  maxTypingMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30000, maxTypingMs: 3000 };

export interface DeliveryTarget {
  conversationId: string;
  channelInstanceId: string;
  externalUserId: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends stored outbound messages through their channel: fallbacks for what the channel cannot show,
 * retries with backoff on transient errors (network, 5xx, 429 honouring retry_after), and every message
 * ends as `sent` or `failed` with the error (logged). Messages of one conversation go out in order.
 */
export class DeliveryService {
  private readonly conversations = new KeyedMutex();
  /** Ids of the messages queued or being sent by this process. */
  private readonly queued = new Set<number>();

  constructor(
    private readonly ctx: AppContext,
    readonly manager: ChannelManager,
    private readonly menus: MenuStore,
    private readonly policy: RetryPolicy = defaultRetryPolicy,
  ) {}

  /**
   * Queues the messages after earlier deliveries of the same conversation; resolves with one outcome per message it
   * queued. A message already queued here (a recovery meeting a delivery in flight) is left to that delivery.
   */
  async deliver(target: DeliveryTarget, items: { id: number; message: OutboundMessage }[], options: { stillPending?: boolean } = {}): Promise<DeliveryOutcome[]> {
    const fresh = items.filter((item) => !this.queued.has(item.id));
    for (const item of fresh) this.queued.add(item.id);
    try {
      return await this.conversations.run(target.conversationId, async () => {
        if (!options.stillPending) return this.run(target, fresh);
        // Read from the store a while ago: another delivery may have sent them since.
        const pending = new Set((await listPendingDeliveries(this.ctx.db, { since: pendingSince(), ids: fresh.map((item) => item.id) })).map((row) => row.id));
        return this.run(target, fresh.filter((item) => pending.has(item.id)));
      });
    } finally {
      for (const item of fresh) this.queued.delete(item.id);
    }
  }

  /**
   * Sends outbound messages a stopped process left `pending` (older than `minAgeMs`, so deliveries in
   * flight elsewhere are left alone; a Redis lock keeps two instances from doing it at once).
   */
  async recoverPending(options: { lockKey?: string; minAgeMs?: number; maxAgeMs?: number } = {}): Promise<number> {
    const lock = await this.ctx.redis.set(options.lockKey ?? 'omnibot:delivery-recovery', '1', 'EX', 120, 'NX').catch(() => null);
    if (lock !== 'OK') return 0;
    const now = Date.now();
    const rows = (await listPendingDeliveries(this.ctx.db, { since: pendingSince(options.maxAgeMs) }))
      .filter((row) => row.createdAt.getTime() < now - (options.minAgeMs ?? 60_000));
    await this.sendStored(rows);
    if (rows.length) this.ctx.logger.info({ messages: rows.length }, 'resending messages left pending by a stopped process');
    return rows.length;
  }

  /**
   * Sends what is pending for an exclusive channel instance this server instance has just taken over: messages other
   * instances forwarded to a holder that went away. The lease keeps other instances from doing the same.
   */
  async sendPendingOf(channelInstanceId: string): Promise<number> {
    const rows = await listPendingDeliveries(this.ctx.db, { since: pendingSince(), channelInstanceId });
    await this.sendStored(rows);
    if (rows.length) this.ctx.logger.info({ messages: rows.length, channelInstanceId }, 'sending messages left for a channel instance taken over');
    return rows.length;
  }

  /** Sends the stored messages another server instance forwarded here (see `forwardedDeliveryEvent`), if still pending. */
  async deliverForwarded(channelInstanceId: string, messageIds: number[]): Promise<void> {
    const rows = await listPendingDeliveries(this.ctx.db, { since: pendingSince(), channelInstanceId, ids: messageIds });
    await this.sendStored(rows);
  }

  /** Queues stored messages for delivery, per conversation in order. */
  private async sendStored(rows: MessageRow[]): Promise<void> {
    const byConversation = new Map<string, MessageRow[]>();
    for (const row of rows) byConversation.set(row.conversationId, [...(byConversation.get(row.conversationId) ?? []), row]);
    for (const [conversationId, items] of byConversation) {
      const peer = await findConversationPeer(this.ctx.db, conversationId);
      if (!peer) continue;
      void this.deliver(peer, items.map((row) => ({ id: row.id, message: row.payload as unknown as OutboundMessage })), { stillPending: true });
    }
  }

  /** Resolves once every queued delivery has finished (graceful shutdown, tests). */
  async idle(): Promise<void> {
    await this.conversations.settled();
  }

  private async run(target: DeliveryTarget, items: { id: number; message: OutboundMessage }[]): Promise<DeliveryOutcome[]> {
    const log = this.ctx.logger.child({ conversationId: target.conversationId, channelInstanceId: target.channelInstanceId });
    const running = await this.manager.ensure(target.channelInstanceId).catch(() => undefined);
    if (running?.adapter.outbound === 'stored') return items.map((item) => ({ messageId: item.id, status: 'sent' }));
    if (running?.elsewhere) {
      // The messages stay pending until the holder sends them; if it goes away first, the next holder does (onTakeOver).
      this.ctx.bus.publish({ type: forwardedDeliveryEvent, channelInstanceId: target.channelInstanceId, messageIds: items.map((item) => item.id) });
      return items.map((item) => ({ messageId: item.id, status: 'forwarded' }));
    }
    const connection = running?.connection;
    if (!running || !connection) {
      const error = running?.error ?? 'channel instance is not running';
      return Promise.all(items.map((item) => this.record(item.id, { ok: false, error, permanent: true }, log)));
    }
    const { adapter, instance } = running;
    const fitted = items.map((item) => ({ item, fit: fitMessage(item.message, adapter.capabilities) }));
    let menu: MenuOption[] | undefined;
    for (const { fit } of fitted) if (fit.menu) menu = fit.menu;
    await this.menus.remember(target.channelInstanceId, target.externalUserId, menu);

    const outcomes: DeliveryOutcome[] = [];
    for (const { item, fit } of fitted) {
      let result: DeliveryResult = { ok: true };
      for (const message of fit.messages) {
        for (const payload of adapter.encode(message, instance)) {
          result = await this.sendWithRetry(() => connection.send(target.externalUserId, payload));
          if (!result.ok) break;
        }
        if (!result.ok) break;
        if (message.type === 'typing') await sleep(Math.min(message.durationMs, this.policy.maxTypingMs));
      }
      outcomes.push(await this.record(item.id, result, log));
    }
    return outcomes;
  }

  private async sendWithRetry(send: () => Promise<DeliveryResult>): Promise<DeliveryResult> {
    let result: DeliveryResult = { ok: false, error: 'not sent' };
    for (let attempt = 1; attempt <= this.policy.attempts; attempt += 1) {
      try {
        result = await send();
      } catch (error) {
        result = { ok: false, error: (error as Error).message ?? String(error) };
      }
      if (result.ok || result.permanent || attempt === this.policy.attempts) return result;
      const backoff = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt - 1));
      await sleep(result.retryAfterMs !== undefined ? Math.min(result.retryAfterMs, this.policy.maxDelayMs * 4) : backoff * (0.75 + Math.random() / 2));
    }
    return result;
  }

  private async record(messageId: number, result: DeliveryResult, log: AppContext['logger']): Promise<DeliveryOutcome> {
    const status = result.ok ? 'sent' : 'failed';
    if (!result.ok) log.warn({ messageId, error: result.error, permanent: result.permanent ?? false }, 'message could not be delivered');
    try {
      await markDelivery(this.ctx.db, messageId, status, result.ok ? undefined : (result.error ?? 'unknown error').slice(0, 1000));
    } catch (error) {
      log.error({ err: error, messageId, status }, 'could not record the delivery status');
    }
    return { messageId, status, ...(result.ok ? {} : { error: result.error }) };
  }
}

const services = new WeakMap<AppContext, DeliveryService>();

/** Registers the delivery service of a running platform (done by `startChannels`). */
export function registerDeliveryService(ctx: AppContext, service: DeliveryService): void {
  services.set(ctx, service);
}

export function deliveryServiceFor(ctx: AppContext): DeliveryService {
  const service = services.get(ctx);
  if (!service) throw new Error('channels are not started (startChannels) for this context');
  return service;
}

export interface StoredDelivery {
  /** The stored outbound messages, in order. */
  messages: MessageRow[];
  /** Resolves when every message was sent or recorded as failed (web: at once, the widget reads them). */
  delivered: Promise<DeliveryOutcome[]>;
}

/**
 * Stores messages for a conversation (agent replies, system notices, follow-ups) and sends them on the
 * conversation's channel instance. Web visitors get them over the websocket (through the bus, whatever
 * server instance they are connected to) or by polling `GET /api/channels/web/:botId/messages`.
 */
export async function deliverToConversation(
  ctx: AppContext,
  conversationId: string,
  messages: OutboundMessage[],
  sender: { type: 'agent' | 'bot' | 'system'; id?: string },
): Promise<StoredDelivery> {
  const service = deliveryServiceFor(ctx);
  const parsed = messages.map((message, index) => {
    const result = OutboundMessage.safeParse(message);
    if (!result.success) throw new ValidationError(`messages[${index}]: ${result.error.issues[0].message}`, { field: `messages[${index}]` });
    return result.data;
  });
  const peer = await findConversationPeer(ctx.db, conversationId);
  if (!peer) throw new NotFoundError('conversation', { conversationId });
  const running = await service.manager.ensure(peer.channelInstanceId).catch(() => undefined);
  const stored = running?.adapter.outbound === 'stored';
  const rows = await insertOutboundMessages(ctx.db, {
    conversationId,
    channelInstanceId: peer.channelInstanceId,
    sender: sender.type,
    senderId: sender.id ?? null,
    deliveryStatus: stored ? 'sent' : 'pending',
    messages: parsed,
  });
  for (const row of rows) {
    ctx.bus.publish({ type: 'message.created', botId: peer.botId, conversationId, messageId: row.id, direction: 'out', sender: sender.type });
  }
  const delivered = stored
    ? Promise.resolve(rows.map((row) => ({ messageId: row.id, status: 'sent' as const })))
    : service.deliver(peer, rows.map((row, index) => ({ id: row.id, message: parsed[index] })));
  return { messages: rows, delivered };
}
