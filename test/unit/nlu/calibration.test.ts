import { calibrate, fitConfidenceSteps, type Calibration, type HeldOutRows } from '../../../flows/nlu/oos.js';
import { runToEnd } from '../../../flows/nlu/steps.js';
import { trainNlu, loadNlu } from '../../../flows/nlu/index.js';
import { multilingualExamples } from './fixtures.js';

const CLASSES = 5;
const DEFAULTS: Calibration = { temperature: 16, noneScore: -0.5 };

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** Held-out rows whose gold class and one rival score close together, so the best class is right only part of the time. */
function confusableRows(rows: number): HeldOutRows {
  const next = random(11);
  const scores = new Float32Array(rows * CLASSES);
  const gold = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    gold[i] = i % CLASSES;
    const rival = (gold[i] + 1) % CLASSES;
    for (let k = 0; k < CLASSES; k++) scores[i * CLASSES + k] = -0.9 + 0.2 * next();
    scores[i * CLASSES + gold[i]] = 0.4 * next();
    scores[i * CLASSES + rival] = 0.4 * next() - 0.1;
  }
  return { scores, gold, numClasses: CLASSES };
}

/** Mean confidence of the best class, and the share of rows where it is the gold one. */
function sureAndRight(rows: HeldOutRows, cal: Calibration): { sure: number; right: number } {
  let sure = 0;
  let right = 0;
  for (let i = 0; i < rows.gold.length; i++) {
    const probs = calibrate(Float64Array.from(rows.scores.subarray(i * CLASSES, (i + 1) * CLASSES)), cal);
    const best = probs.indexOf(Math.max(...probs));
    sure += probs[best];
    if (best === rows.gold[i]) right++;
  }
  return { sure: sure / rows.gold.length, right: right / rows.gold.length };
}

const fitConfidence = (rows: HeldOutRows, cal: Calibration) => runToEnd(fitConfidenceSteps(rows, cal));

describe('fitConfidenceSteps', () => {
  it('makes the best intent as sure as held-out phrases say it is right, where the defaults are far too sure', () => {
    const rows = confusableRows(400);
    const fitted = fitConfidence(rows, DEFAULTS);
    const before = sureAndRight(rows, DEFAULTS);
    const after = sureAndRight(rows, fitted);
    expect(before.right).toBeGreaterThan(0.5);
    expect(before.right).toBeLessThan(0.8);
    expect(before.sure - before.right).toBeGreaterThan(0.15);
    expect(Math.abs(after.sure - after.right)).toBeLessThan(0.05);
    expect(fitted.noneScore).toBe(DEFAULTS.noneScore);
  });

  it('keeps the defaults when fewer than ten held-out phrases went wrong, and never fits surer than them', () => {
    const rows = confusableRows(400);
    for (let i = 0; i < rows.gold.length; i++) rows.scores[i * CLASSES + rows.gold[i]] += i < 8 ? 0 : 1;
    expect(fitConfidence(rows, DEFAULTS)).toBe(DEFAULTS);
    const fitted = fitConfidence(confusableRows(400), DEFAULTS);
    expect(fitted.temperature).toBeLessThanOrEqual(16);
    expect(fitted.sharpness).toBeLessThanOrEqual(40);
  });

  it('is part of a trained model, and kept when the model is saved and loaded', () => {
    const model = trainNlu(multilingualExamples());
    const json = model.toJSON();
    expect(json.calibration).toMatchObject({ temperature: expect.any(Number), sharpness: expect.any(Number) });
    const text = 'when does my parcel come';
    expect(loadNlu(JSON.parse(JSON.stringify(json))).analyze(text).ranking).toEqual(model.analyze(text).ranking);
  });
});
