import { authHeader, startTestPlatform, type TestPlatform } from '../../support/platform';
import { startFakeOpenAI, type FakeOpenAIServer } from '../../fakes/openai/server';

/**
 * End to end through POST /api/channels/web/demo/messages: the demo flow routes FAQ questions to its
 * knowledge block; the composition root wires the knowledge resolver (and seeds the demo FAQ).
 */
type Reply = { type: string; text?: string; buttons?: { type: string; url?: string }[] };
const textOf = (replies: Reply[]) => replies.map((r) => r.text ?? '').join('\n');

async function conversation(platform: TestPlatform, visitor: string, messages: string[]): Promise<{ replies: Reply[]; conversationId: string }> {
  let last = { replies: [] as Reply[], conversationId: '' };
  for (const [i, text] of messages.entries()) {
    const response = await platform.post('/api/channels/web/demo/messages', { visitorId: visitor, messageId: `${visitor}-${i}`, text });
    expect(response.status).toBe(200);
    last = response.body;
  }
  return last;
}

describe('demo shop through the web endpoint, no LLM configured', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.close());

  test.each([
    ['en', ['hello', 'no', 'How long does shipping take?'], /2–4 business days/, 'https://lumi.example/help/shipping'],
    ['en', ['hi', 'no', 'What is your returns policy?'], /30 days/, 'https://lumi.example/help/returns'],
    ['ar', ['مرحبا', 'لا', 'كم يستغرق الشحن؟'], /من 2 إلى 4 أيام عمل/, 'https://lumi.example/help/shipping'],
    ['ar', ['مرحبا', 'لا', 'ما هي سياسة الإرجاع؟'], /خلال 30 يومًا/, 'https://lumi.example/help/returns'],
    ['fa', ['سلام', 'نه', 'ارسال چقدر طول می‌کشد؟'], /۲ تا ۴ روز کاری/, 'https://lumi.example/help/shipping'],
    ['fa', ['سلام', 'نه', 'شرایط مرجوعی چیست؟'], /تا ۳۰ روز/, 'https://lumi.example/help/returns'],
    ['pl', ['Dzień dobry', 'nie', 'Ile trwa dostawa?'], /2–4 dni robocze/, 'https://lumi.example/help/shipping'],
    ['pl', ['Dzień dobry', 'nie', 'Jak mogę zwrócić produkt?'], /w ciągu 30 dni/, 'https://lumi.example/help/returns'],
  ])('%s: %j', async (locale, messages, answer, url) => {
    const { replies } = await conversation(platform, `web-${locale}-${Buffer.from(messages[2]).toString('hex').slice(0, 40)}`, messages);
    expect(textOf(replies)).toMatch(answer);
    expect(replies.flatMap((r) => r.buttons ?? []).map((b) => b.url)).toContain(url);
  });

  test('an unknown question gets the not-found text and the offer of a person', async () => {
    const { replies } = await conversation(platform, 'web-unknown', ['hello', 'no', 'Who won the football match yesterday?']);
    expect(textOf(replies)).toMatch(/not sure/i);
    expect(textOf(replies)).toMatch(/person|agent/i);
  });
});

describe('demo shop through the web endpoint with the fake OpenAI server', () => {
  let platform: TestPlatform;
  let fake: FakeOpenAIServer;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    platform = await startTestPlatform({ env: { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: 'fake-gpt', LLM_TIMEOUT_MS: '1000' } });
  });
  afterAll(async () => {
    await platform.close();
    await fake.stop();
  });

  test('the grounded prompt carries the passages and masked personal data; the call is visible per turn', async () => {
    fake.respondWith(() => 'Standard delivery takes 2–4 business days, and we will email [EMAIL_1] a tracking link. [[SOURCES: S1]]');
    const { replies, conversationId } = await conversation(platform, 'web-llm', ['hello', 'no', 'How long does shipping take? my email is ann@example.com']);
    expect(textOf(replies)).toContain('we will email ann@example.com a tracking link');
    const prompt = fake.chatRequests.at(-1)!.messages.map((m) => m.content).join('\n');
    expect(prompt).toContain('<passage id="S1"');
    expect(prompt).toContain('2–4 business days');
    expect(prompt).toContain('[EMAIL_1]');
    expect(prompt).not.toContain('ann@example.com');
    const log = await platform.get(`/api/conversations/${conversationId}/llm-calls`, await authHeader(platform));
    expect(log.body.calls).toEqual([expect.objectContaining({ outcome: 'ok', model: 'fake-gpt', messageId: expect.any(Number) })]);
    expect(log.body.calls[0].promptTokens).toBeGreaterThan(0);
  });

  test('the phrase tester asks the model about an unsure phrase only when told to', async () => {
    const admin = await authHeader(platform);
    fake.respondWith(() => 'human');
    const before = fake.chatRequests.length;
    const text = 'could someone from your team help me';
    const local = await platform.post('/api/bots/demo/flows/main/nlu', { text }, admin);
    expect(local.body).toMatchObject({ decidedBy: local.body.intent ? 'classifier' : 'none', llm: { enabled: true, wouldAsk: true } });
    expect(fake.chatRequests).toHaveLength(before);
    const asked = await platform.post('/api/bots/demo/flows/main/nlu', { text, llm: true }, admin);
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ decidedBy: 'llm', intent: { name: 'human' } });
    expect(fake.chatRequests).toHaveLength(before + 1);
    const sure = await platform.post('/api/bots/demo/flows/main/nlu', { text: 'thank you so much', llm: true }, admin);
    expect(sure.body).toMatchObject({ decidedBy: 'classifier', intent: { name: 'thanks' }, llm: { wouldAsk: false } });
    expect(fake.chatRequests).toHaveLength(before + 1);
  });

  test('a message the chat model chose an intent for is kept for review with that intent, for the classifier to learn', async () => {
    fake.respondWith(() => 'human');
    await conversation(platform, 'web-llm-routed', ['hello', 'no', 'could someone from your team help me']);
    const admin = await authHeader(platform);
    const { body } = await platform.get('/api/bots/demo/intent-misses', admin);
    expect(body.misses).toContainEqual(expect.objectContaining({ text: 'could someone from your team help me', reason: 'llm', chosen: 'human' }));
  });

  test('a failing model (500) still answers from the FAQ', async () => {
    fake.respondWith(() => ({ status: 500 }));
    const { replies } = await conversation(platform, 'web-500', ['hello', 'no', 'What is your returns policy?']);
    expect(textOf(replies)).toMatch(/30 days/);
  });
});
