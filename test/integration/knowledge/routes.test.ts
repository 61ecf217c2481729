import { insertLlmCall } from '../../../core/repositories/knowledge-llm-calls';
import { authHeader, startTestPlatform, type TestPlatform } from '../../support/platform';

describe('knowledge admin API', () => {
  let platform: TestPlatform;
  let auth: Record<string, string>;

  beforeAll(async () => {
    platform = await startTestPlatform();
    auth = await authHeader(platform);
  });
  afterAll(() => platform.close());

  const del = (path: string, headers: Record<string, string>) => fetch(`${platform.url}${path}`, { method: 'DELETE', headers });

  test('requires a signed-in marketer or admin', async () => {
    expect((await platform.get('/api/bots/demo/knowledge')).status).toBe(401);
    expect((await platform.post('/api/bots/demo/knowledge', { kind: 'faq', locale: 'en', items: [{ question: 'q', answer: 'a' }] })).status).toBe(401);
  });

  test('upload FAQ pairs and an HTML page, list, search, delete', async () => {
    const faq = await platform.post(
      '/api/bots/demo/knowledge',
      { kind: 'faq', locale: 'en', items: [{ question: 'Do you sell gift cards?', answer: 'Yes, gift cards from $20, valid for a year.', url: 'https://lumi.example/gift-cards' }] },
      auth,
    );
    expect(faq.status).toBe(201);
    expect(faq.body.documents).toEqual([expect.objectContaining({ kind: 'faq', title: 'Do you sell gift cards?', chunks: 1, changed: true })]);

    const page = await platform.post(
      '/api/bots/demo/knowledge',
      { kind: 'page', locale: 'en', title: 'Loyalty club', url: 'https://lumi.example/club', format: 'html', content: '<h1>Loyalty club</h1><p>Members collect <b>glow points</b> on every order.</p><script>alert(1)</script>' },
      auth,
    );
    expect(page.status).toBe(201);

    const list = await platform.get('/api/bots/demo/knowledge?locale=en&kind=page', auth);
    expect(list.status).toBe(200);
    const club = list.body.documents.find((d: { title: string }) => d.title === 'Loyalty club');
    expect(club).toMatchObject({ kind: 'page', locale: 'en', url: 'https://lumi.example/club', chunks: 1, format: 'html' });

    const search = await platform.post('/api/bots/demo/knowledge/search', { query: 'how do I earn glow points?', locale: 'en' }, auth);
    expect(search.status).toBe(200);
    expect(search.body.hits[0]).toMatchObject({ title: 'Loyalty club', url: 'https://lumi.example/club' });
    expect(search.body.hits[0].text).not.toContain('alert');
    expect(search.body.hits[0].confidence).toBeGreaterThan(0.4);

    const gift = await platform.post('/api/bots/demo/knowledge/search', { query: 'gift card', locale: 'en' }, auth);
    expect(gift.body.hits[0].title).toBe('Do you sell gift cards?');

    expect((await del(`/api/bots/demo/knowledge/${club.id}`, auth)).status).toBe(204);
    expect((await del(`/api/bots/demo/knowledge/${club.id}`, auth)).status).toBe(404);
    const after = await platform.post('/api/bots/demo/knowledge/search', { query: 'glow points club', locale: 'en' }, auth);
    expect(after.body.hits.find((h: { title: string }) => h.title === 'Loyalty club')).toBeUndefined();
  });

  test('validation and unknown bots', async () => {
    const bad = await platform.post('/api/bots/demo/knowledge', { kind: 'page', locale: 'en', title: 'x' }, auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/content|items/);
    expect((await platform.post('/api/bots/demo/knowledge', { kind: 'faq', locale: 'english!', items: [{ question: 'q', answer: 'a' }] }, auth)).status).toBe(400);
    expect((await platform.post('/api/bots/nope/knowledge', { kind: 'faq', locale: 'en', items: [{ question: 'q', answer: 'a' }] }, auth)).status).toBe(404);
    expect((await del('/api/bots/demo/knowledge/not-a-uuid', auth)).status).toBe(400);
  });

  test('the per-turn LLM log of a conversation', async () => {
    const turn = await platform.post('/api/channels/web/demo/messages', { visitorId: 'llm-log', messageId: 'l1', text: 'hello' });
    expect(turn.status).toBe(200);
    const conversationId = turn.body.conversationId as string;
    expect(conversationId).toBeDefined();
    await insertLlmCall(platform.ctx.db, { botId: 'demo', conversationId, messageId: 1, model: 'fake-gpt', promptTokens: 120, completionTokens: 30, latencyMs: 850, outcome: 'ok', detail: { sources: ['S1'] } });
    const log = await platform.get(`/api/conversations/${conversationId}/llm-calls`, auth);
    expect(log.status).toBe(200);
    expect(log.body.calls).toEqual([expect.objectContaining({ model: 'fake-gpt', promptTokens: 120, completionTokens: 30, latencyMs: 850, outcome: 'ok', messageId: 1 })]);
    expect((await platform.get('/api/conversations/00000000-0000-0000-0000-000000000000/llm-calls', auth)).status).toBe(404);
  });
});
