import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { deliverToConversation } from '../../../server/channels/delivery';
import { FakeTelegramServer, tg } from '../../fakes/telegram/server';
import { redisUrl, type TestDatabase } from '../../support/databases';
import { admin, freshDatabase, login, sql, startInboxPlatform, waitFor, type InboxPlatform } from '../inbox/support';

const pollingToken = '765432:POLL-token-cccccccccccccccccccccccc';

/**
 * Two server instances of one deployment and a Telegram bot in long polling mode: one connection for both (two
 * pollers make Telegram end one another's getUpdates with 409), sends from the other instance go through it, and
 * the other takes the connection over when the holder stops.
 */
describe('an exclusive channel instance (Telegram long polling) on two server instances', () => {
  let db: TestDatabase;
  let fake: FakeTelegramServer;
  let one: InboxPlatform;
  let two: InboxPlatform;
  let chat = 9100;

  const env = { CHANNEL_LEASE_MS: '600' };
  const sentTexts = (chatId: number) => fake.callsOf('sendMessage', pollingToken).filter((c) => Number(c.params.chat_id) === chatId).map((c) => String(c.params.text));
  const statusOn = async (p: InboxPlatform, token: string, id: string) => (await p.call('GET', `/api/bots/demo/channels/${id}/status`, undefined, token)).body as { state: string; detail?: string };

  beforeAll(async () => {
    fake = new FakeTelegramServer();
    await fake.start();
    fake.addBot(pollingToken, 'glow_poll_bot');
    db = await freshDatabase();
    one = await startInboxPlatform(db.url, { env });
    two = await startInboxPlatform(db.url, { env });
  });

  afterAll(async () => {
    await one?.stop();
    await two?.stop();
    await fake?.stop();
    await db?.drop();
  });

  test('one server instance polls, the other sends through it, and takes over when it stops', async () => {
    const token = await login(one, admin);
    const created = await one.call('POST', '/api/bots/demo/channels', { channel: 'telegram', name: 'Polling', config: { botToken: pollingToken, mode: 'polling', apiRoot: fake.apiRoot } }, token);
    expect(created.status).toBe(201);
    const id = created.body.channel.id as string;

    const customer = ++chat;
    fake.injectUpdate(pollingToken, tg.text(customer, 1, '/start'));
    await waitFor(() => sentTexts(customer).some((t) => /Do you agree/.test(t)), 'the reply to /start');

    // Both reloaded the new instance; one of them holds the connection, the other says where it is.
    const statuses = await Promise.all([one, two].map(async (p) => statusOn(p, await login(p, admin), id)));
    expect(statuses.map((s) => s.state)).toEqual(['connected', 'connected']);
    const elsewhere = statuses.map((s) => /another server instance/.test(s.detail ?? ''));
    expect(elsewhere.filter(Boolean)).toHaveLength(1);
    const [holder, other] = elsewhere[0] ? [two, one] : [one, two];

    // A few long polls later, no getUpdates was ended by another.
    const polls = fake.count('getUpdates');
    await waitFor(() => fake.count('getUpdates') >= polls + 3 || (fake.injectUpdate(pollingToken, tg.text(++chat, 1, 'hi')) && false), 'more long polls', 10000);
    expect(fake.conflicts).toBe(0);

    // An agent's message stored on the other instance is sent by the holder.
    const [conversation] = await sql<{ id: string }>(db.url, `select id from conversations where channel_instance_id = $1 and external_user_id = $2`, [id, String(customer)]);
    const sent = await deliverToConversation(other.platform.ctx, conversation.id, [{ type: 'text', text: 'Hi, Sam from the team here.' }], { type: 'agent', id: 'agent-1' });
    expect(await sent.delivered).toEqual([{ messageId: sent.messages[0].id, status: 'forwarded' }]);
    await waitFor(() => sentTexts(customer).includes('Hi, Sam from the team here.'), 'the forwarded message on Telegram');
    await waitFor(async () => (await sql(db.url, `select 1 from messages where id = $1 and delivery_status = 'sent'`, [sent.messages[0].id])).length === 1, 'the holder records it sent');
    expect(sentTexts(customer).filter((t) => t === 'Hi, Sam from the team here.')).toHaveLength(1);

    // The holder stops: the other takes the connection over, answers customers and sends its own messages directly.
    await holder.stop();
    const otherToken = await login(other, admin);
    await waitFor(async () => !/another server instance/.test((await statusOn(other, otherToken, id)).detail ?? ''), 'the other instance takes over', 10000);
    const next = ++chat;
    fake.injectUpdate(pollingToken, tg.text(next, 1, '/start'));
    await waitFor(() => sentTexts(next).some((t) => /Do you agree/.test(t)), 'a reply after the take-over', 10000);
    const direct = await deliverToConversation(other.platform.ctx, conversation.id, [{ type: 'text', text: 'Still here.' }], { type: 'agent', id: 'agent-1' });
    expect(await direct.delivered).toEqual([{ messageId: direct.messages[0].id, status: 'sent' }]);

    // The lease turns out held by someone else (Redis lost it, another instance took it): the poller here closes, what
    // is stored meanwhile waits, and when that lease runs out without a holder sending, this instance takes it back
    // and sends it.
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
    const deployment = createHash('sha256').update(db.url).digest('hex').slice(0, 12);
    await redis.set(`omnibot:channels:${deployment}:lease:${id}`, 'a-vanished-instance', 'PX', 1500);
    await redis.quit();
    await waitFor(async () => /another server instance/.test((await statusOn(other, otherToken, id)).detail ?? ''), 'the poller closed here');
    const waiting = await deliverToConversation(other.platform.ctx, conversation.id, [{ type: 'text', text: 'Sorry for the wait.' }], { type: 'agent', id: 'agent-1' });
    expect(await waiting.delivered).toEqual([{ messageId: waiting.messages[0].id, status: 'forwarded' }]);
    await waitFor(() => sentTexts(customer).includes('Sorry for the wait.'), 'the waiting message sent after taking the lease back', 10000);
    await waitFor(async () => (await sql(db.url, `select 1 from messages where id = $1 and delivery_status = 'sent'`, [waiting.messages[0].id])).length === 1, 'recorded sent');
    expect(fake.conflicts).toBe(0);
    if (holder === one) one = await startInboxPlatform(db.url, { env });
    else two = await startInboxPlatform(db.url, { env });
  });
});
