import { toFeatureMajor, type LinearModel } from './classifier.js';
import type { SparseVec } from './features.js';

/**
 * Each intent's prototype is the unit-length sum of its rows' vectors, stored like a linear model without
 * biases, so `scoreLinear` gives a message's cosine similarity to every intent at once.
 */
export function intentPrototypes(X: SparseVec[], y: Int32Array, numClasses: number, dim: number): LinearModel {
  const sums = Array.from({ length: numClasses }, () => new Map<number, number>());
  X.forEach((x, i) => {
    const sum = sums[y[i]];
    for (let p = 0; p < x.idx.length; p++) sum.set(x.idx[p], (sum.get(x.idx[p]) ?? 0) + x.val[p]);
  });
  const counts = new Int32Array(dim + 1);
  const perClass = sums.map((sum) => {
    let norm = 0;
    for (const v of sum.values()) norm += v * v;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const idx = Int32Array.from(sum.keys());
    for (const j of idx) counts[j + 1]++;
    return { idx, val: Float32Array.from(sum.values(), (v) => v * scale) };
  });
  return toFeatureMajor(perClass, new Float32Array(numClasses), counts, dim);
}
