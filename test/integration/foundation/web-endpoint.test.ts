import { Client } from 'pg';
import { authHeader, startTestPlatform, type TestPlatform } from '../../support/platform';

describe('web channel endpoint on PostgreSQL', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.close());

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const client = new Client({ connectionString: platform.database!.url });
    await client.connect();
    try {
      const result = await client.query(sql, params);
      return Number(result.rows[0].n);
    } finally {
      await client.end();
    }
  }
  const messagesOf = (visitor: string) =>
    count(`select count(*) as n from messages m join conversations c on c.id = m.conversation_id where c.external_user_id = $1`, [visitor]);

  test('a customer message gets the welcome flow reply and both are stored', async () => {
    const response = await platform.post('/api/channels/web/demo/messages', { visitorId: 'v1', messageId: 'm1', text: 'hello' });
    expect(response.status).toBe(200);
    expect(response.body.replies.length).toBeGreaterThan(0);
    expect(response.body.replies[0]).toEqual(expect.objectContaining({ type: expect.any(String) }));
    const texts = response.body.replies.filter((r: { type: string }) => r.type === 'text');
    expect(texts[0].text.length).toBeGreaterThan(0);
    expect(await messagesOf('v1')).toBe(1 + response.body.replies.length);
  });

  test('the same inbound message id twice stores one message and runs the flow once', async () => {
    const first = await platform.post('/api/channels/web/demo/messages', { visitorId: 'v2', messageId: 'same', text: 'hello' });
    const stored = await messagesOf('v2');
    const second = await platform.post('/api/channels/web/demo/messages', { visitorId: 'v2', messageId: 'same', text: 'hello' });
    expect(second.status).toBe(200);
    expect(second.body.duplicate).toBe(true);
    expect(second.body.replies).toEqual(first.body.replies);
    expect(await messagesOf('v2')).toBe(stored);
    expect(await count(`select count(*) as n from messages where external_message_id like '%same'`)).toBe(1);
  });

  test('concurrent messages of one visitor run one turn at a time', async () => {
    const sends = Array.from({ length: 8 }, (_, i) => platform.post('/api/channels/web/demo/messages', { visitorId: 'v3', messageId: `c${i}`, text: `message ${i}` }));
    const responses = await Promise.all(sends);
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const totalReplies = responses.reduce((sum, r) => sum + r.body.replies.length, 0);
    expect(await messagesOf('v3')).toBe(8 + totalReplies);
    expect(await count(`select count(*) as n from conversations where external_user_id = 'v3'`)).toBe(1);
    // each bot reply points at the inbound message that produced it, and comes after it
    expect(await count(`select count(*) as n from messages o join messages i on i.id = o.in_reply_to where o.id < i.id`)).toBe(0);
  });

  test.each([
    ['malformed JSON', '{"visitorId": "x", ', 400, 'invalid_json'],
    ['missing visitorId', { messageId: 'm', text: 'hi' }, 400, 'invalid_request'],
    ['missing messageId', { visitorId: 'bad1', text: 'hi' }, 400, 'invalid_request'],
    ['missing text', { visitorId: 'bad1', messageId: 'm' }, 400, 'invalid_request'],
    ['empty text', { visitorId: 'bad1', messageId: 'm', text: '   ' }, 400, 'invalid_request'],
    ['text over 4000 characters', { visitorId: 'bad1', messageId: 'm', text: 'a'.repeat(4001) }, 413, 'message_too_large'],
    ['a body over the request size limit', { visitorId: 'bad1', messageId: 'm', text: 'a'.repeat(300_000) }, 413, 'payload_too_large'],
  ])('%s is rejected with a JSON error and nothing is stored', async (_name, body, status, code) => {
    const before = await count('select count(*) as n from messages');
    const response = await platform.post('/api/channels/web/demo/messages', body);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(typeof response.body.error.message).toBe('string');
    expect(await count('select count(*) as n from messages')).toBe(before);
  });

  test('an unknown bot is a 404', async () => {
    const response = await platform.post('/api/channels/web/nope/messages', { visitorId: 'v', messageId: 'm', text: 'hi' });
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });

  test('health, readiness and Prometheus metrics', async () => {
    expect((await platform.get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await platform.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', database: 'ok', redis: 'ok' });
    const metrics = await platform.get('/metrics');
    expect(metrics.body).toMatch(/omnibot_turns_total\{outcome="ok"\} \d+/);
    expect(metrics.body).toMatch(/omnibot_turn_duration_seconds_bucket/);
    expect(metrics.body).toMatch(/omnibot_turns_total\{outcome="duplicate"\} [1-9]/);
  });

  test('admin routes need a signed-in user with the right role; webhooks do not', async () => {
    expect((await platform.get('/api/users')).status).toBe(401);
    expect((await platform.post('/api/auth/login', { email: 'admin@example.com', password: 'wrong-password' })).status).toBe(401);
    expect((await platform.post('/api/auth/login', { email: 'nobody@example.com', password: 'wrong-password' })).status).toBe(401);
    const admin = await authHeader(platform);
    expect((await platform.get('/api/users', admin)).status).toBe(200);
    const created = await platform.post('/api/users', { email: 'agent@example.com', password: 'agent-password', role: 'agent' }, admin);
    expect(created.status).toBe(201);
    expect(created.body.user.passwordHash).toBeUndefined();
    expect((await platform.post('/api/users', { email: 'AGENT@example.com', password: 'agent-password', role: 'agent' }, admin)).status).toBe(409);
    const agent = await authHeader(platform, { email: 'agent@example.com', password: 'agent-password' });
    expect((await platform.get('/api/users', agent)).status).toBe(403);
    expect((await platform.get('/api/auth/me', agent)).body.user.role).toBe('agent');
    await platform.post('/api/auth/logout', {}, agent);
    expect((await platform.get('/api/auth/me', agent)).status).toBe(401);
  });

  test('database down mid-turn answers 503 and leaves no half-written turn', async () => {
    const before = await count('select count(*) as n from messages');
    const name = new URL(platform.database!.url).pathname.slice(1);
    const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    try {
      await admin.query(`alter database ${name} allow_connections false`);
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [name]);
      const response = await platform.post('/api/channels/web/demo/messages', { visitorId: 'v-down', messageId: 'down-1', text: 'hello' });
      expect(response.status).toBe(503);
      expect(response.body.error.code).toBe('unavailable');
      expect((await platform.get('/readyz')).status).toBe(503);
    } finally {
      await admin.query(`alter database ${name} allow_connections true`);
      await admin.end();
    }
    expect(await count('select count(*) as n from messages')).toBe(before);
    const retry = await platform.post('/api/channels/web/demo/messages', { visitorId: 'v-down', messageId: 'down-1', text: 'hello' });
    expect(retry.status).toBe(200);
    expect(retry.body.duplicate).toBeUndefined();
  });
});
