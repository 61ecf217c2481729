import { ovrSvmSteps, scoreLinear, DEFAULT_SVM } from './classifier.js';
import type { SparseVec } from './features.js';
import type { Steps } from './steps.js';

/** Top-1 decision values of training rows scored by a model that did not see them. */
export interface HeldOutScores {
  top: Float64Array;
  correct: Uint8Array;
  /** The training row each entry held out, and the class the model chose for it. */
  rows: Int32Array;
  predicted: Int32Array;
  /** Every class's decision value of each held-out row, row after row (`numClasses` values each). */
  scores: Float32Array;
}

const FOLDS = 4;
/** Below this many rows every fold is held out in turn; above it one fold is enough and cheaper. */
const ALL_FOLDS_UP_TO = 4000;
const FOLD_MAX_ITER = 6;

/**
 * Cross-validated scores: each intent's examples are dealt round-robin into folds (intents with a single
 * example stay in training, and so do rows marked in `alwaysTrain`), a model is trained without a fold and scores it.
 */
export function* heldOutScores(X: SparseVec[], y: Int32Array, numClasses: number, dim: number, alwaysTrain?: Uint8Array): Steps<HeldOutScores> {
  const fold = new Int32Array(X.length).fill(-1);
  const seen = new Int32Array(numClasses);
  const size = new Int32Array(numClasses);
  const held = (i: number) => !alwaysTrain?.[i];
  for (let i = 0; i < X.length; i++) if (held(i)) size[y[i]]++;
  for (let i = 0; i < X.length; i++) if (held(i) && size[y[i]] > 1) fold[i] = seen[y[i]]++ % FOLDS;
  const rounds = X.length <= ALL_FOLDS_UP_TO ? FOLDS : 1;
  const top: number[] = [];
  const correct: number[] = [];
  const rows: number[] = [];
  const predicted: number[] = [];
  const all: Float32Array[] = [];
  const scores = new Float64Array(numClasses);
  for (let f = 0; f < rounds; f++) {
    const trainIdx: number[] = [];
    const testIdx: number[] = [];
    for (let i = 0; i < X.length; i++) (fold[i] === f ? testIdx : trainIdx).push(i);
    if (!testIdx.length) continue;
    const model = yield* ovrSvmSteps(trainIdx.map((i) => X[i]), Int32Array.from(trainIdx, (i) => y[i]), numClasses, dim, { ...DEFAULT_SVM, maxIter: FOLD_MAX_ITER });
    for (const i of testIdx) {
      scoreLinear(model, X[i], scores);
      let best = 0;
      for (let k = 1; k < numClasses; k++) if (scores[k] > scores[best]) best = k;
      top.push(scores[best]);
      correct.push(best === y[i] ? 1 : 0);
      rows.push(i);
      predicted.push(best);
      all.push(Float32Array.from(scores));
    }
  }
  return { top: Float64Array.from(top), correct: Uint8Array.from(correct), rows: Int32Array.from(rows), predicted: Int32Array.from(predicted), scores: concat(all, numClasses) };
}

function concat(rows: Float32Array[], width: number): Float32Array {
  const out = new Float32Array(rows.length * width);
  rows.forEach((row, i) => out.set(row, i * width));
  return out;
}
