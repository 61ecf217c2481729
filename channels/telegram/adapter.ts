import { createHash, timingSafeEqual } from 'node:crypto';
import { Bot, BotError, GrammyError, HttpError } from 'grammy';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { channelStatus, type ChannelAdapter, type ChannelCapabilities, type ChannelInstance, type ChannelStatus, type DeliveryResult, type WebhookRequest, type WebhookResponse } from '../contract';
import { decodeTelegramUpdate } from './decode';
import { encodeTelegram, type TelegramPayload } from './encode';

export const TelegramConfig = z.object({
  botToken: z.string().regex(/^\d{3,20}:[\w-]{20,100}$/, 'must look like 123456:ABC-DEF… (from @BotFather)'),
  /** Checked against `X-Telegram-Bot-Api-Secret-Token`; derived from the token when not set. */
  secretToken: z.string().regex(/^[\w-]{1,256}$/).optional(),
  mode: z.enum(['webhook', 'polling']).default('webhook'),
  /** Bot API base URL (tests point it at a fake server). */
  apiRoot: z.string().url().optional(),
});
export type TelegramConfig = z.infer<typeof TelegramConfig>;

export const telegramCapabilities: ChannelCapabilities = {
  maxButtons: 8,
  maxQuickReplies: 9,
  maxButtonTitleLength: 64,
  maxPayloadBytes: 64,
  maxTextLength: 4096,
  markdown: false,
  media: true,
  cards: true,
  typing: true,
};

const allowedUpdates = ['message', 'edited_message', 'callback_query'] as const;

/** The webhook secret of an instance: configured, or derived from the bot token and instance id. */
export function telegramSecret(instance: ChannelInstance<TelegramConfig>): string {
  return instance.config.secretToken ?? createHash('sha256').update(`${instance.id}:${instance.config.botToken}`).digest('base64url').slice(0, 48);
}

/** Telegram through grammY: webhook mode (secret header checked) or long polling for development. */
export const telegramAdapter: ChannelAdapter<TelegramConfig, unknown, TelegramPayload> = {
  type: 'telegram',
  capabilities: telegramCapabilities,
  configSchema: TelegramConfig,
  secretFields: ['botToken', 'secretToken'],
  outbound: 'platform',
  exclusive: (config) => config.mode === 'polling',
  decode: (raw, instance) => decodeTelegramUpdate(raw, instance.id),
  encode: (message) => encodeTelegram(message),
  async connect(instance, host) {
    const { logger } = host;
    const log = logger.child({ channel: 'telegram', channelInstanceId: instance.id });
    const bot = new Bot(instance.config.botToken, { client: { apiRoot: instance.config.apiRoot, timeoutSeconds: 30 } });
    const secret = telegramSecret(instance);
    let status: ChannelStatus = channelStatus('starting');

    bot.use(async (gctx) => {
      const decoded = decodeTelegramUpdate(gctx.update, instance.id);
      if (decoded.kind === 'ignored') {
        host.ignored(decoded.reason, { updateId: gctx.update.update_id });
        return;
      }
      const query = gctx.update.callback_query;
      try {
        // Webhooks answer as soon as the update is queued; polling (development) runs the turn inline.
        if (instance.config.mode === 'webhook') await host.enqueue(decoded.message);
        else await host.receive(decoded.message);
      } finally {
        if (query) bot.api.answerCallbackQuery(query.id).catch((error: unknown) => log.debug({ err: error }, 'answerCallbackQuery failed'));
      }
    });
    bot.catch((error) => log.error({ err: error.error, updateId: error.ctx.update.update_id }, 'telegram update failed (polling)'));

    // grammY retries getMe until the Bot API answers; connect waits a little, then reports `starting` and goes on in the background.
    const abort = new AbortController();
    const signal = abort.signal as unknown as Parameters<typeof bot.init>[0];
    const ready = (async () => {
      try {
        await bot.init(signal);
        if (instance.config.mode === 'webhook') {
          const url = `${host.publicUrl}/webhooks/telegram/${encodeURIComponent(instance.id)}`;
          await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: [...allowedUpdates], max_connections: 100 }, signal);
          status = channelStatus('connected', { detail: `webhook ${url} (@${bot.botInfo.username})` });
        } else {
          status = channelStatus('connected', { detail: `long polling (@${bot.botInfo.username})` });
          bot.start({ allowed_updates: [...allowedUpdates], drop_pending_updates: false }).catch((error: unknown) => {
            status = channelStatus('failed', { detail: describe(error) });
            log.error({ err: error }, 'telegram polling stopped');
          });
        }
      } catch (error) {
        if (abort.signal.aborted) return;
        status = channelStatus('failed', { detail: describe(error) });
        log.error({ err: error }, 'telegram instance could not start');
      }
    })();
    const waited = await Promise.race([ready.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000).unref())]);
    if (!waited && status.state === 'starting') {
      status = channelStatus('starting', { detail: 'the Bot API does not answer yet; retrying' });
      log.warn('telegram Bot API not reachable yet; retrying in the background');
    }

    return {
      send: (to, payload) => sendPayload(bot, to, payload),
      status: () => status,
      async handleWebhook(request: WebhookRequest): Promise<WebhookResponse> {
        if (!bot.isInited()) return { status: 503, body: { ok: false, error: 'starting' } };
        const given = request.headers['x-telegram-bot-api-secret-token'];
        if (typeof given !== 'string' || !safeEqual(given, secret)) {
          log.warn({ ip: request.headers['x-forwarded-for'] }, 'telegram webhook with a wrong secret token rejected');
          return { status: 401, body: { ok: false, error: 'wrong secret token' } };
        }
        const update = request.body;
        if (typeof update !== 'object' || update === null || typeof (update as { update_id?: unknown }).update_id !== 'number') {
          host.ignored('malformed update (no update_id)');
          return { status: 200, body: { ok: true } };
        }
        try {
          await bot.handleUpdate(update as Parameters<typeof bot.handleUpdate>[0]);
          return { status: 200, body: { ok: true } };
        } catch (error) {
          const cause = error instanceof BotError ? error.error : error;
          // Not queued (Redis away...): let Telegram redeliver. Anything else would fail again: drop it loudly.
          if (!(cause instanceof AppError) || cause.status >= 500) {
            log.warn({ err: cause, updateId: (update as { update_id: number }).update_id }, 'telegram update not queued; Telegram will redeliver');
            return { status: 503, body: { ok: false, error: 'temporarily unavailable' } };
          }
          log.error({ err: cause, updateId: (update as { update_id: number }).update_id }, 'telegram update dropped');
          return { status: 200, body: { ok: true } };
        }
      },
      async close() {
        abort.abort();
        if (bot.isRunning()) await bot.stop().catch((error: unknown) => log.warn({ err: error }, 'stopping polling failed'));
        status = channelStatus('stopped');
      },
    };
  },
};

async function sendPayload(bot: Bot, to: string, payload: TelegramPayload): Promise<DeliveryResult> {
  const call = (bot.api.raw as unknown as Record<string, (params: Record<string, unknown>) => Promise<unknown>>)[payload.method];
  try {
    const result = await call({ chat_id: to, ...payload.params });
    const id = typeof result === 'object' && result !== null && 'message_id' in result ? String((result as { message_id: number }).message_id) : undefined;
    return { ok: true, externalId: id };
  } catch (error) {
    if (error instanceof GrammyError) {
      if (error.error_code === 429) return { ok: false, error: error.description, retryAfterMs: (error.parameters.retry_after ?? 1) * 1000 };
      return { ok: false, error: `${error.error_code} ${error.description}`, permanent: error.error_code < 500 };
    }
    if (error instanceof HttpError) return { ok: false, error: describe(error.error) };
    return { ok: false, error: describe(error) };
  }
}

function describe(error: unknown): string {
  if (error instanceof GrammyError) return `${error.error_code} ${error.description}`;
  return error instanceof Error ? error.message : String(error);
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
