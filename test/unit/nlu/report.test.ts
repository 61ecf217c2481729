import { reportNluInSlices, type IntentExample } from '../../../flows/nlu/index';

const phrases = (intent: string, lang: string, texts: string[]): IntentExample[] => texts.map((text) => ({ intent, text, lang }));

describe('intent report', () => {
  it('cross-validates each intent, names its confusions, conflicting phrases and thin languages', async () => {
    const report = await reportNluInSlices([
      ...phrases('order_status', 'en', ['where is my order', 'track my order', 'has my order shipped', 'order status please', 'when will my order arrive', 'Help']),
      ...phrases('refund', 'en', ['i want a refund', 'refund my purchase', 'can i get a refund', 'money back please', 'refund status', 'help']),
      ...phrases('refund', 'pl', ['chcę zwrot pieniędzy', 'zwrot zakupu']),
      { intent: 'refund', text: 'returning an item for money back', describes: true },
    ]);
    expect(report).toMatchObject({ intents: 2, phrases: 14 });
    const byIntent = Object.fromEntries(report.perIntent.map((r) => [r.intent, r]));
    expect(byIntent.order_status.phrases).toEqual({ en: 6 });
    expect(byIntent.refund.phrases).toEqual({ en: 6, pl: 2 });
    // Every phrase is held out once; the description never is.
    expect(byIntent.order_status.heldOut + byIntent.refund.heldOut).toBe(14);
    const wrong = report.perIntent.reduce((sum, r) => sum + r.heldOut - r.correct, 0);
    expect(report.misclassified).toHaveLength(wrong);
    expect(report.heldOutAccuracy).toBeCloseTo(1 - wrong / 14, 3);
    // "refund status" reads like both; whichever way it went, the report says so.
    for (const miss of report.misclassified) expect(byIntent[miss.intent].confusedWith.map((c) => c.intent)).toContain(miss.predicted);
    expect(report.conflicts).toEqual([{ text: 'help', intents: ['order_status', 'refund'] }]);
    expect(report.fewPhrases).toEqual([{ intent: 'refund', lang: 'pl', phrases: 2 }]);
  });

  it('marks out-of-scope intents', async () => {
    const report = await reportNluInSlices([
      ...phrases('order_status', 'en', ['where is my order', 'track my order', 'has my order shipped']),
      ...phrases('off_topic', 'en', ['tell me a joke', 'what is the weather', 'who won the match']).map((e) => ({ ...e, outOfScope: true })),
    ]);
    expect(report.perIntent.map((r) => [r.intent, r.outOfScope ?? false]).sort()).toEqual([['off_topic', true], ['order_status', false]]);
  });

  it('reports no accuracy when nothing can be held out', async () => {
    const report = await reportNluInSlices([{ intent: 'a', text: 'hello' }, { intent: 'b', text: 'bye' }]);
    expect(report.heldOutAccuracy).toBeNull();
    expect(report.perIntent.map((r) => r.heldOut)).toEqual([0, 0]);
  });
});
