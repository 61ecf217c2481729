import type { TestDatabase } from '../../support/databases';
import { FakeTelegramServer, tg } from '../../fakes/telegram/server';
import { admin, createAgent, freshDatabase, login, sql, startInboxPlatform, waitFor, type InboxPlatform } from './support';

const token = '424242:HANDOFF-token-cccccccccccccccccccccc';

describe('human handoff from Telegram (fake Bot API)', () => {
  let db: TestDatabase;
  let p: InboxPlatform;
  let fake: FakeTelegramServer;

  beforeAll(async () => {
    fake = new FakeTelegramServer();
    const apiRoot = await fake.start();
    fake.addBot(token, 'lumi_handoff_bot');
    db = await freshDatabase();
    p = await startInboxPlatform(db.url);
    const adminToken = await login(p, admin);
    const created = await p.call('POST', '/api/bots/demo/channels', { id: 'demo-tg', channel: 'telegram', name: 'Telegram', config: { botToken: token, mode: 'webhook', apiRoot } }, adminToken);
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await p?.stop();
    await db?.drop();
    await fake?.stop();
  });

  const sent = (chatId: number) => fake.callsOf('sendMessage', token).filter((c) => Number(c.params.chat_id) === chatId).map((c) => String(c.params.text));

  test('a Telegram customer asks for a person; an agent claims, replies on Telegram, the bot stays silent, then hands back', async () => {
    const chatId = 9100;
    const adminToken = await login(p, admin);
    const agent = await createAgent(p, adminToken, { name: 'Olek' });

    await fake.postUpdate(token, tg.text(chatId, 1, '/start'));
    await waitFor(() => sent(chatId).some((t) => /Do you agree/.test(t)), 'consent question');
    await fake.postUpdate(token, tg.text(chatId, 2, 'agent'));
    await waitFor(() => sent(chatId).some((t) => /connect|team|person|colleague/i.test(t) && !/Do you agree/.test(t)), 'handoff notice');
    const [conversation] = await waitFor(async () => {
      const rows = await sql(db.url, `select c.id from conversations c join handoff_requests h on h.conversation_id = c.id where c.channel_instance_id = 'demo-tg' and c.owner = 'queue'`);
      return rows.length ? rows : undefined;
    }, 'queued conversation');

    expect((await p.call('POST', `/api/inbox/conversations/${conversation.id}/claim`, {}, agent.token)).status).toBe(200);
    expect((await p.call('POST', `/api/inbox/conversations/${conversation.id}/messages`, { text: 'Hi, Olek here. How can I help?' }, agent.token)).status).toBe(201);
    await waitFor(() => sent(chatId).includes('Hi, Olek here. How can I help?'), 'agent reply on Telegram');

    // while the agent owns the conversation, the customer's messages reach the inbox and the bot says nothing
    const before = sent(chatId).length;
    await fake.postUpdate(token, tg.text(chatId, 3, 'I want the serum, how much is it?'));
    await waitFor(async () => (await sql(db.url, `select 1 from messages where conversation_id = $1 and text = 'I want the serum, how much is it?'`, [conversation.id]))[0], 'customer message stored');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sent(chatId).length).toBe(before);
    expect(await sql(db.url, `select count(*)::int as n from messages where conversation_id = $1 and sender = 'bot' and id > (select max(id) from messages where conversation_id = $1 and sender = 'agent')`, [conversation.id])).toEqual([{ n: 0 }]);

    expect((await p.call('POST', `/api/inbox/conversations/${conversation.id}/handback`, {}, agent.token)).status).toBe(200);
    await waitFor(() => sent(chatId).length > before + 0, 'the bot speaks again after the hand back');
    expect((await sql(db.url, `select owner from conversations where id = $1`, [conversation.id]))[0].owner).toBe('bot');
    // agent and bot messages are stored in the order the customer received them
    const order = await sql(db.url, `select sender from messages where conversation_id = $1 and direction = 'out' order by id`, [conversation.id]);
    const lastAgent = order.map((m) => m.sender).lastIndexOf('agent');
    expect(order.slice(lastAgent + 1).every((m) => m.sender !== 'agent')).toBe(true);
  });
});
