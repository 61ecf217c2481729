import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded Bot API call. */
export interface TelegramCall {
  token: string;
  method: string;
  params: Record<string, unknown>;
  at: number;
}

interface FakeBot {
  token: string;
  id: number;
  username: string;
  webhook?: { url: string; secret?: string };
  updates: Record<string, unknown>[];
  waiters: (() => void)[];
  /** Ends the getUpdates call waiting now, as the real API does when another one comes. */
  endPoll?: () => void;
  nextMessageId: number;
}

interface Failure {
  method?: string;
  times: number;
  errorCode: number;
  description: string;
  retryAfter?: number;
}

type ApiResult = { status: number; body: Record<string, unknown> };

const ok = (result: unknown): ApiResult => ({ status: 200, body: { ok: true, result } });
const bad = (description: string, errorCode = 400): ApiResult => ({ status: errorCode, body: { ok: false, error_code: errorCode, description } });

/**
 * A local Telegram Bot API server speaking the real protocol (`POST /bot<token>/<method>`, JSON), for grammY
 * pointed at it with `client.apiRoot`. It validates tokens, chats and parameters like the real API, records
 * every call, keeps webhooks and pending updates (getUpdates long polling), and can be told to fail.
 */
export class FakeTelegramServer {
  readonly calls: TelegramCall[] = [];
  private readonly bots = new Map<string, FakeBot>();
  private readonly chats = new Set<string>();
  private failures: Failure[] = [];
  private server?: http.Server;
  private nextUpdateId = 1000;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  /** Record calls (turn off in benchmarks to save memory; counts are kept). */
  recordCalls = true;
  readonly counts = new Map<string, number>();
  /** getUpdates calls ended by a concurrent one (two pollers of one bot: "terminated by other getUpdates request"). */
  conflicts = 0;
  apiRoot = '';

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.keepAliveTimeout = 60000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.apiRoot = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.apiRoot;
  }

  async stop(): Promise<void> {
    for (const bot of this.bots.values()) bot.waiters.splice(0).forEach((wake) => wake());
    this.agent.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Registers a bot; its token must look like a real one (`<id>:<secret>`). */
  addBot(token: string, username = 'fake_shop_bot'): void {
    const id = Number(token.split(':')[0]);
    this.bots.set(token, { token, id, username, updates: [], waiters: [], nextMessageId: 1 });
  }

  /** A private chat the bot can write to (the real API answers "chat not found" for others). */
  addChat(chatId: number | string): void {
    this.chats.add(String(chatId));
  }

  /** The next `times` calls (of `method`, or any) fail with this error. */
  failNext(failure: { method?: string; times?: number; errorCode: number; description: string; retryAfter?: number }): void {
    this.failures.push({ times: 1, ...failure });
  }

  webhookOf(token: string): { url: string; secret?: string } | undefined {
    return this.bots.get(token)?.webhook;
  }

  callsOf(method: string, token?: string): TelegramCall[] {
    return this.calls.filter((call) => call.method === method && (!token || call.token === token));
  }

  count(method: string): number {
    return this.counts.get(method) ?? 0;
  }

  /** Queues an update for getUpdates (long polling); its chat becomes known. */
  injectUpdate(token: string, update: Record<string, unknown>): number {
    const bot = this.bot(token);
    const withId = { update_id: this.nextUpdateId++, ...update };
    this.learnChat(withId);
    bot.updates.push(withId);
    bot.waiters.splice(0).forEach((wake) => wake());
    return withId.update_id as number;
  }

  /** Delivers an update to the bot's webhook like Telegram does (secret header included); returns the HTTP status. */
  async postUpdate(token: string, update: Record<string, unknown>, options: { secret?: string } = {}): Promise<number> {
    const webhook = this.bot(token).webhook;
    if (!webhook) throw new Error('no webhook set for this bot');
    const withId = { update_id: this.nextUpdateId++, ...update };
    this.learnChat(withId);
    return this.postJson(webhook.url, withId, options.secret ?? webhook.secret);
  }

  /** Raw POST to any URL (for malformed bodies and wrong secrets). */
  postJson(url: string, body: unknown, secret?: string, raw = false): Promise<number> {
    const data = raw ? String(body) : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(url, {
        method: 'POST',
        agent: this.agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
      }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(data);
    });
  }

  nextId(): number {
    return this.nextUpdateId++;
  }

  async waitFor(predicate: () => boolean, timeoutMs = 10000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > until) throw new Error('timed out waiting for the fake Telegram server');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private learnChat(update: Record<string, unknown>): void {
    const message = (update.message ?? update.edited_message) as { chat?: { id?: number } } | undefined;
    const query = update.callback_query as { from?: { id?: number }; message?: { chat?: { id?: number } } } | undefined;
    const id = message?.chat?.id ?? query?.message?.chat?.id ?? query?.from?.id;
    if (id !== undefined) this.addChat(id);
  }

  private bot(token: string): FakeBot {
    const bot = this.bots.get(token);
    if (!bot) throw new Error(`unknown fake bot ${token}`);
    return bot;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void this.respond(req, Buffer.concat(chunks).toString('utf8'), res).then((result) => {
        const body = JSON.stringify(result.body);
        res.writeHead(result.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
    });
  }

  private async respond(req: http.IncomingMessage, raw: string, res: http.ServerResponse): Promise<ApiResult> {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (!match || req.method !== 'POST') return bad('Not Found', 404);
    const [, token, method] = match;
    let params: Record<string, unknown> = {};
    if (raw) {
      try {
        params = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return bad('Bad Request: can\'t parse JSON');
      }
    }
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
    if (this.recordCalls) this.calls.push({ token, method, params, at: Date.now() });
    const bot = this.bots.get(token);
    if (!bot) return bad('Unauthorized', 401);
    const failure = this.failures.find((f) => !f.method || f.method === method);
    if (failure) {
      failure.times -= 1;
      if (failure.times <= 0) this.failures = this.failures.filter((f) => f !== failure);
      return {
        status: failure.errorCode,
        body: { ok: false, error_code: failure.errorCode, description: failure.description, ...(failure.retryAfter !== undefined ? { parameters: { retry_after: failure.retryAfter } } : {}) },
      };
    }
    return this.call(bot, method, params, res);
  }

  private async call(bot: FakeBot, method: string, p: Record<string, unknown>, res: http.ServerResponse): Promise<ApiResult> {
    switch (method) {
      case 'getMe':
        return ok({ id: bot.id, is_bot: true, first_name: 'Fake Shop', username: bot.username, can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false });
      case 'setWebhook': {
        if (typeof p.url !== 'string' || !/^https?:\/\//.test(p.url)) return bad('Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
        if (p.secret_token !== undefined && !/^[\w-]{1,256}$/.test(String(p.secret_token))) return bad('Bad Request: secret token contains unallowed characters');
        bot.webhook = { url: p.url, secret: p.secret_token as string | undefined };
        return ok(true);
      }
      case 'deleteWebhook':
        bot.webhook = undefined;
        if (p.drop_pending_updates) bot.updates = [];
        return ok(true);
      case 'getWebhookInfo':
        return ok({ url: bot.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: bot.updates.length });
      case 'getUpdates':
        return this.getUpdates(bot, p, res);
      case 'sendMessage': {
        const chat = this.checkChat(p);
        if (chat) return chat;
        if (typeof p.text !== 'string' || p.text.trim() === '') return bad('Bad Request: message text is empty');
        if (p.text.length > 4096) return bad('Bad Request: message is too long');
        const markup = this.checkMarkup(p.reply_markup);
        if (markup) return markup;
        return ok(this.message(bot, p, { text: p.text }));
      }
      case 'sendPhoto':
      case 'sendDocument':
      case 'sendVideo':
      case 'sendAudio': {
        const chat = this.checkChat(p);
        if (chat) return chat;
        const field = method.slice(4).toLowerCase();
        if (typeof p[field] !== 'string' || !p[field]) return bad(`Bad Request: there is no ${field} in the request`);
        if (typeof p.caption === 'string' && p.caption.length > 1024) return bad('Bad Request: message caption is too long');
        const markup = this.checkMarkup(p.reply_markup);
        if (markup) return markup;
        return ok(this.message(bot, p, { [field]: field === 'photo' ? [{ file_id: 'fake-file', width: 1, height: 1 }] : { file_id: 'fake-file' }, caption: p.caption }));
      }
      case 'sendChatAction': {
        const chat = this.checkChat(p);
        if (chat) return chat;
        if (typeof p.action !== 'string') return bad('Bad Request: wrong parameter action in request');
        return ok(true);
      }
      case 'answerCallbackQuery':
        if (typeof p.callback_query_id !== 'string') return bad('Bad Request: query is too old and response timeout expired or query ID is invalid');
        return ok(true);
      case 'editMessageReplyMarkup': {
        const chat = this.checkChat(p);
        if (chat) return chat;
        if (typeof p.message_id !== 'number') return bad('Bad Request: message identifier is not specified');
        return ok(true);
      }
      default:
        return bad('Not Found', 404);
    }
  }

  /** Long polling; a call the client gave up on (its connection closed) ends without counting as a conflict. */
  private async getUpdates(bot: FakeBot, p: Record<string, unknown>, res: http.ServerResponse): Promise<ApiResult> {
    if (bot.webhook) return bad('Conflict: can\'t use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first', 409);
    const offset = typeof p.offset === 'number' ? p.offset : 0;
    if (offset) bot.updates = bot.updates.filter((u) => (u.update_id as number) >= offset);
    const timeout = Math.min(typeof p.timeout === 'number' ? p.timeout : 0, 50);
    bot.endPoll?.();
    if (bot.updates.length === 0 && timeout > 0) {
      let end: (() => void) | undefined;
      const ended = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeout * 1000);
        bot.waiters.push(() => {
          clearTimeout(timer);
          resolve(false);
        });
        let gone = false;
        // A client that stops polling aborts its call and then confirms its offset with one more getUpdates, which can
        // come before its aborted connection is seen closed: that one was no rival.
        end = () =>
          setTimeout(() => {
            if (gone) return;
            clearTimeout(timer);
            resolve(true);
          }, 25);
        bot.endPoll = end;
        res.once('close', () => {
          gone = true;
          if (bot.endPoll === end) bot.endPoll = undefined;
          clearTimeout(timer);
          resolve(false);
        });
      });
      if (bot.endPoll === end) bot.endPoll = undefined;
      if (ended) {
        this.conflicts += 1;
        return bad('Conflict: terminated by other getUpdates request; make sure that only one bot instance is running', 409);
      }
    }
    const limit = typeof p.limit === 'number' ? p.limit : 100;
    return ok(bot.updates.slice(0, limit));
  }

  private checkChat(p: Record<string, unknown>): ApiResult | undefined {
    if (p.chat_id === undefined || p.chat_id === '') return bad('Bad Request: chat_id is empty');
    if (!this.chats.has(String(p.chat_id))) return bad('Bad Request: chat not found');
    return undefined;
  }

  private checkMarkup(markup: unknown): ApiResult | undefined {
    if (markup === undefined) return undefined;
    const keyboard = (markup as { inline_keyboard?: unknown }).inline_keyboard;
    if (!Array.isArray(keyboard) || !keyboard.every((row) => Array.isArray(row))) return bad('Bad Request: can\'t parse inline keyboard button: InlineKeyboardButton must be an Object');
    for (const button of keyboard.flat() as { text?: unknown; callback_data?: unknown; url?: unknown }[]) {
      if (typeof button.text !== 'string' || !button.text) return bad('Bad Request: can\'t parse inline keyboard button: Text buttons are unallowed in the inline keyboard');
      if (button.callback_data !== undefined && (typeof button.callback_data !== 'string' || Buffer.byteLength(button.callback_data) > 64 || !button.callback_data)) return bad('Bad Request: BUTTON_DATA_INVALID');
      if (button.callback_data === undefined && button.url === undefined) return bad('Bad Request: can\'t parse inline keyboard button: Text buttons are unallowed in the inline keyboard');
    }
    return undefined;
  }

  private message(bot: FakeBot, p: Record<string, unknown>, content: Record<string, unknown>): Record<string, unknown> {
    return {
      message_id: bot.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: Number(p.chat_id), type: 'private' },
      from: { id: bot.id, is_bot: true, first_name: 'Fake Shop', username: bot.username },
      ...content,
      ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
    };
  }
}

/** Builders for updates a customer would cause. */
export const tg = {
  text(chatId: number, messageId: number, text: string, from: Record<string, unknown> = {}) {
    return {
      message: {
        message_id: messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: 'private', first_name: 'Ada' },
        from: { id: chatId, is_bot: false, first_name: 'Ada', language_code: 'en', ...from },
        text,
        ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0].length }] } : {}),
      },
    };
  },
  edited(chatId: number, messageId: number, text: string) {
    return { edited_message: { ...tg.text(chatId, messageId, text).message, edit_date: Math.floor(Date.now() / 1000) } };
  },
  callback(chatId: number, queryId: string, data: string, keyboard: { text: string; callback_data: string }[][] = []) {
    return {
      callback_query: {
        id: queryId,
        from: { id: chatId, is_bot: false, first_name: 'Ada' },
        chat_instance: '1',
        data,
        message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, text: 'menu', reply_markup: { inline_keyboard: keyboard } },
      },
    };
  },
};
