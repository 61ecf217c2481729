import { runToEnd } from '../../../flows/nlu/steps.js';
import { Vectorizer } from '../../../flows/nlu/features.js';

describe('Vectorizer', () => {
  it('gives stems and character n-grams ids of their own: the stem "to" is not the n-gram "sto" of "stop"', () => {
    const vectorizer = new Vectorizer();
    const [fitted] = runToEnd(vectorizer.fitSteps(['stop to']));
    for (const x of [fitted, vectorizer.transform('stop to')]) expect(new Set(x.idx).size).toBe(x.idx.length);
  });
});
