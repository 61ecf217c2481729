import { ChatOpenAI } from '@langchain/openai';
import { trainNlu, type NluModel } from '../../../flows/nlu/index.js';
import { multilingualExamples } from './fixtures.js';
import { startFakeOpenAi, type FakeOpenAi } from './fake-openai.js';

describe('LLM-assisted classification (fake OpenAI server)', () => {
  let fake: FakeOpenAi;
  let model: NluModel;
  const OOS = 'tell me a joke about penguins';

  beforeAll(async () => {
    fake = await startFakeOpenAi();
    const llm = new ChatOpenAI({ model: 'gpt-test', apiKey: 'test', maxRetries: 0, configuration: { baseURL: fake.baseURL } });
    model = trainNlu(multilingualExamples(), { llm, llmBelow: 0.7, llmTimeoutMs: 5000 });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
  });

  it('does not call the model when the classifier is confident', async () => {
    const r = await model.analyzeWithLlm('where is my order');
    expect(r.decidedBy).toBe('classifier');
    expect(r.intent?.name).toBe('order_status');
    expect(fake.requests).toHaveLength(0);
  });

  it('lets the model choose among the same intents when confidence is low', async () => {
    fake.reply = () => ({ content: 'refund' });
    const local = model.analyze(OOS);
    expect(local.intent).toBeNull();
    const r = await model.analyzeWithLlm(OOS);
    expect(fake.requests).toHaveLength(1);
    const prompt = fake.requests[0].messages.map((m) => m.content).join('\n');
    for (const name of model.intents) expect(prompt).toContain(name);
    expect(prompt).toContain(OOS);
    expect(r.decidedBy).toBe('llm');
    expect(r.intent?.name).toBe('refund');
  });

  it('accepts "none" from the model as no intent decided by the llm', async () => {
    fake.reply = () => ({ content: 'none' });
    const r = await model.analyzeWithLlm(OOS);
    expect(r).toMatchObject({ intent: null, decidedBy: 'llm' });
  });

  it('tolerates quotes and a final period but nothing else', async () => {
    fake.reply = () => ({ content: '"opening_hours".' });
    expect((await model.analyzeWithLlm(OOS)).intent?.name).toBe('opening_hours');
  });

  it('falls back to the classifier result when the model answers garbage', async () => {
    fake.reply = () => ({ content: 'I think the user wants to know about refunds or maybe orders' });
    const local = model.analyze(OOS);
    const r = await model.analyzeWithLlm(OOS);
    expect(fake.requests).toHaveLength(1);
    expect(r.intent).toEqual(local.intent);
    expect(r.decidedBy).toBe('none');
  });

  it('falls back when the model invents an intent name', async () => {
    fake.reply = () => ({ content: 'cancel_subscription' });
    const r = await model.analyzeWithLlm(OOS);
    expect(r.decidedBy).not.toBe('llm');
  });

  it('falls back when the server fails with 500', async () => {
    fake.reply = () => ({ status: 500 });
    const r = await model.analyzeWithLlm(OOS);
    expect(fake.requests.length).toBeGreaterThanOrEqual(1);
    expect(r.decidedBy).toBe('none');
    expect(r.intent).toBeNull();
  });

  it('without a model analyzeWithLlm equals analyze', async () => {
    const plain = trainNlu(multilingualExamples());
    const r = await plain.analyzeWithLlm(OOS);
    expect(r).toEqual(plain.analyze(OOS));
  });
});
