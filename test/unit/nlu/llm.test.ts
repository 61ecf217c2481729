import { ChatOpenAI } from '@langchain/openai';
import { trainNlu, type NluModel } from '../../../flows/nlu/index.js';
import { multilingualExamples } from './fixtures.js';
import { startFakeOpenAI, type FakeOpenAIServer } from '../../fakes/openai/server.js';

describe('LLM-assisted classification (fake OpenAI server)', () => {
  let fake: FakeOpenAIServer;
  let model: NluModel;
  const OOS = 'tell me a joke about penguins';

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    const llm = new ChatOpenAI({ model: 'gpt-test', apiKey: 'test', maxRetries: 0, configuration: { baseURL: fake.baseURL } });
    model = trainNlu(multilingualExamples(), { llm, llmBelow: 0.7, llmTimeoutMs: 5000 });
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());
  const prompts = () => fake.chatRequests;

  it('does not call the model when the classifier is confident', async () => {
    const r = await model.analyzeWithLlm('where is my order');
    expect(r.decidedBy).toBe('classifier');
    expect(r.intent?.name).toBe('order_status');
    expect(prompts()).toHaveLength(0);
  });

  it('lets the model choose among the same intents when confidence is low', async () => {
    fake.respondWith(() => 'refund');
    const local = model.analyze(OOS);
    expect(local.intent).toBeNull();
    const r = await model.analyzeWithLlm(OOS);
    expect(prompts()).toHaveLength(1);
    const prompt = prompts()[0].messages.map((m) => m.content).join('\n');
    for (const name of model.intents) expect(prompt).toContain(name);
    expect(prompt).toContain(OOS);
    expect(r.decidedBy).toBe('llm');
    expect(r.intent?.name).toBe('refund');
  });

  it('accepts "none" from the model as no intent decided by the llm', async () => {
    fake.respondWith(() => 'none');
    const r = await model.analyzeWithLlm(OOS);
    expect(r).toMatchObject({ intent: null, decidedBy: 'llm' });
  });

  it('tolerates quotes and a final period but nothing else', async () => {
    fake.respondWith(() => '"opening_hours".');
    expect((await model.analyzeWithLlm(OOS)).intent?.name).toBe('opening_hours');
  });

  it('falls back to the classifier result when the model answers garbage', async () => {
    fake.respondWith(() => 'I think the user wants to know about refunds or maybe orders');
    const local = model.analyze(OOS);
    const r = await model.analyzeWithLlm(OOS);
    expect(prompts()).toHaveLength(1);
    expect(r.intent).toEqual(local.intent);
    expect(r.decidedBy).toBe('none');
  });

  it('falls back when the model invents an intent name', async () => {
    fake.respondWith(() => 'cancel_subscription');
    const r = await model.analyzeWithLlm(OOS);
    expect(r.decidedBy).not.toBe('llm');
  });

  it('falls back when the server fails with 500', async () => {
    fake.respondWith(() => ({ status: 500 }));
    const r = await model.analyzeWithLlm(OOS);
    expect(prompts().length).toBeGreaterThanOrEqual(1);
    expect(r.decidedBy).toBe('none');
    expect(r.intent).toBeNull();
  });

  it('without a model analyzeWithLlm equals analyze', async () => {
    const plain = trainNlu(multilingualExamples());
    const r = await plain.analyzeWithLlm(OOS);
    expect(r).toEqual(plain.analyze(OOS));
  });

  it('decideWithLlm lets the caller make the model call', async () => {
    const plain = trainNlu(multilingualExamples());
    const local = plain.analyze(OOS);
    expect(plain.needsLlm(local)).toBe(true);
    const asked: string[] = [];
    const r = await plain.decideWithLlm(local, async (request) => {
      asked.push(request.text, ...request.candidates.slice(0, 1));
      expect(request.intents.sort()).toEqual(plain.intents.sort());
      expect(request.examples.get('refund')?.length).toBeGreaterThan(0);
      return { kind: 'intent', name: 'refund' };
    });
    expect(asked[0]).toBe(OOS);
    expect(r).toMatchObject({ intent: { name: 'refund' }, decidedBy: 'llm' });
    const confident = plain.analyze('where is my order');
    expect(plain.needsLlm(confident)).toBe(false);
    expect(await plain.decideWithLlm(confident, () => Promise.reject(new Error('must not be asked')))).toBe(confident);
  });
});
