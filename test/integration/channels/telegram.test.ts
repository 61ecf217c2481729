import { and, eq } from 'drizzle-orm';
import { messages } from '../../../core/db/schema/index';
import { deliverToConversation } from '../../../server/channels/delivery';
import { FakeTelegramServer, tg } from '../../fakes/telegram/server';
import { api, startTestPlatform, waitFor, type TestPlatform } from './platform';

const token = '123456:TEST-token-aaaaaaaaaaaaaaaaaaaaaaaa';
const pollingToken = '654321:POLL-token-bbbbbbbbbbbbbbbbbbbbbbbb';

describe('Telegram channel (grammY against a fake Bot API)', () => {
  let fake: FakeTelegramServer;
  let t: TestPlatform;
  let admin: string;
  let chat = 7000;

  const sentTo = (chatId: number, method = 'sendMessage') => fake.callsOf(method, token).filter((c) => Number(c.params.chat_id) === chatId);
  const texts = (chatId: number) => sentTo(chatId).map((c) => String(c.params.text));
  const stored = (externalMessageId: string) =>
    t.platform.ctx.db.select().from(messages).where(and(eq(messages.channelInstanceId, 'demo-telegram'), eq(messages.externalMessageId, externalMessageId)));

  beforeAll(async () => {
    fake = new FakeTelegramServer();
    const apiRoot = await fake.start();
    fake.addBot(token, 'glow_shop_bot');
    fake.addBot(pollingToken, 'glow_dev_bot');
    t = await startTestPlatform();
    admin = await t.adminToken();
    const created = await api<{ channel: { config: Record<string, unknown>; status: { state: string }; webhookUrl: string } }>(`${t.url}/api/bots/demo/channels`, {
      token: admin,
      body: { id: 'demo-telegram', channel: 'telegram', name: 'Telegram', config: { botToken: token, mode: 'webhook', apiRoot } },
    });
    expect(created.status).toBe(201);
    expect(created.body.channel.config.botToken).toBe('********');
    expect(created.body.channel.status.state).toBe('connected');
  });

  afterAll(async () => {
    await t?.stop();
    await fake?.stop();
  });

  it('registers its webhook with a secret token', () => {
    const webhook = fake.webhookOf(token);
    expect(webhook?.url).toBe(`${t.url}/webhooks/telegram/demo-telegram`);
    expect(webhook?.secret).toMatch(/^[\w-]{16,}$/);
  });

  it('runs the demo conversation: /start deep link, inline keyboard, button press, text', async () => {
    const id = ++chat;
    expect(await fake.postUpdate(token, tg.text(id, 1, '/start spring_sale'))).toBe(200);
    await waitFor(() => texts(id).some((text) => /Do you agree/.test(text)), 10000, 'consent question');
    expect(sentTo(id, 'sendChatAction').length).toBeGreaterThan(0);
    expect(texts(id)[0]).toMatch(/virtual assistant/);
    const consent = sentTo(id).find((c) => /Do you agree/.test(String(c.params.text)))!;
    const keyboard = (consent.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard;
    expect(keyboard.flat().map((b) => b.callback_data)).toEqual(['yes', 'no']);
    const [start] = await stored(`${id}:1`);
    expect(start.payload).toMatchObject({ type: 'start', payload: 'spring_sale' });

    expect(await fake.postUpdate(token, tg.callback(id, `cbq-${id}`, 'yes', keyboard))).toBe(200);
    await waitFor(() => texts(id).some((text) => /skin type/.test(text)), 10000, 'skin question');
    expect(fake.callsOf('answerCallbackQuery', token).some((c) => c.params.callback_query_id === `cbq-${id}`)).toBe(true);

    expect(await fake.postUpdate(token, tg.text(id, 3, 'I have dry skin'))).toBe(200);
    await waitFor(() => texts(id).some((text) => /budget/i.test(text)), 10000, 'budget question');
    await waitFor(async () => (await t.platform.ctx.db.select().from(messages).where(and(eq(messages.direction, 'out'), eq(messages.deliveryStatus, 'pending')))).length === 0, 5000, 'deliveries');
  });

  it('sends agent replies and numbered-menu answers through the channel (deliverToConversation)', async () => {
    const id = ++chat;
    await fake.postUpdate(token, tg.text(id, 1, '/start'));
    await waitFor(() => texts(id).some((text) => /Do you agree/.test(text)), 10000, 'consent question');
    const [start] = await stored(`${id}:1`);
    const menu = Array.from({ length: 12 }, (_, i) => ({ title: `Option ${i + 1}`, payload: `yes` + (i === 0 ? '' : `-${i}`) }));
    const sent = await deliverToConversation(t.platform.ctx, start.conversationId, [{ type: 'text', text: 'Sam here. Pick one:', quickReplies: menu }], { type: 'agent', id: 'agent-1' });
    expect(await sent.delivered).toEqual([{ messageId: sent.messages[0].id, status: 'sent' }]);
    const last = sentTo(id).at(-1)!;
    expect(String(last.params.text)).toMatch(/^Sam here\. Pick one:\n\n1\. Option 1\n/);
    expect(last.params.reply_markup).toBeUndefined();
    // "1" answers the numbered menu: it becomes the postback "yes" and the flow moves on.
    await fake.postUpdate(token, tg.text(id, 2, '1'));
    await waitFor(() => texts(id).some((text) => /skin type/.test(text)), 10000, 'skin question after a numbered answer');
    const [answer] = await stored(`${id}:2`);
    expect(answer.payload).toMatchObject({ type: 'postback', payload: 'yes', text: 'Option 1' });
  });

  it('ignores redelivered and edited updates', async () => {
    const id = ++chat;
    await fake.postUpdate(token, tg.text(id, 1, '/start'));
    await waitFor(() => texts(id).some((text) => /Do you agree/.test(text)), 10000, 'consent question');
    const before = sentTo(id).length;
    expect(await fake.postUpdate(token, tg.text(id, 1, '/start'))).toBe(200); // same message id, new update_id
    expect(await fake.postUpdate(token, tg.edited(id, 1, '/start again'))).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(sentTo(id).length).toBe(before);
  });

  it('rejects a wrong secret, ignores malformed and oversized updates, never crashes', async () => {
    const url = `${t.url}/webhooks/telegram/demo-telegram`;
    const id = ++chat;
    expect(await fake.postJson(url, { update_id: fake.nextId(), ...tg.text(id, 1, 'hello') }, 'wrong-secret')).toBe(401);
    expect(await fake.postJson(url, { update_id: fake.nextId(), ...tg.text(id, 1, 'hello') })).toBe(401);
    const secret = fake.webhookOf(token)!.secret;
    expect(await fake.postJson(url, { hello: 'world' }, secret)).toBe(200);
    expect(await fake.postJson(url, '{"update_id": 1, "message": {', secret, true)).toBe(400);
    expect(await fake.postJson(url, { update_id: fake.nextId(), message: { chat: 'nope' } }, secret)).toBe(200);
    expect(await fake.postJson(`${t.url}/webhooks/telegram/no-such-instance`, { update_id: 1 }, secret)).toBe(404);
    expect(await fake.postUpdate(token, tg.text(id, 2, 'x'.repeat(4090)))).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sentTo(id).length).toBe(0);
    expect((await api(`${t.url}/healthz`)).status).toBeLessThan(500);
  });

  it('retries 429 after retry_after and transient errors, records permanent failures', async () => {
    const id = ++chat;
    fake.failNext({ method: 'sendMessage', errorCode: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1 });
    fake.failNext({ method: 'sendChatAction', errorCode: 502, description: 'Bad Gateway' });
    await fake.postUpdate(token, tg.text(id, 1, '/start'));
    await waitFor(() => texts(id).some((text) => /Do you agree/.test(text)), 15000, 'consent after retries');
    const attempts = fake.callsOf('sendMessage', token).filter((c) => Number(c.params.chat_id) === id && /virtual assistant/.test(String(c.params.text)));
    expect(attempts.length).toBe(2);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(950);

    const lost = ++chat;
    fake.failNext({ method: 'sendMessage', errorCode: 400, description: 'Bad Request: chat not found', times: 5 });
    fake.failNext({ method: 'sendChatAction', errorCode: 403, description: 'Forbidden: bot was blocked by the user' });
    await fake.postUpdate(token, tg.text(lost, 1, '/start'));
    await waitFor(async () => {
      const [inbound] = await stored(`${lost}:1`);
      if (!inbound) return false;
      const replies = await t.platform.ctx.db.select().from(messages).where(eq(messages.inReplyTo, inbound.id));
      return replies.length > 0 && replies.every((r) => r.deliveryStatus !== 'pending');
    }, 10000, 'failed deliveries recorded');
    const [inbound] = await stored(`${lost}:1`);
    const replies = await t.platform.ctx.db.select().from(messages).where(eq(messages.inReplyTo, inbound.id));
    expect(replies.filter((r) => r.deliveryStatus === 'failed').map((r) => r.deliveryError).join(' ')).toMatch(/chat not found|blocked/);
  });

  it('long polling for development, started and stopped from the admin API', async () => {
    const created = await api<{ channel: { id: string; status: { state: string } } }>(`${t.url}/api/bots/demo/channels`, {
      token: admin,
      body: { channel: 'telegram', config: { botToken: pollingToken, mode: 'polling', apiRoot: fake.apiRoot } },
    });
    expect(created.status).toBe(201);
    const id = ++chat;
    fake.injectUpdate(pollingToken, tg.text(id, 1, '/start'));
    await waitFor(() => fake.callsOf('sendMessage', pollingToken).some((c) => Number(c.params.chat_id) === id && /Do you agree/.test(String(c.params.text))), 10000, 'polling reply');
    const removed = await api(`${t.url}/api/bots/demo/channels/${created.body.channel.id}`, { method: 'DELETE', token: admin });
    expect(removed.status).toBe(204);
    const status = await api<{ state: string }>(`${t.url}/api/bots/demo/channels/${created.body.channel.id}/status`, { token: admin });
    expect(status.body.state).toBe('stopped');
  });
});
