import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { calibrationError, DatasetError, evaluate, loadDataset, score, scriptError, trainingExamples, type LabelledRow } from '../../../flows/nlu/evaluate.js';
import { trainNlu } from '../../../flows/nlu/index.js';

const shop: LabelledRow[] = [
  ...['where is my order', 'track my package', 'has my order shipped yet', 'when will my parcel arrive', 'order status please'].map((text) => ({ text, intent: 'order_status' })),
  ...['i want my money back', 'how do i return this item', 'refund my purchase', 'can i get a refund', 'i would like to return the shoes'].map((text) => ({ text, intent: 'refund' })),
  ...['how much is shipping', 'delivery cost', 'is shipping free', 'what are the delivery fees', 'how much do you charge for delivery'].map((text) => ({ text, intent: 'shipping_cost' })),
];
const offTopic: LabelledRow[] = ['what is the weather like today', 'tell me a joke', 'who won the football match', 'book me a flight to london', 'how do i bake a cake'].map((text) => ({ text, intent: 'oos' }));

describe('score', () => {
  it('counts "no intent" on an in-scope row as wrong, and on an out-of-scope row as right', () => {
    const test: LabelledRow[] = [
      { text: 'a', intent: 'x' },
      { text: 'b', intent: 'x' },
      { text: 'c', intent: 'y' },
      { text: 'd', intent: 'oos' },
      { text: 'e', intent: 'oos' },
    ];
    expect(score(test, ['x', null, 'x', null, 'y'])).toEqual({ accuracy: 33.3, macro_f1: 25, oos_recall: 50 });
    expect(score(test.slice(0, 3), ['x', 'x', 'y']).oos_recall).toBeNull();
  });
});

describe('calibrationError', () => {
  const rows = (intents: string[]): LabelledRow[] => intents.map((intent, i) => ({ text: String(i), intent }));

  it('is the gap between how sure the best intent is and how often it is right, bin by bin, weighed by rows', () => {
    // 0.9 sure: right 3 times of 4 (gap 0.15 × 4 rows); 0.3 sure: right 1 time of 2 (gap 0.2 × 2 rows).
    const test = rows(['a', 'a', 'a', 'b', 'a', 'b']);
    const best = [0.9, 0.9, 0.9, 0.9, 0.3, 0.3].map((confidence) => ({ name: 'a', confidence }));
    expect(calibrationError(test, best)).toBe(16.7);
  });

  it('counts the best intent of an out-of-scope row as wrong, and is null when the engine gives no confidences', () => {
    expect(calibrationError(rows(['oos', 'oos']), [{ name: 'a', confidence: 0.05 }, { name: 'oos', confidence: 0.05 }])).toBe(5);
    expect(calibrationError(rows(['oos']), [{ name: 'a', confidence: 0.95 }])).toBe(95);
    expect(calibrationError(rows(['a']), [undefined])).toBeNull();
  });
});

describe('evaluate', () => {
  it('trains on the out-of-scope rows too, and a prediction of "oos" is "no intent"', async () => {
    let trainedOn: LabelledRow[] = [];
    const report = await evaluate('toy', [...shop, ...offTopic], [{ text: 'where is it', intent: 'order_status' }, { text: 'rain tomorrow?', intent: 'oos' }], {
      train(rows) {
        trainedOn = rows;
        return (text) => ({ intent: text.startsWith('where') ? 'order_status' : 'oos' });
      },
    });
    expect(trainedOn).toHaveLength(shop.length + offTopic.length);
    expect(report).toMatchObject({ dataset: 'toy', accuracy: 100, oos_recall: 100, ece: null });
  });

  it('rates the confidence of an engine that gives one', async () => {
    const report = await evaluate('toy', shop, [{ text: 'where is it', intent: 'order_status' }, { text: 'rain tomorrow?', intent: 'oos' }], {
      train: () => (text) => ({ intent: 'order_status', best: { name: 'order_status', confidence: text.startsWith('where') ? 0.95 : 0.6 } }),
    });
    expect(report).toMatchObject({ accuracy: 100, oos_recall: 0, ece: 32.5 });
  });

  it('warms every engine up on training phrases and an unknown word before the test rows, which are each asked once', async () => {
    const asked: string[] = [];
    await evaluate('toy', shop, [{ text: 'where is it', intent: 'order_status' }], {
      train: () => (text) => {
        asked.push(text);
        return { intent: 'order_status' };
      },
    });
    const trainingTexts = new Set(shop.map((r) => r.text));
    expect(asked.at(-1)).toBe('where is it');
    expect(asked.filter((t) => t === 'where is it')).toHaveLength(1);
    expect(asked.slice(0, -2).every((t) => trainingTexts.has(t))).toBe(true);
    expect(asked.length).toBeGreaterThan(100);
  });

  it('gives our engine the out-of-scope rows as out-of-scope phrases, which it never names', () => {
    const examples = trainingExamples([...shop, ...offTopic], 'en');
    expect(examples.filter((e) => e.outOfScope)).toHaveLength(offTopic.length);
    expect(examples.every((e) => e.lang === 'en')).toBe(true);
    const model = trainNlu(examples);
    expect(model.intents).toEqual(['order_status', 'refund', 'shipping_cost']);
    expect(model.analyze('tell me a funny joke').intent).toBeNull();
    expect(model.analyze('when will my order arrive').intent?.name).toBe('order_status');
  });
});

describe('loadDataset', () => {
  const dataset = (train: string, test = '{"text":"hi","intent":"greet"}\n') => {
    const dir = mkdtempSync(join(tmpdir(), 'nlu-set-'));
    writeFileSync(join(dir, 'train.jsonl'), train);
    writeFileSync(join(dir, 'test.jsonl'), test);
    return dir;
  };

  it('reads one labelled row a line, blank lines skipped', () => {
    const dir = dataset('{"text":"hello","intent":"greet"}\n\n{"text":"bye","intent":"leave","extra":1}\n');
    expect(loadDataset(dir).train).toEqual([{ text: 'hello', intent: 'greet' }, { text: 'bye', intent: 'leave' }]);
  });

  it.each([
    ['a line that is not JSON', '{"text":"hello","intent":"greet"}\nnot json\n', /train\.jsonl:2: not JSON/],
    ['a row without text', '{"text":"hello","intent":"greet"}\n{"txt":"x","intent":"greet"}\n', /train\.jsonl:2: needs a "text" string and an "intent" string/],
    ['a row with an empty intent', '{"text":"hello","intent":""}\n', /train\.jsonl:1: needs/],
    ['no rows at all', '\n', /train\.jsonl: no rows to train on/],
  ])('names the file and line of %s', (_case, train, message) => {
    expect(() => loadDataset(dataset(train))).toThrow(DatasetError);
    expect(() => loadDataset(dataset(train))).toThrow(message);
  });

  it('says which file it cannot read', () => {
    expect(() => loadDataset(join(tmpdir(), 'no-such-set'))).toThrow(/cannot read .*no-such-set.*train\.jsonl: ENOENT/);
  });
});

describe('scriptError', () => {
  it('prints a data set or usage error as its message, and anything else whole', () => {
    expect(scriptError(new DatasetError('train.jsonl:2: not JSON'))).toBe('train.jsonl:2: not JSON');
    let usage: unknown;
    try {
      parseArgs({ args: ['--dta', 'x'], options: { data: { type: 'string' } } });
    } catch (err) {
      usage = err;
    }
    expect(scriptError(usage)).toBe("Unknown option '--dta'");
    const bug = new TypeError('x is undefined');
    expect(scriptError(bug)).toBe(bug);
  });
});
