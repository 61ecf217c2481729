import { z } from 'zod';
import { AppError } from '../../core/errors';
import type { InboundMessage } from '../../core/messages';
import { channelStatus, type ChannelAdapter, type ChannelCapabilities, type ChannelHost, type ChannelStatus, type DeliveryResult } from '../contract';
import { whatsAppClients, type WhatsAppClientLike, type WhatsAppMessageLike } from './client';
import { decodeWhatsAppMessage } from './decode';
import { encodeWhatsApp, type WhatsAppPayload } from './encode';
import { KeyedMutex } from '../../core/keyed-mutex';

export const WhatsAppConfig = z.object({
  /** A label for admins (the phone number paired with the QR code). */
  phoneLabel: z.string().max(50).optional(),
  /** First reconnect delay after a disconnect; doubles up to `maxReconnectMs`. */
  reconnectBaseMs: z.number().int().min(10).max(60000).default(2000),
  maxReconnectMs: z.number().int().min(100).max(600000).default(120000),
});
export type WhatsAppConfig = z.infer<typeof WhatsAppConfig>;

export const whatsappCapabilities: ChannelCapabilities = {
  maxButtons: 0,
  maxQuickReplies: 0,
  maxButtonTitleLength: 24,
  maxPayloadBytes: 256,
  maxTextLength: 4096,
  markdown: false,
  media: true,
  cards: false,
  typing: false,
};

/** Bounded memory of recently seen message ids (whatsapp-web.js may emit a message again after a reconnect). */
class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly max = 5000) {}
  /** True the first time an id is seen. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value!);
    return true;
  }
}

/**
 * WhatsApp through whatsapp-web.js (a real WhatsApp Web session in the system Chromium). The session is
 * kept on disk (LocalAuth) so a restart needs no new QR; disconnects reconnect with exponential backoff.
 * Messages of one chat are handled one at a time, in order.
 */
export const whatsappAdapter: ChannelAdapter<WhatsAppConfig, unknown, WhatsAppPayload> = {
  type: 'whatsapp',
  capabilities: whatsappCapabilities,
  configSchema: WhatsAppConfig,
  secretFields: [],
  outbound: 'platform',
  exclusive: () => true,
  decode: (raw, instance) => decodeWhatsAppMessage(raw, instance.id),
  encode: (message) => encodeWhatsApp(message),
  async connect(instance, host) {
    const log = host.logger.child({ channel: 'whatsapp', channelInstanceId: instance.id });
    const factory = whatsAppClients();
    const seen = new RecentIds();
    const chats = new KeyedMutex();
    let client: WhatsAppClientLike | undefined;
    let status: ChannelStatus = channelStatus('starting');
    let attempt = 0;
    let timer: NodeJS.Timeout | undefined;
    let closed = false;

    const open = () => {
      const current = factory.create({ instanceId: instance.id, dataDir: host.dataDir });
      client = current;
      const live = () => client === current && !closed;
      current.on('qr', (qr) => {
        if (!live()) return;
        status = channelStatus('qr', { qr, detail: 'scan the QR code with WhatsApp on the phone (Linked devices)' });
        log.info('whatsapp waiting for a QR scan');
      });
      current.on('ready', () => {
        if (!live()) return;
        attempt = 0;
        status = channelStatus('connected', { detail: instance.config.phoneLabel });
        log.info('whatsapp connected');
      });
      current.on('message', (message) => {
        if (live()) onMessage(message);
      });
      current.on('auth_failure', (reason) => {
        if (!live()) return;
        log.warn({ reason }, 'whatsapp authentication failed');
        reconnect(`authentication failed: ${reason}`);
      });
      current.on('disconnected', (reason) => {
        if (!live()) return;
        log.warn({ reason }, 'whatsapp disconnected');
        reconnect(`disconnected: ${reason}`);
      });
      current.initialize().catch((error: unknown) => {
        if (!live()) return;
        log.error({ err: error }, 'whatsapp client failed to start');
        reconnect(`start failed: ${(error as Error).message}`);
      });
    };

    const reconnect = (reason: string) => {
      if (closed) return;
      const old = client;
      client = undefined;
      old?.destroy().catch((error: unknown) => log.debug({ err: error }, 'destroying the old whatsapp client failed'));
      const delay = Math.min(instance.config.maxReconnectMs, instance.config.reconnectBaseMs * 2 ** attempt);
      attempt += 1;
      status = channelStatus('disconnected', { detail: `${reason}; reconnecting in ${Math.round(delay / 1000)}s (attempt ${attempt})` });
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (!closed) open();
      }, delay);
      timer.unref();
    };

    const onMessage = (raw: WhatsAppMessageLike) => {
      const decoded = decodeWhatsAppMessage(raw, instance.id);
      if (decoded.kind === 'ignored') return host.ignored(decoded.reason);
      if (!seen.add(decoded.message.externalMessageId)) return host.ignored('duplicate message id');
      const chat = decoded.message.externalUserId;
      void chats.run(chat, () => receiveWithRetry(host, decoded.message)).catch((error: unknown) => {
        log.error({ err: error, messageId: decoded.message.externalMessageId }, 'whatsapp message could not be handled');
      });
    };

    open();

    return {
      status: () => status,
      async send(to, payload): Promise<DeliveryResult> {
        if (!client || status.state !== 'connected') return { ok: false, error: `whatsapp not connected (${status.state})` };
        try {
          const sent = payload.kind === 'text'
            ? await client.sendMessage(to, payload.body)
            : await client.sendMessage(to, await factory.media(payload.url), payload.caption ? { caption: payload.caption } : {});
          return { ok: true, externalId: sent?.id?._serialized };
        } catch (error) {
          const message = (error as Error).message ?? String(error);
          return { ok: false, error: message, permanent: /invalid wid|not registered|chat not found|no lid/i.test(message) };
        }
      },
      async close() {
        closed = true;
        clearTimeout(timer);
        const current = client;
        client = undefined;
        await chats.settled();
        await current?.destroy().catch((error: unknown) => log.warn({ err: error }, 'closing whatsapp failed'));
        status = channelStatus('stopped');
      },
    };
  },
};

/** The bot could not store the turn (database down): try a few times, WhatsApp will not redeliver. */
async function receiveWithRetry(host: ChannelHost, message: InboundMessage): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await host.receive(message);
    } catch (error) {
      if (!(error instanceof AppError) || error.status < 500 || attempt >= 4) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
    }
  }
}
