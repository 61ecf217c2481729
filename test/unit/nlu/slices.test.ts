import { trainNlu, trainNluInSlices, type IntentExample } from '../../../flows/nlu/index.js';
import { multilingualExamples } from './fixtures.js';

/** Forty intents of thirty made-up phrases: enough work for several slices. */
function syntheticExamples(): IntentExample[] {
  const words = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango'.split(' ');
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  const out: IntentExample[] = [];
  for (let intent = 0; intent < 40; intent += 1) {
    for (let i = 0; i < 30; i += 1) {
      const text = Array.from({ length: 6 }, () => words[next() % words.length]).join(' ');
      out.push({ intent: `intent_${intent}`, text: `${text} topic${intent}` });
    }
  }
  return out;
}

describe('trainNluInSlices', () => {
  it('lets other callbacks run while it trains', async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    try {
      await trainNluInSlices(syntheticExamples(), {}, 5);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
  });

  it('trains the same model as trainNlu', async () => {
    const examples = multilingualExamples();
    const sliced = await trainNluInSlices(examples);
    const whole = trainNlu(examples);
    expect(sliced.toJSON()).toEqual(whole.toJSON());
  });
});
