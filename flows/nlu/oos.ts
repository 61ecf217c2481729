/**
 * Turns one-vs-rest decision values into confidences. A virtual "no intent" logit at `noneScore`
 * competes with the intents, so a message that no intent claims gets low confidence for all of them
 * even when there are few intents.
 */
export interface Calibration {
  temperature: number;
  noneScore: number;
}

/**
 * One-vs-rest SVM scores of unseen in-scope messages shrink when intents have few examples, so the
 * "no intent" logit moves down as examples per intent drop; with few intents there are few negatives, so
 * out-of-scope scores run higher and the logit moves up: -0.3 - 1.2 / sqrt(n) + 0.5 / sqrt(k)
 * (n = median examples per intent, k = intents). Constants were chosen once, for all bots; the per-bot knob is the threshold.
 */
export function defaultCalibration(examplesPerIntent: number, intents: number): Calibration {
  const n = Math.max(1, examplesPerIntent);
  return { temperature: 16, noneScore: -0.3 - 1.2 / Math.sqrt(n) + 0.5 / Math.sqrt(Math.max(1, intents)) };
}

/** Softmax over the intents plus the "no intent" logit; returns intent probabilities (sum ≤ 1). */
export function calibrate(scores: Float64Array, cal: Calibration): Float64Array {
  let max = cal.noneScore;
  for (const s of scores) if (s > max) max = s;
  const out = new Float64Array(scores.length);
  let z = Math.exp(cal.temperature * (cal.noneScore - max));
  for (let k = 0; k < scores.length; k++) {
    out[k] = Math.exp(cal.temperature * (scores[k] - max));
    z += out[k];
  }
  for (let k = 0; k < out.length; k++) out[k] /= z;
  return out;
}

/** Index of the best intent, or -1 when its confidence is below `threshold` (out of scope). */
export function decide(probs: Float64Array, threshold: number): number {
  let best = -1;
  let p = -1;
  for (let k = 0; k < probs.length; k++) if (probs[k] > p) [best, p] = [k, probs[k]];
  return p >= threshold ? best : -1;
}
