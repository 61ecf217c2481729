import { trainNlu, loadNlu, type IntentExample } from '../../../flows/nlu/index.js';
import { heldOut, multilingualExamples } from './fixtures.js';

describe('trainNlu', () => {
  const examples = multilingualExamples();

  it('trains fast and classifies held-out paraphrases in en, ar, fa, pl', () => {
    const t0 = performance.now();
    const model = trainNlu(examples);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(model.intents.sort()).toEqual(['greeting', 'opening_hours', 'order_status', 'refund', 'shipping_cost']);
    const wrong = heldOut.filter(([text, gold]) => model.analyze(text).ranking[0]?.name !== gold);
    expect(wrong).toEqual([]);
    const accepted = heldOut.filter(([text, gold]) => model.analyze(text).intent?.name === gold);
    expect(accepted.length).toBeGreaterThanOrEqual(heldOut.length - 3);
  });

  it('returns language, normalised text, ranking and entities', () => {
    const model = trainNlu(examples);
    const r = model.analyze('سفارشم كجاست؟ فردا');
    expect(r.language).toMatchObject({ code: 'fa', script: 'Arabic' });
    expect(r.normalized).toBe('سفارشم کجاست فردا');
    expect(r.intent?.name).toBe('order_status');
    expect(r.decidedBy).toBe('classifier');
    expect(r.ranking.length).toBeGreaterThan(1);
    expect(r.ranking[0].confidence).toBeGreaterThanOrEqual(r.ranking[1].confidence);
    const sum = r.ranking.reduce((s, x) => s + x.confidence, 0);
    expect(sum).toBeLessThanOrEqual(1.0001);
    expect(r.entities.map((e) => e.type)).toEqual(['date']);
  });

  it('answers "no intent" for out-of-scope messages', () => {
    const model = trainNlu(examples);
    const oos = ['tell me a joke about penguins', 'play some jazz music', 'who won the football match yesterday', 'opowiedz mi dowcip', 'آب و هوای تهران', 'یک شعر برایم بنویس'];
    for (const text of oos) {
      const r = model.analyze(text);
      expect({ text, intent: r.intent, decidedBy: r.decidedBy }).toEqual({ text, intent: null, decidedBy: 'none' });
    }
  });

  it('applies the per-bot threshold', () => {
    const text = 'when does my parcel come';
    const lenient = trainNlu(examples, { oosThreshold: 0.05 }).analyze(text);
    const strict = trainNlu(examples, { oosThreshold: 0.999 }).analyze(text);
    expect(lenient.intent?.name).toBe('order_status');
    expect(strict.intent).toBeNull();
    expect(strict.ranking[0].name).toBe('order_status');
    expect(strict.ranking[0].confidence).toBe(lenient.ranking[0].confidence);
  });

  it('changes results after an intent is added and the bot retrained', () => {
    const text = 'do you have a discount code';
    const before = trainNlu(examples);
    expect(before.analyze(text).intent?.name).not.toBe('coupon');
    const coupon: IntentExample[] = ['do you have any discount codes', 'coupon code please', 'is there a promo code', 'any discounts available', 'kod rabatowy', 'کد تخفیف دارید؟', 'هل يوجد كود خصم'].map((text) => ({ intent: 'coupon', text }));
    const after = trainNlu([...examples, ...coupon]);
    expect(after.intents).toContain('coupon');
    expect(after.analyze(text).intent?.name).toBe('coupon');
    expect(after.analyze('kod rabatowy do sklepu').intent?.name).toBe('coupon');
    expect(after.analyze('where is my order').intent?.name).toBe('order_status');
  });

  it('round-trips through toJSON/loadNlu', () => {
    const model = trainNlu(examples);
    const copy = loadNlu(JSON.parse(JSON.stringify(model.toJSON())));
    for (const [text] of heldOut) expect(copy.analyze(text).ranking).toEqual(model.analyze(text).ranking);
  });

  it('handles no examples and a single intent', () => {
    expect(trainNlu([]).analyze('hello')).toMatchObject({ intent: null, ranking: [], decidedBy: 'none' });
    const one = trainNlu([{ intent: 'hi', text: 'hello' }, { intent: 'hi', text: 'hi there' }]);
    expect(one.analyze('hello there').intent?.name).toBe('hi');
  });
});
