import { activity, FakeConnector } from '../../fakes/botframework/connector';
import { api, startTestPlatform, waitFor, type TestPlatform } from './platform';

describe('Bot Framework channel (botbuilder CloudAdapter against a fake connector)', () => {
  let connector: FakeConnector;
  let t: TestPlatform;
  let admin: string;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) => api(`${t.url}${path}`, { body, headers });
  const texts = (conversationId: string) => connector.messages(conversationId).map((a) => String(a.text ?? ''));

  beforeAll(async () => {
    connector = new FakeConnector();
    await connector.start();
    t = await startTestPlatform();
    admin = await t.adminToken();
    const created = await api<{ channel: { messagingEndpoint: string; status: { state: string } } }>(`${t.url}/api/bots/demo/channels`, {
      token: admin,
      body: { id: 'demo-bf', channel: 'botframework', name: 'Teams / Emulator', config: {} },
    });
    expect(created.status).toBe(201);
    expect(created.body.channel.messagingEndpoint).toBe(`${t.url}/api/messages/demo-bf`);
  });

  afterAll(async () => {
    await t?.stop();
    await connector?.stop();
  });

  it('runs the demo conversation: join, suggested actions, messageBack postback, text', async () => {
    const conversation = { id: 'conv-demo' };
    const joined = activity(connector.url, { type: 'conversationUpdate', conversation, membersAdded: [{ id: 'bot-1' }, { id: 'user-1', name: 'Ada' }] });
    expect((await post('/api/messages/demo-bf', joined)).status).toBe(200);
    await waitFor(() => texts(conversation.id).some((text) => /Do you agree/.test(text)), 10000, 'consent');
    expect(texts(conversation.id)[0]).toMatch(/virtual assistant/);
    expect(connector.activities.some((a) => a.conversationId === conversation.id && a.activity.type === 'typing')).toBe(true);
    const consent = connector.messages(conversation.id).find((a) => /Do you agree/.test(String(a.text)))!;
    const actions = (consent.suggestedActions as { actions: { type: string; title: string; value: { payload: string } }[] }).actions;
    expect(actions.map((a) => [a.type, a.title, a.value.payload])).toEqual([['messageBack', 'Yes', 'yes'], ['messageBack', 'No', 'no']]);

    expect((await post('/api/messages', activity(connector.url, { conversation, text: 'Yes', value: { payload: 'yes' } }))).status).toBe(200);
    await waitFor(() => texts(conversation.id).some((text) => /skin type/.test(text)), 10000, 'skin question');
    expect((await post('/api/messages/demo-bf', activity(connector.url, { conversation, text: 'I have dry skin' }))).status).toBe(200);
    await waitFor(() => texts(conversation.id).some((text) => /budget/i.test(text)), 10000, 'budget question');
    expect(connector.activities.every((a) => a.activity.recipient && (a.activity.recipient as { id: string }).id === 'user-1')).toBe(true);
  });

  it('answers two conversations whose activities share an id (Teams ids are unique per conversation only)', async () => {
    const id = '1733140000000';
    for (const [conversation, user] of [['conv-twin-a', 'user-a'], ['conv-twin-b', 'user-b']]) {
      const said = activity(connector.url, { id, conversation: { id: conversation }, from: { id: user, name: user }, text: 'hello' });
      expect((await post('/api/messages/demo-bf', said)).status).toBe(200);
    }
    await waitFor(() => texts('conv-twin-a').length > 0 && texts('conv-twin-b').length > 0, 10000, 'both conversations answered');
  });

  it('ignores malformed, unsupported and oversized activities without crashing', async () => {
    expect((await post('/api/messages/demo-bf', 'not an activity')).status).toBe(400);
    expect((await post('/api/messages/demo-bf', { hello: 'world' })).status).toBe(400);
    expect((await post('/api/messages/demo-bf', activity(connector.url, { from: undefined }))).status).toBe(200);
    expect((await post('/api/messages/demo-bf', activity(connector.url, { type: 'messageReaction' }))).status).toBe(200);
    const before = connector.activities.length;
    expect((await post('/api/messages/demo-bf', activity(connector.url, { conversation: { id: 'conv-big' }, text: 'x'.repeat(5000) }))).status).toBe(200);
    expect((await post('/api/messages/no-such-instance', activity(connector.url))).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(connector.activities.length).toBe(before);
  });

  it('validates the JWT when an app id is configured', async () => {
    const created = await api(`${t.url}/api/bots/demo/channels`, {
      token: admin,
      body: { id: 'demo-bf-secure', channel: 'botframework', config: { appId: '11111111-2222-3333-4444-555555555555', appPassword: 'not-a-real-password' } },
    });
    expect(created.status).toBe(201);
    expect((created.body as { channel: { config: { appPassword: string } } }).channel.config.appPassword).toBe('********');
    const jwt = (claims: Record<string, unknown>) =>
      [{ alg: 'RS256', typ: 'JWT', kid: 'k1' }, claims].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.c2lnbmF0dXJl';
    const forged = jwt({ iss: 'https://evil.example.com', aud: '11111111-2222-3333-4444-555555555555', exp: Math.floor(Date.now() / 1000) + 600 });
    const before = connector.activities.length;
    expect((await post('/api/messages/demo-bf-secure', activity(connector.url, { conversation: { id: 'conv-forged' } }), { authorization: `Bearer ${forged}` })).status).toBe(401);
    expect((await post('/api/messages/demo-bf-secure', activity(connector.url, { conversation: { id: 'conv-forged' } }))).status).toBe(401);
    expect((await post('/api/messages/demo-bf-secure', activity(connector.url), { authorization: 'Bearer not-a-jwt' })).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(connector.activities.length).toBe(before);
  });
});
