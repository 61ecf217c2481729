import type { TestDatabase } from '../../support/databases';
import { AgentSocket, admin, createAgent, customerSays, freshDatabase, login, sql, startInboxPlatform, type InboxPlatform } from './support';

describe('two server instances sharing one PostgreSQL and one Redis', () => {
  let db: TestDatabase;
  let one: InboxPlatform;
  let two: InboxPlatform;

  beforeAll(async () => {
    db = await freshDatabase();
    one = await startInboxPlatform(db.url);
    two = await startInboxPlatform(db.url);
  });
  afterAll(async () => {
    await one?.stop();
    await two?.stop();
    await db?.drop();
  });

  test('a handoff on one reaches an agent on the other; messages flow both ways; reconnecting loses and duplicates nothing; a restart keeps the queue', async () => {
    const adminToken = await login(two, admin);
    const agent = await createAgent(two, adminToken, { name: 'Zahra' });
    const socket = await AgentSocket.connect(two, agent.token);

    await customerSays(one, 'visitor-x', 'hello');
    const turn = await customerSays(one, 'visitor-x', 'human');
    const queued = await socket.waitFor((f) => f.type === 'inbox.changed' && f.event.type === 'inbox.queue' && f.event.conversationId === turn.conversationId, 'queue event from the other instance');
    expect(queued.event.change).toBe('added');
    expect(await sql(db.url, `select count(*)::int as n from handoff_requests where conversation_id = $1`, [turn.conversationId])).toEqual([{ n: 1 }]);

    expect((await two.call('POST', `/api/inbox/conversations/${turn.conversationId}/claim`, {}, agent.token)).status).toBe(200);
    socket.send({ type: 'watch', conversationId: turn.conversationId });
    await customerSays(one, 'visitor-x', 'I want to order the serum');
    const incoming = await socket.waitFor((f) => f.type === 'message' && f.message.text === 'I want to order the serum', 'customer message on the agent socket');
    expect(incoming.message.sender).toBe('contact');
    expect((await two.call('POST', `/api/inbox/conversations/${turn.conversationId}/messages`, { text: 'Sure, which size?' }, agent.token)).status).toBe(201);
    await socket.waitFor((f) => f.type === 'message' && f.message.text === 'Sure, which size?', 'own reply echoed');

    // disconnect, the customer writes, reconnect: refetch after the last seen id gives exactly the missed messages
    const seen = socket.frames.filter((f) => f.type === 'message').map((f) => f.message.id as number);
    const lastSeen = Math.max(...seen);
    await socket.close();
    for (const text of ['50 ml', 'and gift wrap', 'thanks']) await customerSays(one, 'visitor-x', text);
    const again = await AgentSocket.connect(two, agent.token);
    again.send({ type: 'watch', conversationId: turn.conversationId });
    const missed = await two.call('GET', `/api/inbox/conversations/${turn.conversationId}/messages?after=${lastSeen}`, undefined, agent.token);
    expect(missed.body.messages.map((m: any) => m.text)).toEqual(['50 ml', 'and gift wrap', 'thanks']);
    await customerSays(one, 'visitor-x', 'one more');
    await again.waitFor((f) => f.type === 'message' && f.message.text === 'one more', 'live message after reconnect');
    const ids = [...seen, ...missed.body.messages.map((m: any) => m.id), ...again.frames.filter((f) => f.type === 'message').map((f) => f.message.id)];
    const all = await sql(db.url, `select id from messages where conversation_id = $1 and id > $2 order by id`, [turn.conversationId, Math.min(...seen) - 1]);
    expect([...new Set(ids)].sort((a, b) => a - b)).toEqual(all.map((r) => Number(r.id)));

    // instance one restarts: the conversation stays with the agent, the bot stays silent, nothing is lost
    await one.stop();
    one = await startInboxPlatform(db.url);
    const silent = await customerSays(one, 'visitor-x', 'still there?');
    expect(silent.replies).toEqual([]);
    await again.waitFor((f) => f.type === 'message' && f.message.text === 'still there?', 'message after the restart');
    const rows = await sql(db.url, `select sender, text from messages where conversation_id = $1 order by id`, [turn.conversationId]);
    expect(rows.filter((r) => r.text === 'still there?')).toHaveLength(1);
    const afterHandoff = rows.slice(rows.findIndex((r) => r.sender === 'system'));
    expect(afterHandoff.some((r) => r.sender === 'bot')).toBe(false);
    await again.close();
  }, 60000);
});
