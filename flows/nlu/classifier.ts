import type { SparseVec } from './features.js';

export interface SvmOptions {
  /** Soft-margin constant of the squared-hinge loss. */
  C: number;
  /** Stopping tolerance on the projected gradient. */
  eps: number;
  maxIter: number;
  /** Value of the constant bias feature. */
  bias: number;
  seed: number;
}

export const DEFAULT_SVM: SvmOptions = { C: 1, eps: 0.1, maxIter: 200, bias: 1, seed: 7 };

/** Weights stored feature-major (CSR) so scoring touches only the message's features. */
export interface LinearModel {
  numClasses: number;
  dim: number;
  offsets: Int32Array;
  classes: Uint16Array;
  weights: Float32Array;
  biases: Float32Array;
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/**
 * One-vs-rest L2-regularised squared-hinge SVM, dual coordinate descent with shrinking
 * (Hsieh et al. 2008, the LIBLINEAR `-s 1` solver).
 */
export function trainOvrSvm(X: SparseVec[], y: Int32Array, numClasses: number, dim: number, opts: SvmOptions = DEFAULT_SVM): LinearModel {
  const n = X.length;
  const w = new Float64Array(dim);
  const alpha = new Float64Array(n);
  const QD = new Float64Array(n);
  const Dii = 1 / (2 * opts.C);
  const B = opts.bias;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (const v of X[i].val) s += v * v;
    QD[i] = s + B * B + Dii;
  }
  const rand = rng(opts.seed);
  const index = new Int32Array(n);
  const perClass: { idx: Int32Array; val: Float32Array }[] = [];
  const biases = new Float32Array(numClasses);
  const counts = new Int32Array(dim + 1);

  const dot = (i: number, b: number): number => {
    const ids = X[i].idx;
    const vals = X[i].val;
    let d = b * B;
    for (let p = 0; p < ids.length; p++) d += w[ids[p]] * vals[p];
    return d;
  };

  for (let k = 0; k < numClasses; k++) {
    w.fill(0);
    alpha.fill(0);
    const state = { b: 0 };
    for (let i = 0; i < n; i++) index[i] = i;
    solveDual(n, state);
    const b = state.b;

    function solveDual(total: number, st: { b: number }): void {
      let active = total;
      let PGmaxOld = Infinity;
      let PGminOld = -Infinity;
      for (let iter = 0; iter < opts.maxIter; iter++) {
        let PGmaxNew = -Infinity;
        let PGminNew = Infinity;
        for (let i = 0; i < active; i++) {
          const j = i + Math.floor(rand() * (active - i));
          const t = index[i];
          index[i] = index[j];
          index[j] = t;
        }
        for (let s = 0; s < active; s++) {
          const i = index[s];
          const yi = y[i] === k ? 1 : -1;
          const G = yi * dot(i, st.b) - 1 + alpha[i] * Dii;
          let PG = 0;
          if (alpha[i] === 0) {
            if (G > PGmaxOld) {
              active--;
              index[s] = index[active];
              index[active] = i;
              s--;
              continue;
            }
            if (G < 0) PG = G;
          } else PG = G;
          if (PG > PGmaxNew) PGmaxNew = PG;
          if (PG < PGminNew) PGminNew = PG;
          if (Math.abs(PG) > 1e-12) {
            const old = alpha[i];
            alpha[i] = Math.max(old - G / QD[i], 0);
            const d = (alpha[i] - old) * yi;
            const ids = X[i].idx;
            const vals = X[i].val;
            for (let p = 0; p < ids.length; p++) w[ids[p]] += d * vals[p];
            st.b += d * B;
          }
        }
        if (PGmaxNew - PGminNew <= opts.eps) {
          if (active === total) break;
          active = total;
          PGmaxOld = Infinity;
          PGminOld = -Infinity;
          continue;
        }
        PGmaxOld = PGmaxNew <= 0 ? Infinity : PGmaxNew;
        PGminOld = PGminNew >= 0 ? -Infinity : PGminNew;
      }
      void PGminOld;
    }
    let nnz = 0;
    for (let j = 0; j < dim; j++) if (w[j] !== 0) nnz++;
    const idx = new Int32Array(nnz);
    const val = new Float32Array(nnz);
    for (let j = 0, p = 0; j < dim; j++) {
      if (w[j] !== 0) {
        idx[p] = j;
        val[p++] = w[j];
        counts[j + 1]++;
      }
    }
    perClass.push({ idx, val });
    biases[k] = b * B;
  }
  return toFeatureMajor(perClass, biases, counts, dim);
}

function toFeatureMajor(perClass: { idx: Int32Array; val: Float32Array }[], biases: Float32Array, counts: Int32Array, dim: number): LinearModel {
  const offsets = new Int32Array(dim + 1);
  for (let j = 0; j < dim; j++) offsets[j + 1] = offsets[j] + counts[j + 1];
  const total = offsets[dim];
  const classes = new Uint16Array(total);
  const weights = new Float32Array(total);
  const fill = offsets.slice(0, dim);
  perClass.forEach(({ idx, val }, k) => {
    for (let p = 0; p < idx.length; p++) {
      const pos = fill[idx[p]]++;
      classes[pos] = k;
      weights[pos] = val[p];
    }
  });
  return { numClasses: perClass.length, dim, offsets, classes, weights, biases };
}

/** Raw decision values of every class for one vector. */
export function scoreLinear(m: LinearModel, x: SparseVec, out: Float64Array = new Float64Array(m.numClasses)): Float64Array {
  for (let k = 0; k < m.numClasses; k++) out[k] = m.biases[k];
  for (let p = 0; p < x.idx.length; p++) {
    const j = x.idx[p];
    if (j >= m.dim) continue;
    const v = x.val[p];
    for (let q = m.offsets[j]; q < m.offsets[j + 1]; q++) out[m.classes[q]] += v * m.weights[q];
  }
  return out;
}
