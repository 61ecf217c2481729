import { eq } from 'drizzle-orm';
import { conversations, intentMisses } from '../../../core/db/schema/index';
import { authHeader, startTestPlatform, type TestPlatform } from '../../support/platform';

describe('messages the intent router missed: listed for marketers, added to an intent, ignored', () => {
  let platform: TestPlatform;
  let marketer: Record<string, string>;
  let agent: Record<string, string>;

  beforeAll(async () => {
    platform = await startTestPlatform({ env: { WORKERS: 'off' } });
    const admin = await authHeader(platform);
    await platform.post('/api/users', { email: 'marketer@example.com', password: 'marketer-pass', role: 'marketer' }, admin);
    await platform.post('/api/users', { email: 'agent@example.com', password: 'agent-password', role: 'agent' }, admin);
    marketer = await authHeader(platform, { email: 'marketer@example.com', password: 'marketer-pass' });
    agent = await authHeader(platform, { email: 'agent@example.com', password: 'agent-password' });
  });
  afterAll(() => platform.close());

  let sent = 0;
  const say = (visitorId: string, text: string) => platform.post('/api/channels/web/demo/messages', { visitorId, messageId: `m${++sent}`, text });
  /** A visitor who declined consent: the bot waits at its intent router. */
  const atRouter = async (visitorId: string) => {
    await say(visitorId, 'hi');
    await say(visitorId, 'no');
  };
  const misses = async (status = 'new') => (await platform.get(`/api/bots/demo/intent-misses?status=${status}`, marketer)).body.misses as Record<string, any>[];
  const LOYALTY = 'do you have a loyalty program?';

  test('a message the router falls back on is listed with its language and best guesses; answers to questions are not', async () => {
    await atRouter('visitor-1');
    expect((await say('visitor-1', LOYALTY)).status).toBe(200);
    const listed = await misses();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ text: LOYALTY, reason: 'no_intent', language: 'en', flowId: 'main', blockId: 'main', status: 'new', intent: null });
    expect(listed[0].guesses[0]).toMatchObject({ name: 'shop_info' });
    expect(listed[0].guesses[0].confidence).toBeLessThan(0.5);
    expect(listed[0]).not.toHaveProperty('messageId');
    const only = async (query: string) => (await platform.get(`/api/bots/demo/intent-misses?${query}`, marketer)).body.misses.length;
    expect([await only('lang=en'), await only('lang=pl'), await only('reason=no_intent'), await only('reason=unsure')]).toEqual([1, 0, 1, 0]);
    expect((await platform.get('/api/bots/demo/intent-misses?lang=english', marketer)).status).toBe(400);
  });

  test('only marketers and admins see them, and bad reviews get clear errors with nothing changed', async () => {
    expect((await platform.get('/api/bots/demo/intent-misses')).status).toBe(401);
    expect((await platform.get('/api/bots/demo/intent-misses', agent)).status).toBe(403);
    expect((await platform.get('/api/bots/nope/intent-misses', marketer)).status).toBe(404);
    expect((await platform.get('/api/bots/demo/intent-misses?status=maybe', marketer)).status).toBe(400);
    const [miss] = await misses();
    expect((await platform.post('/api/bots/demo/intent-misses/999999', { ignore: true }, marketer)).status).toBe(404);
    expect((await platform.post('/api/bots/demo/intent-misses/abc', { ignore: true }, marketer)).status).toBe(404);
    const empty = await platform.post(`/api/bots/demo/intent-misses/${miss.id}`, {}, marketer);
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/intent.*ignore/);
    const unknown = await platform.post(`/api/bots/demo/intent-misses/${miss.id}`, { intent: 'loyalty' }, marketer);
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.message).toBe('flow "main" has no intent "loyalty" in its draft');
    expect((await misses())[0]).toMatchObject({ id: miss.id, status: 'new' });
  });

  test('added to an intent, it becomes a phrase of the draft; once published the bot understands it', async () => {
    const [miss] = await misses();
    const added = await platform.post(`/api/bots/demo/intent-misses/${miss.id}`, { intent: 'shop_info' }, marketer);
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ draft: { flowId: 'main', intent: 'shop_info', lang: 'en', added: true }, repeats: 0 });
    expect(added.body.miss).toMatchObject({ id: miss.id, status: 'added', intent: 'shop_info', text: LOYALTY });
    expect((await platform.post(`/api/bots/demo/intent-misses/${miss.id}`, { ignore: true }, marketer)).status).toBe(409);
    expect(await misses()).toEqual([]);
    expect((await misses('added'))[0]).toMatchObject({ id: miss.id, intent: 'shop_info' });

    const draft = await platform.get('/api/bots/demo/flows/main', marketer);
    expect(draft.body.flow.draft.intents.find((intent: { name: string }) => intent.name === 'shop_info').examples.en).toContain(LOYALTY);
    const tried = await platform.post('/api/bots/demo/flows/main/nlu', { text: LOYALTY }, marketer);
    expect(tried.body.intent).toMatchObject({ name: 'shop_info' });

    expect((await platform.post('/api/bots/demo/flows/main/publish', {}, marketer)).status).toBe(201);
    await atRouter('visitor-2');
    await say('visitor-2', LOYALTY);
    expect(await misses()).toEqual([]);
  });

  test('a "did you mean…?" question is kept with the intent the customer picked; personal data is masked', async () => {
    await atRouter('visitor-4');
    const asked = await say('visitor-4', 'cancel and refund');
    expect(asked.body.replies.at(-1).quickReplies.map((reply: { payload: string }) => reply.payload)).toEqual(['intent:cancel_order', 'intent:returns']);
    const picked = await platform.post('/api/channels/web/demo/messages', { visitorId: 'visitor-4', messageId: `m${++sent}`, postback: { payload: 'intent:returns', title: 'Returns' } });
    expect(picked.status).toBe(200);
    const [miss] = await misses();
    expect(miss).toMatchObject({ text: 'cancel and refund', reason: 'unsure', chosen: 'returns' });
    expect(miss.guesses.map((guess: { name: string }) => guess.name).slice(0, 2)).toEqual(['cancel_order', 'returns']);
    await platform.post(`/api/bots/demo/intent-misses/${miss.id}`, { ignore: true }, marketer);

    await atRouter('visitor-5');
    await say('visitor-5', 'do you sell perfume? write to anna.kowalska@example.com or +48 601 234 987');
    const [withData] = await misses();
    expect(withData.text).toBe('do you sell perfume? write to [EMAIL_1] or [PHONE_1]');
    const added = await platform.post(`/api/bots/demo/intent-misses/${withData.id}`, { intent: 'product_question' }, marketer);
    expect(added.status).toBe(200);
    const draft = await platform.get('/api/bots/demo/flows/main', marketer);
    const phrases = draft.body.flow.draft.intents.find((intent: { name: string }) => intent.name === 'product_question').examples.en;
    expect(phrases).toContain('do you sell perfume? write to [EMAIL_1] or [PHONE_1]');
    expect(JSON.stringify(draft.body.flow.draft)).not.toMatch(/anna\.kowalska|601 234 987/);
  });

  test('ignored, it leaves the list with the same question asked by others; it goes with its conversation', async () => {
    await atRouter('visitor-3');
    await say('visitor-3', 'do you sell perfume');
    await atRouter('visitor-6');
    await say('visitor-6', 'Do you sell perfume ');
    const [repeated, miss] = await misses();
    expect(miss).toMatchObject({ text: 'do you sell perfume' });
    expect(repeated).toMatchObject({ text: 'Do you sell perfume' });
    const ignored = await platform.post(`/api/bots/demo/intent-misses/${miss.id}`, { ignore: true }, marketer);
    expect(ignored.body).toMatchObject({ miss: { status: 'ignored', intent: null }, repeats: 1 });
    expect(await misses()).toEqual([]);
    expect((await misses('ignored')).map((m) => m.id)).toEqual(expect.arrayContaining([miss.id, repeated.id]));

    await platform.ctx.db.delete(conversations).where(eq(conversations.id, miss.conversationId));
    expect(await platform.ctx.db.select().from(intentMisses).where(eq(intentMisses.id, miss.id))).toEqual([]);
  });
});
