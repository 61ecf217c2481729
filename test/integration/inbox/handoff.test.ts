import type { TestDatabase } from '../../support/databases';
import {
  AgentSocket, admin, createAgent, customerSays, freshDatabase, login, sql, startInboxPlatform, testClock, waitFor, type InboxPlatform,
} from './support';

describe('handoff queue and agent inbox (PostgreSQL + Redis)', () => {
  let db: TestDatabase;
  let p: InboxPlatform;
  let adminToken: string;
  const clock = testClock();

  beforeAll(async () => {
    db = await freshDatabase();
    p = await startInboxPlatform(db.url, { clock });
    adminToken = await login(p, admin);
  });
  afterAll(async () => {
    await p?.stop();
    await db?.drop();
  });

  /** Agents left online by one test would take the next test's conversations. */
  afterEach(async () => {
    await sql(db.url, `update agent_profiles set status = 'away'`);
  });

  const queued = (conversationId: string) =>
    waitFor(async () => (await sql(db.url, `select * from handoff_requests where conversation_id = $1 and status in ('waiting','assigned')`, [conversationId]))[0], 'a handoff request');
  const transcript = (conversationId: string) => sql<{ id: number; sender: string; type: string; text: string }>(db.url, `select id, sender, type, text from messages where conversation_id = $1 order by id`, [conversationId]);

  /** A bot conversation in the given language, then a handoff requested by an admin (no NLU involved). */
  async function queuedConversation(language: string, visitor = `v-${language}-${Math.random().toString(36).slice(2, 8)}`) {
    const turn = await customerSays(p, visitor, 'hello');
    await sql(db.url, `update conversations set locale = $2 where id = $1`, [turn.conversationId, language]);
    const res = await p.call('POST', `/api/inbox/conversations/${turn.conversationId}/handoff`, { reason: 'customer asked for a person' }, adminToken);
    expect(res.status).toBe(200);
    return turn.conversationId;
  }

  test('an agent may not hand over a conversation it cannot see; an unknown one is 404', async () => {
    const agent = await createAgent(p, adminToken);
    const turn = await customerSays(p, `v-private-${Math.random().toString(36).slice(2, 8)}`, 'hello');
    const denied = await p.call('POST', `/api/inbox/conversations/${turn.conversationId}/handoff`, { reason: 'curious' }, agent.token);
    expect(denied.status).toBe(403);
    expect(await sql(db.url, `select * from handoff_requests where conversation_id = $1`, [turn.conversationId])).toEqual([]);
    const unknown = await p.call('POST', '/api/inbox/conversations/00000000-0000-4000-8000-000000000000/handoff', { reason: 'x' }, adminToken);
    expect(unknown.status).toBe(404);
  });

  test('"human" hands the conversation to the queue with reason, priority, language and channel; the customer gets an ETA', async () => {
    const agent = await createAgent(p, adminToken);
    const socket = await AgentSocket.connect(p, agent.token);
    await customerSays(p, 'visitor-1', 'hello');
    const turn = await customerSays(p, 'visitor-1', 'human');
    expect(turn.replies.some((r) => r.type === 'handoff')).toBe(true);
    const request = await queued(turn.conversationId);
    expect(request).toMatchObject({ status: 'waiting', channel: 'web', reason: 'customer asked for a human', priority_label: 'normal' });
    await socket.waitFor((f) => f.type === 'inbox.changed' && f.event.conversationId === turn.conversationId, 'queue event on the agent socket');
    const list = await p.call('GET', '/api/inbox/conversations?view=queue', undefined, agent.token);
    const item = list.body.conversations.find((c: any) => c.conversationId === turn.conversationId);
    expect(item).toMatchObject({ status: 'waiting', channel: 'web', reason: 'customer asked for a human', dir: 'ltr' });
    const notice = await waitFor(async () => (await transcript(turn.conversationId)).find((m) => m.sender === 'system' && m.type === 'handoff'), 'ETA notice');
    expect(notice.text).toMatch(/answer in (about \d+ min|a moment)/);
    await socket.close();
  });

  test('two agents claim at once: one wins, the other gets 409; the bot stays silent; replies reach the transcript in order', async () => {
    const a = await createAgent(p, adminToken, { name: 'Anna Nowak' });
    const b = await createAgent(p, adminToken);
    const conversationId = await queuedConversation('en', 'visitor-claim');
    await queued(conversationId);
    const [ra, rb] = await Promise.all([
      p.call('POST', `/api/inbox/conversations/${conversationId}/claim`, {}, a.token),
      p.call('POST', `/api/inbox/conversations/${conversationId}/claim`, {}, b.token),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const winner = ra.status === 200 ? a : b;
    const loser = ra.status === 200 ? b : a;
    expect((await p.call('POST', `/api/inbox/conversations/${conversationId}/messages`, { text: 'I am not yours' }, loser.token)).status).toBe(409);

    const during = await customerSays(p, 'visitor-claim', 'are you there?');
    expect(during.replies).toEqual([]);
    const sent = await p.call('POST', `/api/inbox/conversations/${conversationId}/messages`, { text: 'Hi, I am here to help', clientId: 'c1' }, winner.token);
    expect(sent.status).toBe(201);
    const again = await p.call('POST', `/api/inbox/conversations/${conversationId}/messages`, { text: 'Hi, I am here to help', clientId: 'c1' }, winner.token);
    expect(again.body).toMatchObject({ duplicate: true, messageIds: sent.body.messageIds });
    await customerSays(p, 'visitor-claim', 'great, thanks');
    const rows = await transcript(conversationId);
    const tail = rows.filter((m) => m.sender !== 'system').slice(-3).map((m) => [m.sender, m.text]);
    expect(tail).toEqual([['contact', 'are you there?'], ['agent', 'Hi, I am here to help'], ['contact', 'great, thanks']]);
    expect(rows.filter((m) => m.text === 'Hi, I am here to help')).toHaveLength(1);
    expect(rows.some((m) => m.sender === 'system' && /Anna|Agent/.test(m.text) && /joined/.test(m.text))).toBe(true);
    // the bot said nothing after the handoff
    const handoffAt = rows.findIndex((m) => m.sender === 'system');
    expect(rows.slice(handoffAt).some((m) => m.sender === 'bot')).toBe(false);
    const events = await sql(db.url, `select type, from_owner, to_owner, actor_type, actor_id from conversation_events where conversation_id = $1 order by id`, [conversationId]);
    expect(events.map((e) => `${e.type}:${e.from_owner}->${e.to_owner}`)).toEqual(['handoff.requested:bot->queue', 'handoff.claimed:queue->human']);
    expect(events[1]).toMatchObject({ actor_type: 'agent', actor_id: winner.id });
  });

  test('routing: priority first, language and capacity limits, round robin among equals', async () => {
    const open = await p.call('GET', '/api/inbox/conversations?view=all', undefined, adminToken);
    for (const c of open.body.conversations) await p.call('POST', `/api/inbox/conversations/${c.conversationId}/close`, { outcome: 'not_a_lead', csat: false }, adminToken);
    const fa = await createAgent(p, adminToken, { languages: ['fa'], maxOpen: 5 });
    const en1 = await createAgent(p, adminToken, { languages: ['en'], maxOpen: 2 });
    const en2 = await createAgent(p, adminToken, { languages: ['en'], maxOpen: 2 });
    const persian = await queuedConversation('fa');
    const english = await Promise.all([1, 2, 3, 4, 5].map(() => queuedConversation('en')));
    // a hot buying lead jumps the queue
    await sql(db.url, `update handoff_requests set priority = 200 where conversation_id = $1`, [english[4]]);
    // all three come online at once (PATCH /api/inbox/me would assign at each step)
    await sql(db.url, `update agent_profiles set status = 'online' where user_id = any($1::uuid[])`, [[fa.id, en1.id, en2.id]]);
    await p.inbox.service.autoAssign();
    const owners = await sql(db.url, `select conversation_id, assigned_agent_id, status from handoff_requests where status in ('waiting','assigned')`);
    const ownerOf = (id: string) => owners.find((o) => o.conversation_id === id);
    expect(ownerOf(persian)).toMatchObject({ status: 'assigned', assigned_agent_id: fa.id });
    expect(ownerOf(english[4])?.status).toBe('assigned');
    const assignedEnglish = english.filter((id) => ownerOf(id)?.status === 'assigned');
    expect(assignedEnglish).toHaveLength(4); // 2 agents × max 2
    expect(english.filter((id) => ownerOf(id)?.status === 'waiting')).toHaveLength(1);
    const perAgent = (id: string) => assignedEnglish.filter((c) => ownerOf(c)?.assigned_agent_id === id).length;
    expect([perAgent(en1.id), perAgent(en2.id)]).toEqual([2, 2]);
    expect(english.some((id) => ownerOf(id)?.assigned_agent_id === fa.id)).toBe(false);
    // round robin: the first two English assignments went to different agents
    const order = await sql(db.url, `select data->>'toAgentId' as agent from conversation_events where type = 'handoff.assigned' and conversation_id = any($1::uuid[]) order by id`, [english]);
    expect(order[0].agent).not.toBe(order[1].agent);
    // the Persian agent sees the Persian conversation in "mine" with rtl
    const mine = await p.call('GET', '/api/inbox/conversations?view=mine', undefined, fa.token);
    expect(mine.body.conversations.map((c: any) => [c.conversationId, c.dir])).toEqual([[persian, 'rtl']]);
    expect((await p.call('GET', '/api/inbox/conversations?view=all', undefined, fa.token)).status).toBe(403);
    expect((await p.call('GET', '/api/inbox/conversations?view=all', undefined, adminToken)).body.conversations.length).toBeGreaterThanOrEqual(6);
    for (const id of [persian, ...english]) await p.call('POST', `/api/inbox/conversations/${id}/close`, { outcome: 'not_a_lead', csat: false }, adminToken);
  });

  test('SLA: an agent who does not answer in time loses the conversation back to the queue, with an alert', async () => {
    const agent = await createAgent(p, adminToken);
    const adminSocket = await AgentSocket.connect(p, adminToken);
    const conversationId = await queuedConversation('en');
    await p.call('PATCH', '/api/inbox/me', { status: 'online' }, agent.token);
    await waitFor(async () => (await sql(db.url, `select 1 from handoff_requests where conversation_id = $1 and status = 'assigned'`, [conversationId]))[0], 'assignment');
    await p.call('PATCH', '/api/inbox/me', { status: 'away' }, agent.token);
    await p.inbox.sweep();
    expect((await sql(db.url, `select status from handoff_requests where conversation_id = $1 and status <> 'done'`, [conversationId]))[0].status).toBe('assigned');
    clock.advance(181_000);
    await p.inbox.sweep();
    const [request] = await sql(db.url, `select * from handoff_requests where conversation_id = $1 and status <> 'done'`, [conversationId]);
    expect(request).toMatchObject({ status: 'waiting', requeue_count: 1, assigned_agent_id: null });
    expect((await sql(db.url, `select owner from conversations where id = $1`, [conversationId]))[0].owner).toBe('queue');
    await adminSocket.waitFor((f) => f.type === 'alert' && f.event.kind === 'sla.first_response' && f.event.conversationId === conversationId, 'SLA alert');
    const [event] = await sql(db.url, `select * from conversation_events where conversation_id = $1 and type = 'handoff.requeued'`, [conversationId]);
    expect(event).toMatchObject({ from_owner: 'human', to_owner: 'queue', actor_type: 'system' });
    await adminSocket.close();
    await p.call('POST', `/api/inbox/conversations/${conversationId}/close`, { outcome: 'lost', csat: false }, adminToken);
  });

  test('notes, transfer, hand back (the flow resumes), close with outcome and CSAT', async () => {
    const a = await createAgent(p, adminToken, { name: 'Ali' });
    const b = await createAgent(p, adminToken, { name: 'Basia' });
    const turn = await customerSays(p, 'visitor-flow', 'hello');
    await customerSays(p, 'visitor-flow', 'agent');
    const conversationId = turn.conversationId;
    await queued(conversationId);
    expect((await p.call('POST', `/api/inbox/conversations/${conversationId}/claim`, {}, a.token)).status).toBe(200);
    expect((await p.call('POST', `/api/inbox/conversations/${conversationId}/notes`, { text: 'VIP customer' }, a.token)).status).toBe(201);
    expect((await p.call('POST', `/api/inbox/conversations/${conversationId}/transfer`, { agentId: b.id }, b.token)).status).toBe(409);
    expect((await p.call('POST', `/api/inbox/conversations/${conversationId}/transfer`, { agentId: b.id, note: 'over to you' }, a.token)).status).toBe(200);
    const detail = await p.call('GET', `/api/inbox/conversations/${conversationId}`, undefined, b.token);
    expect(detail.body.conversation).toMatchObject({ owner: 'human', assignedAgentId: b.id, canReply: true, dir: 'ltr', channel: 'web' });
    expect(detail.body.summary).toContain('Handoff: customer asked for a human');
    const history = await p.call('GET', `/api/inbox/conversations/${conversationId}/messages`, undefined, b.token);
    expect(history.body.notes.map((n: any) => n.text)).toEqual(['VIP customer', 'over to you']);
    expect(history.body.messages.some((m: any) => m.text === 'VIP customer')).toBe(false);

    const back = await p.call('POST', `/api/inbox/conversations/${conversationId}/handback`, {}, b.token);
    expect(back.status).toBe(200);
    expect(back.body.conversation.owner).toBe('bot');
    const rows = await transcript(conversationId);
    expect(rows.some((m) => m.sender === 'system' && /assistant again/.test(m.text))).toBe(true);
    const afterBack = await customerSays(p, 'visitor-flow', 'hello');
    expect(afterBack.replies.length).toBeGreaterThan(0);
    expect((await p.call('POST', `/api/inbox/conversations/${conversationId}/handback`, {}, b.token)).status).toBe(409);

    // again to a person, then closed as won with a CSAT question the customer answers
    await customerSays(p, 'visitor-flow', 'human');
    await queued(conversationId);
    await p.call('POST', `/api/inbox/conversations/${conversationId}/claim`, {}, a.token);
    const closed = await p.call('POST', `/api/inbox/conversations/${conversationId}/close`, { outcome: 'won' }, a.token);
    expect(closed.status).toBe(200);
    expect(closed.body.conversation.owner).toBe('closed');
    const last = (await transcript(conversationId)).slice(-2);
    expect(last.map((m) => m.text)).toEqual([expect.stringContaining('closed'), expect.stringContaining('Rate us')]);
    await customerSays(p, 'visitor-flow', '5');
    await waitFor(async () => (await sql(db.url, `select score from csat_responses where conversation_id = $1 and score = 5`, [conversationId]))[0], 'CSAT answer');
    const [request] = await sql(db.url, `select outcome, status from handoff_requests where conversation_id = $1 order by created_at desc limit 1`, [conversationId]);
    expect(request).toEqual({ outcome: 'won', status: 'done' });
    expect((await p.call('POST', `/api/inbox/conversations/${conversationId}/claim`, {}, a.token)).status).toBe(409);
  });

  test('after hours the customer is told when we answer and contact details are captured', async () => {
    // The bot's country reads a phone number written without its country code.
    await sql(db.url, `update bots set settings = settings || jsonb_build_object('handoff', $1::jsonb, 'nlu', coalesce(settings->'nlu', '{}'::jsonb) || '{"country":"US"}') where id = 'demo'`, [
      JSON.stringify({ businessHours: { timeZone: 'Europe/Warsaw', hours: { mon: [['09:00', '17:00']] } } }),
    ]);
    clock.set(Date.parse('2025-06-07T12:00:00Z')); // Saturday
    await new Promise((resolve) => setTimeout(resolve, 5100)); // settings cache
    try {
      const turn = await customerSays(p, 'visitor-night', 'hello');
      await customerSays(p, 'visitor-night', 'human');
      await queued(turn.conversationId);
      const notice = await waitFor(async () => (await transcript(turn.conversationId)).find((m) => m.sender === 'system' && /answer at/.test(m.text)), 'after-hours notice');
      expect(notice.text).toMatch(/Monday.*09:00/);
      await waitFor(async () => (await transcript(turn.conversationId)).find((m) => /email or phone/.test(m.text)), 'contact request');
      await customerSays(p, 'visitor-night', 'sure, jane@example.com');
      await waitFor(async () => (await sql(db.url, `select email from contacts c join conversations v on v.contact_id = c.id where v.id = $1 and c.email is not null`, [turn.conversationId]))[0], 'captured email');
      await customerSays(p, 'visitor-night', 'or call me at (415) 555-2671');
      await waitFor(async () => (await sql(db.url, `select phone from contacts c join conversations v on v.contact_id = c.id where v.id = $1 and c.phone = '+14155552671'`, [turn.conversationId]))[0], 'captured phone');
    } finally {
      await sql(db.url, `update bots set settings = (settings - 'handoff') #- '{nlu,country}' where id = 'demo'`);
      clock.set(Date.now());
    }
  }, 30000);

  test('a conversation left in the queue without a request (lost event, restart) is picked up by the sweeper', async () => {
    const turn = await customerSays(p, 'visitor-orphan', 'hello');
    await sql(db.url, `update conversations set owner = 'queue' where id = $1`, [turn.conversationId]);
    const result = (await p.inbox.sweep()) as { enqueued: number };
    expect(result.enqueued).toBeGreaterThanOrEqual(1);
    await queued(turn.conversationId);
  });

  test('inbox routes need an agent or admin', async () => {
    expect((await p.call('GET', '/api/inbox/conversations')).status).toBe(401);
    const marketer = await p.call('POST', '/api/users', { email: 'm@example.com', password: 'marketer-pass-1', role: 'marketer' }, adminToken);
    expect(marketer.status).toBe(201);
    const token = await login(p, { email: 'm@example.com', password: 'marketer-pass-1' });
    expect((await p.call('GET', '/api/inbox/conversations', undefined, token)).status).toBe(403);
    const canned = await p.call('POST', '/api/inbox/canned-replies', { locale: 'en', shortcut: 'hi', title: 'Greeting', text: 'Hi! How can I help?' }, adminToken);
    expect(canned.status).toBe(201);
    expect((await p.call('GET', '/api/inbox/canned-replies?locale=en&botId=demo', undefined, adminToken)).body.cannedReplies.map((c: any) => c.shortcut)).toContain('hi');
  });
});
