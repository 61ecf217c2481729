import type { Steps } from './steps.js';

/**
 * Turns one-vs-rest decision values into confidences: a message whose best decision value is below
 * `noneScore` is more likely out of scope than in, whatever the number of intents.
 */
export interface Calibration {
  temperature: number;
  noneScore: number;
  /**
   * Set when the decision values could not be calibrated (too few phrases to hold any out): an intent's
   * confidence then also shrinks below this cosine similarity between the message and the intent's prototype.
   */
  minSimilarity?: number;
  /** Per intent, how much lower its bar is when it scores best (see {@link thinIntentOffsets}); none when all are equal. */
  offsets?: number[];
  /** How sharply intents share the confidence in scope (see {@link calibrate}); RIVALRY × temperature when unset. */
  sharpness?: number;
}

/**
 * One-vs-rest SVM scores of unseen in-scope messages shrink when intents have few examples, so the
 * "no intent" score moves down as examples per intent drop; with few intents there are few negatives, so
 * out-of-scope scores run higher and the logit moves up: -0.3 - 1.2 / sqrt(n) + 0.5 / sqrt(k)
 * (n = median examples per intent, k = intents). Constants were chosen once, for all bots; the per-bot knob is the threshold.
 */
export function defaultCalibration(examplesPerIntent: number, intents: number): Calibration {
  const n = Math.max(1, examplesPerIntent);
  return { temperature: 16, noneScore: -0.3 - 1.2 / Math.sqrt(n) + 0.5 / Math.sqrt(Math.max(1, intents)), minSimilarity: MIN_PROTOTYPE_SIMILARITY };
}

/**
 * Without held-out phrases the SVM's decision values say little about scope (one phrase per intent scores
 * "what is the weather in paris" like a paraphrase), but how much a message resembles an intent's phrases
 * still does. 0.3 was chosen once, for all bots, on small bots simulated from the shared English and Arabic sets
 * (3 to 20 intents, one phrase each): it keeps 86–90% of the English paraphrases ranked first (76–84% in
 * Arabic) and rejects 83–87% of out-of-scope messages; 0.25 kept a few more paraphrases but rejected only 70%.
 */
const MIN_PROTOTYPE_SIMILARITY = 0.3;
/** Steepness of the similarity gate: 0.05 below the bar halves an intent's confidence again. */
const SIMILARITY_TEMPERATURE = 20;

const MIN_HELD_OUT = 5;
/**
 * Chosen with unseen words counted (see `Vectorizer`), which lowers every score: 0.02 and a margin of 0.5 before.
 * On CLINC, 0.01 gives 91.9% accuracy at 69.5% out-of-scope recall, 0.015 91.3% at 76.9%, 0.02 90.8% at 80.9%.
 */
const HELD_OUT_QUANTILE = 0.015;
/**
 * With few intents each covers a wide region, so out-of-scope messages score higher: raise the bar. On small bots
 * simulated from CLINC, 0.3 accepted 92.2% of in-scope messages right and rejected 79.8% of out-of-scope ones,
 * 0.4 91.3% and 84.4%, 0.5 90.3% and 87.8%; the shared sets move by 0.2 points at most between 0.3 and 0.4.
 */
const FEW_INTENTS_MARGIN = 0.4;
/**
 * The margin stops growing below five intents. Grown on, a bot of 2 intents × 5 phrases simulated from CLINC accepted
 * 58% of its in-scope messages (rejecting 99.6% of out-of-scope ones), and from the Arabic banking set 44%; held at
 * five, 74% (97.9%) and 65%, and 3 intents × 5 phrases 78% (96.5%) instead of 72% (98.4%).
 */
const MARGIN_FLOOR_INTENTS = 5;

/**
 * Puts the "no intent" logit at a low quantile of the top scores that unseen, correctly classified training
 * examples got (see `heldOutScores`), so about that share of in-scope messages falls below it whatever the
 * data size or language, raised by FEW_INTENTS_MARGIN / sqrt(intents, at least five); falls back to
 * {@link defaultCalibration} when too few examples were held out.
 */
export function heldOutCalibration(top: Float64Array, correct: Uint8Array, intents: number, fallback: Calibration): Calibration {
  const ok = top.filter((_, i) => correct[i] === 1).sort();
  if (ok.length < MIN_HELD_OUT) return fallback;
  const quantile = ok[Math.floor(HELD_OUT_QUANTILE * ok.length)];
  return { temperature: fallback.temperature, noneScore: quantile + FEW_INTENTS_MARGIN / Math.sqrt(Math.max(MARGIN_FLOOR_INTENTS, intents)) };
}

/**
 * The held-out quantile comes mostly from the intents with many phrases, whose paraphrases score higher than those
 * of an intent with a few. An intent with fewer phrases than the median gets its bar lowered by
 * THIN_INTENT_SLOPE · (1/√n − 1/√median), the size law of {@link defaultCalibration} at a quarter of its slope.
 */
const THIN_INTENT_SLOPE = 0.3;

/**
 * Chosen on bots of 5–30 intents simulated from the shared sets, 30% of the intents with 1–3 phrases and the rest with
 * 10–29: accuracy +1.2 to +2.4 points (thin intents +4 to +7), CLINC out-of-scope rejected −0.3 to −2.5, and at equal
 * out-of-scope rejection always more accurate. Bots whose intents have equal phrase counts are unchanged.
 */
export function thinIntentOffsets(phrasesPerIntent: number[], median: number): number[] | undefined {
  const offsets = phrasesPerIntent.map((n) => (n < median ? -THIN_INTENT_SLOPE * (1 / Math.sqrt(Math.max(1, n)) - 1 / Math.sqrt(median)) : 0));
  return offsets.some((o) => o !== 0) ? offsets : undefined;
}

/** Intents compete with each other more sharply than with "no intent": the confidence in scope goes mostly to the best. */
const RIVALRY = 2.5;

/**
 * Intent probabilities (sum ≤ 1): P(in scope) = sigmoid(temperature · (best − noneScore − the best intent's offset)), shared among the intents
 * by a softmax at RIVALRY × temperature; with `minSimilarity`, each intent's share is also multiplied by
 * sigmoid(SIMILARITY_TEMPERATURE · (its similarity − minSimilarity)).
 */
export function calibrate(scores: Float64Array, cal: Calibration, similarities?: Float64Array): Float64Array {
  const out = new Float64Array(scores.length);
  if (!scores.length) return out;
  let best = 0;
  for (let k = 1; k < scores.length; k++) if (scores[k] > scores[best]) best = k;
  const max = scores[best];
  const sharp = cal.sharpness ?? RIVALRY * cal.temperature;
  let z = 0;
  for (let k = 0; k < scores.length; k++) {
    out[k] = Math.exp(sharp * (scores[k] - max));
    z += out[k];
  }
  const inScope = sigmoid(cal.temperature * aboveBar(cal, best, max));
  for (let k = 0; k < out.length; k++) out[k] *= inScope / z;
  if (cal.minSimilarity !== undefined && similarities) {
    for (let k = 0; k < out.length; k++) out[k] *= sigmoid(SIMILARITY_TEMPERATURE * (similarities[k] - cal.minSimilarity));
  }
  return out;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** How far the best intent's score is above the "no intent" bar, that intent's offset included. */
const aboveBar = (cal: Calibration, best: number, score: number) => score - cal.noneScore - (cal.offsets?.[best] ?? 0);

/**
 * Index of the best intent, or -1 when the message is out of scope: when the intents on the winner's side (the bot's
 * own intents, or its out-of-scope intents when one of those wins) together hold less than `threshold`. Two intents
 * in a near tie share the confidence between them, and the message is still in scope: judged on the winner's
 * confidence alone, such ties fell below the bar, which cost 0.2–1.0 points of accuracy on the shared few-shot sets
 * for 0.1 point of CLINC out-of-scope recall (77.3 against 77.2). The winner still needs a quarter of the threshold: a
 * message split four or more ways is ambiguous, and is not routed by a coin flip. (With confidences fitted on held-out
 * phrases, `fitConfidenceSteps`, half the threshold cost up to 1.4 points of accuracy on the shared few-shot sets; a
 * quarter costs nothing on any shared set.)
 */
export function decide(probs: Float64Array, threshold: number, inScope: readonly boolean[]): number {
  let best = -1;
  let p = -1;
  for (let k = 0; k < probs.length; k++) if (probs[k] > p) [best, p] = [k, probs[k]];
  if (best < 0) return -1;
  let side = 0;
  for (let k = 0; k < probs.length; k++) if (inScope[k] === inScope[best]) side += probs[k];
  return side >= threshold && p >= threshold / 4 ? best : -1;
}

/** Held-out rows scored by a model that did not see them: every class's decision value, row after row, and the row's class. */
export interface HeldOutRows {
  scores: Float32Array;
  gold: Int32Array;
  numClasses: number;
  /** The rows that count (phrases of in-scope intents); all when unset. */
  counted?: boolean[];
}

/** The fitted values only soften the defaults (temperature 16, sharpness 40): too sure is what they correct. */
const TEMPERATURES = [2, 2.8, 4, 5.5, 8, 11, 16];
const SHARPNESSES = [4, 5.5, 8, 11, 16, 22, 32, 40];
/**
 * Fewer held-out phrases put in the wrong intent than this say too little about how sure the model should be: the
 * defaults stay. (A bot whose held-out phrases are all right would otherwise be fitted as sure as the grid allows.)
 */
const MIN_ERRORS_TO_FIT = 10;

/**
 * The temperature and sharpness under which the confidence of held-out rows' best intent best predicts whether it was
 * right (least log loss, over a grid), yielding after each sharpness. The "no intent" bar itself does not move: a
 * message at `noneScore` is still half in scope. On the shared sets this took the expected calibration error of the
 * best intent's confidence from 6–21 points to 1–6 (see the README), with the same answers.
 */
export function* fitConfidenceSteps(held: HeldOutRows, cal: Calibration): Steps<Calibration> {
  const { numClasses } = held;
  const rows = held.gold.map((_, i) => i).filter((i) => held.counted?.[i] ?? true);
  const n = rows.length;
  const row = (j: number) => held.scores.subarray(rows[j] * numClasses, (rows[j] + 1) * numClasses);
  const top = new Float64Array(n);
  const margin = new Float64Array(n);
  const right = new Uint8Array(n);
  let errors = 0;
  for (let j = 0; j < n; j++) {
    const scores = row(j);
    let best = 0;
    for (let k = 1; k < numClasses; k++) if (scores[k] > scores[best]) best = k;
    top[j] = scores[best];
    margin[j] = aboveBar(cal, best, top[j]);
    right[j] = best === held.gold[rows[j]] ? 1 : 0;
    errors += 1 - right[j];
  }
  if (errors < MIN_ERRORS_TO_FIT) return cal;
  // The winner's share of the confidence in scope, as `calibrate` gives it, at each sharpness.
  const shares: Float64Array[] = [];
  for (const sharpness of SHARPNESSES) {
    const share = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const scores = row(j);
      let z = 0;
      for (let k = 0; k < numClasses; k++) z += Math.exp(sharpness * (scores[k] - top[j]));
      share[j] = 1 / z;
    }
    shares.push(share);
    yield;
  }
  let best = { loss: Infinity, temperature: cal.temperature, sharpness: cal.sharpness ?? RIVALRY * cal.temperature };
  for (const temperature of TEMPERATURES) {
    const inScope = Array.from(margin, (m) => sigmoid(temperature * m));
    SHARPNESSES.forEach((sharpness, s) => {
      let loss = 0;
      for (let j = 0; j < n; j++) {
        const p = Math.min(1 - 1e-6, Math.max(1e-6, inScope[j] * shares[s][j]));
        loss -= Math.log(right[j] ? p : 1 - p);
      }
      if (loss < best.loss) best = { loss, temperature, sharpness };
    });
  }
  return { ...cal, temperature: best.temperature, sharpness: best.sharpness };
}
