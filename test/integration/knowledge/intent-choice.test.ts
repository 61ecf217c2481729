import type { Database } from '../../../core/db/client';
import { publishVersion, saveDraft } from '../../../core/repositories/flows';
import { createKnowledgeResolver, createOpenAIModels } from '../../../bots/knowledge/index';
import { BotRuntime } from '../../../bots/runtime/runtime';
import type { FakeOpenAIServer } from '../../fakes/openai/server';
import { callsOf, createBot, demoSettings, logger, openTestbed, replyTexts, sayOnWeb, type Testbed } from './setup';

const flow = {
  schemaVersion: 2,
  id: 'main',
  name: 'Shop help',
  start: 'hello',
  fallbackLocale: 'en',
  locales: ['en'],
  blocks: [
    { id: 'hello', type: 'message', text: 'Hi! How can I help?', next: 'router' },
    { id: 'router', type: 'intent', routes: [{ intent: 'order_status', next: 'order' }, { intent: 'refund', next: 'refund' }], fallback: 'sorry' },
    { id: 'order', type: 'ask', question: 'Which email did you order with?', var: 'email', answer: 'email', next: 'thanks', giveUp: 'sorry' },
    { id: 'thanks', type: 'message', text: 'Thanks, we are looking into your order.', next: 'router' },
    { id: 'refund', type: 'message', text: 'Refunds take five days.', next: 'router' },
    { id: 'sorry', type: 'message', text: 'Sorry, I did not get that.', next: 'router' },
  ],
  intents: [
    { name: 'order_status', examples: { en: ['where is my order', 'track my package', 'has my parcel shipped'] } },
    { name: 'refund', examples: { en: ['i want my money back', 'refund please', 'how do i return this'] } },
    { name: 'greeting', examples: { en: ['hello', 'hi there', 'good morning'] } },
  ],
};

/** The bot's chat model settles messages the intent classifier is unsure of, through the runtime. */
describe('intent choice by the LLM in a turn (fake OpenAI server)', () => {
  let testbed: Testbed;
  let db: Database;
  let fake: FakeOpenAIServer;
  let runtime: BotRuntime;

  beforeAll(async () => {
    testbed = await openTestbed();
    ({ db, fake } = testbed);
    for (const [botId, enabled] of [['shop', true], ['quiet', false]] as const) {
      await createBot(db, botId, { ...demoSettings, llm: { ...demoSettings.llm, enabled } });
      await saveDraft(db, { botId, flowId: 'main', name: flow.name, draft: flow });
      await publishVersion(db, { botId, flowId: 'main', definition: flow, note: 'test' });
    }
    const models = createOpenAIModels({ apiKey: 'k', baseURL: fake.baseURL, model: 'fake-gpt', timeoutMs: 2000 });
    const service = createKnowledgeResolver({ db, logger, chatModel: models.chatModel, timeoutMs: 2000 });
    runtime = new BotRuntime({ db, logger, knowledge: service, intents: service });
  });
  afterAll(() => testbed.close());
  beforeEach(() => fake.reset());

  async function say(botId: string, visitor: string, text: string): Promise<{ text: string; conversationId?: string }> {
    const result = await sayOnWeb(runtime, botId, visitor, text);
    return { text: replyTexts(result.replies), conversationId: result.conversationId };
  }

  it('asks the model when the classifier is unsure, with personal data masked, and logs the call', async () => {
    expect((await say('shop', 'v1', 'hello')).text).toContain('How can I help');
    fake.respondWith(() => 'order_status');
    const turn = await say('shop', 'v1', 'the penguins ate it, mail me at jane.doe@example.com');
    expect(turn.text).toContain('Which email did you order with?');
    expect(fake.chatRequests).toHaveLength(1);
    const prompt = fake.chatRequests[0].messages.map((m) => m.content).join('\n');
    expect(prompt).toContain('order_status');
    expect(prompt).toContain('[EMAIL_1]');
    expect(prompt).not.toContain('jane.doe@example.com');
    const calls = await callsOf(db, turn.conversationId!);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ purpose: 'intent', outcome: 'ok', model: 'fake-gpt-mini' });
    expect(calls[0].detail).toMatchObject({ result: 'intent', intent: 'order_status', blockId: 'router' });
    expect(JSON.stringify(calls[0].detail)).not.toContain('jane');
  });

  it('does not ask while a question waits for its answer, nor when the classifier is sure', async () => {
    await say('shop', 'v2', 'hello');
    expect((await say('shop', 'v2', 'where is my order')).text).toContain('Which email');
    expect((await say('shop', 'v2', 'jane@example.com')).text).toContain('looking into your order');
    expect(fake.chatRequests).toHaveLength(0);
  });

  it('"none" from the model takes the fallback route', async () => {
    await say('shop', 'v3', 'hello');
    fake.respondWith(() => 'none');
    expect((await say('shop', 'v3', 'tell me a joke about penguins')).text).toContain('did not get that');
    expect(fake.chatRequests).toHaveLength(1);
  });

  it('keeps the classifier result when the model fails, and logs the failure', async () => {
    await say('shop', 'v4', 'hello');
    fake.respondWith(() => ({ status: 500 }));
    const turn = await say('shop', 'v4', 'penguins and volcanoes');
    expect(turn.text).toContain('did not get that');
    const calls = await callsOf(db, turn.conversationId!);
    expect(calls.map((c) => [c.purpose, c.outcome])).toEqual([['intent', 'error']]);
  });

  it('never asks for a bot whose LLM is switched off', async () => {
    await say('quiet', 'v5', 'hello');
    expect((await say('quiet', 'v5', 'the penguins ate it')).text).toContain('did not get that');
    expect(fake.chatRequests).toHaveLength(0);
  });
});
