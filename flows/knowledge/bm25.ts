/**
 * An in-memory BM25 index over several weighted fields: terms interned to ids, postings in one typed array per
 * field (compressed sparse rows), per-document length norms precomputed.
 * Besides the BM25 score, search reports per hit the IDF-weighted share of the query terms it contains
 * ("coverage", 0..1): a score that means the same for every query, so it can take a threshold.
 */
export interface Bm25Field {
  weight: number;
  k1?: number;
  b?: number;
  /** Query terms in more than this share of documents are skipped (they barely rank; default: none skipped). */
  maxDocShare?: number;
}

export interface Bm25Hit {
  doc: number;
  score: number;
  /** Per field: IDF-weighted share of the distinct query terms found in the document. */
  coverage: number[];
}

interface FieldIndex {
  terms: Map<string, number>;
  /** Postings of term t are `docs/tfs[offsets[t] .. offsets[t + 1])`. */
  offsets: Uint32Array;
  docs: Uint32Array;
  tfs: Uint16Array;
  norms: Float32Array;
  weight: number;
  k1: number;
  maxDf: number;
}

export class Bm25Index {
  private readonly fields: FieldIndex[];
  readonly size: number;
  private readonly scores: Float64Array;
  private readonly matched: Float64Array[];
  private readonly seen: Uint8Array;

  /** `docs[i][f]` are the terms of document i in field f (repeats count). */
  constructor(fields: Bm25Field[], docs: string[][][]) {
    this.size = docs.length;
    this.fields = fields.map((field, f) => buildField(field, docs.map((d) => d[f] ?? [])));
    this.scores = new Float64Array(docs.length);
    this.matched = fields.map(() => new Float64Array(docs.length));
    this.seen = new Uint8Array(docs.length);
  }

  /** Documents of a field holding the term. */
  df(field: number, term: string): number {
    const index = this.fields[field];
    const t = index.terms.get(term);
    return t === undefined ? 0 : index.offsets[t + 1] - index.offsets[t];
  }

  /** Every term of a field with the number of documents holding it. */
  documentFrequencies(field: number): Map<string, number> {
    const index = this.fields[field];
    const out = new Map<string, number>();
    for (const [term, t] of index.terms) out.set(term, index.offsets[t + 1] - index.offsets[t]);
    return out;
  }

  /** Inverse document frequency (BM25+ style, never negative); unknown terms get the highest value. */
  idf(field: number, term: string): number {
    const df = this.df(field, term);
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /**
   * Top `limit` documents for the query terms (per field), best first. `filter` restricts the candidates
   * (e.g. one locale) without rebuilding the index.
   */
  search(query: string[][], limit: number, filter?: (doc: number) => boolean): Bm25Hit[] {
    const touched: number[] = [];
    const { scores, seen } = this;
    const totals: number[] = [];
    this.fields.forEach((field, f) => {
      let total = 0;
      const matched = this.matched[f];
      for (const term of new Set(query[f] ?? [])) {
        const t = field.terms.get(term);
        const df = t === undefined ? 0 : field.offsets[t + 1] - field.offsets[t];
        if (df > field.maxDf) continue;
        const idf = Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
        total += idf;
        if (t === undefined) continue;
        const k1 = field.k1;
        const weighted = field.weight * idf * (k1 + 1);
        for (let i = field.offsets[t], end = field.offsets[t + 1]; i < end; i += 1) {
          const doc = field.docs[i];
          const tf = field.tfs[i];
          if (!seen[doc]) {
            seen[doc] = 1;
            touched.push(doc);
          }
          scores[doc] += (weighted * tf) / (tf + field.norms[doc]);
          matched[doc] += idf;
        }
      }
      totals.push(total);
    });
    const best: number[] = [];
    for (const doc of touched) {
      if (filter && !filter(doc)) continue;
      const score = scores[doc];
      if (best.length === limit && score <= scores[best[limit - 1]]) continue;
      let i = best.length;
      while (i > 0 && (scores[best[i - 1]] < score || (scores[best[i - 1]] === score && best[i - 1] > doc))) i -= 1;
      best.splice(i, 0, doc);
      if (best.length > limit) best.pop();
    }
    const hits = best.map((doc) => ({ doc, score: scores[doc], coverage: this.matched.map((m, f) => (totals[f] > 0 ? m[doc] / totals[f] : 0)) }));
    for (const doc of touched) {
      scores[doc] = 0;
      seen[doc] = 0;
      for (const m of this.matched) m[doc] = 0;
    }
    return hits;
  }
}

function buildField(field: Bm25Field, docs: string[][]): FieldIndex {
  const k1 = field.k1 ?? 1.2;
  const b = field.b ?? 0.75;
  const terms = new Map<string, number>();
  const df: number[] = [];
  const lastDoc: number[] = [];
  const lastPair: number[] = [];
  // (term, doc, tf) triples in growable typed arrays: no per-document maps, little garbage.
  let pairTerms = new Uint32Array(1024);
  let pairDocs = new Uint32Array(1024);
  let pairTfs = new Uint16Array(1024);
  let pairs = 0;
  let totalLength = 0;
  docs.forEach((list, doc) => {
    totalLength += list.length;
    for (const term of list) {
      let t = terms.get(term);
      if (t === undefined) {
        t = terms.size;
        terms.set(term, t);
        df.push(0);
        lastDoc.push(-1);
        lastPair.push(0);
      }
      if (lastDoc[t] === doc) {
        if (pairTfs[lastPair[t]] < 65535) pairTfs[lastPair[t]] += 1;
        continue;
      }
      if (pairs === pairTerms.length) {
        pairTerms = grow(pairTerms, new Uint32Array(pairs * 2));
        pairDocs = grow(pairDocs, new Uint32Array(pairs * 2));
        pairTfs = grow(pairTfs, new Uint16Array(pairs * 2));
      }
      lastDoc[t] = doc;
      lastPair[t] = pairs;
      df[t] += 1;
      pairTerms[pairs] = t;
      pairDocs[pairs] = doc;
      pairTfs[pairs] = 1;
      pairs += 1;
    }
  });
  const offsets = new Uint32Array(terms.size + 1);
  for (let t = 0; t < terms.size; t += 1) offsets[t + 1] = offsets[t] + df[t];
  const docIds = new Uint32Array(pairs);
  const tfs = new Uint16Array(pairs);
  const cursor = offsets.slice(0, terms.size);
  // Pairs come in document order, so every postings list ends up sorted by document.
  for (let i = 0; i < pairs; i += 1) {
    const at = cursor[pairTerms[i]]++;
    docIds[at] = pairDocs[i];
    tfs[at] = pairTfs[i];
  }
  const avg = docs.length ? totalLength / docs.length || 1 : 1;
  const norms = new Float32Array(docs.length);
  for (let doc = 0; doc < docs.length; doc += 1) norms[doc] = k1 * (1 - b + (b * docs[doc].length) / avg);
  const maxDf = field.maxDocShare === undefined ? Infinity : Math.max(1, Math.floor(field.maxDocShare * docs.length));
  return { terms, offsets, docs: docIds, tfs, norms, weight: field.weight, k1, maxDf };
}

function grow<T extends Uint32Array | Uint16Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
