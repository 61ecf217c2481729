/**
 * An in-memory BM25 index over several weighted fields (inverted lists in typed arrays).
 * Besides the BM25 score, search reports per document the IDF-weighted share of the query terms it contains
 * ("coverage", 0..1): a score that means the same for every query, so it can take a threshold.
 */
export interface Bm25Field {
  weight: number;
  k1?: number;
  b?: number;
}

export interface Bm25Hit {
  doc: number;
  score: number;
  /** Per field: IDF-weighted share of the distinct query terms found in the document. */
  coverage: number[];
}

interface FieldIndex {
  postings: Map<string, { docs: Uint32Array; tfs: Float32Array }>;
  lengths: Float32Array;
  avgLength: number;
  weight: number;
  k1: number;
  b: number;
}

export class Bm25Index {
  private readonly fields: FieldIndex[];
  readonly size: number;
  private readonly scores: Float64Array;
  private readonly matched: Float64Array[];

  /** `docs[i][f]` are the terms of document i in field f (repeats count). */
  constructor(fields: Bm25Field[], docs: string[][][]) {
    this.size = docs.length;
    this.fields = fields.map((field, f) => {
      const lists = new Map<string, { docs: number[]; tfs: number[] }>();
      const lengths = new Float32Array(docs.length);
      let total = 0;
      docs.forEach((terms, doc) => {
        const list = terms[f] ?? [];
        lengths[doc] = list.length;
        total += list.length;
        const counts = new Map<string, number>();
        for (const t of list) counts.set(t, (counts.get(t) ?? 0) + 1);
        for (const [t, n] of counts) {
          let entry = lists.get(t);
          if (!entry) lists.set(t, (entry = { docs: [], tfs: [] }));
          entry.docs.push(doc);
          entry.tfs.push(n);
        }
      });
      const postings = new Map<string, { docs: Uint32Array; tfs: Float32Array }>();
      for (const [t, entry] of lists) postings.set(t, { docs: Uint32Array.from(entry.docs), tfs: Float32Array.from(entry.tfs) });
      return { postings, lengths, avgLength: docs.length ? total / docs.length || 1 : 1, weight: field.weight, k1: field.k1 ?? 1.2, b: field.b ?? 0.75 };
    });
    this.scores = new Float64Array(docs.length);
    this.matched = fields.map(() => new Float64Array(docs.length));
  }

  /** Inverse document frequency (BM25+ style, never negative); unknown terms get the highest value. */
  idf(field: number, term: string): number {
    const df = this.fields[field].postings.get(term)?.docs.length ?? 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /**
   * Top `limit` documents for the query terms (per field), best first. `filter` restricts the candidates
   * (e.g. one locale) without rebuilding the index.
   */
  search(query: string[][], limit: number, filter?: (doc: number) => boolean): Bm25Hit[] {
    const touched: number[] = [];
    const seen = new Uint8Array(this.size);
    const totals: number[] = [];
    this.fields.forEach((field, f) => {
      const distinct = [...new Set(query[f] ?? [])];
      let total = 0;
      const matched = this.matched[f];
      for (const term of distinct) {
        const idf = this.idf(f, term);
        total += idf;
        const list = field.postings.get(term);
        if (!list) continue;
        const { docs, tfs } = list;
        for (let i = 0; i < docs.length; i += 1) {
          const doc = docs[i];
          const tf = tfs[i];
          const norm = field.k1 * (1 - field.b + (field.b * field.lengths[doc]) / field.avgLength);
          if (!seen[doc]) {
            seen[doc] = 1;
            touched.push(doc);
          }
          this.scores[doc] += field.weight * idf * ((tf * (field.k1 + 1)) / (tf + norm));
          matched[doc] += idf;
        }
      }
      totals.push(total);
    });
    const hits: Bm25Hit[] = [];
    for (const doc of touched) {
      if (!filter || filter(doc)) {
        hits.push({ doc, score: this.scores[doc], coverage: this.matched.map((m, f) => (totals[f] > 0 ? m[doc] / totals[f] : 0)) });
      }
      this.scores[doc] = 0;
      for (const m of this.matched) m[doc] = 0;
    }
    return topK(hits, limit);
  }
}

function topK(hits: Bm25Hit[], k: number): Bm25Hit[] {
  if (hits.length <= k * 4) return hits.sort((a, b) => b.score - a.score || a.doc - b.doc).slice(0, k);
  // Partial selection: keep a small sorted buffer instead of sorting every candidate.
  const best: Bm25Hit[] = [];
  for (const hit of hits) {
    if (best.length === k && hit.score <= best[k - 1].score) continue;
    let i = best.length;
    while (i > 0 && best[i - 1].score < hit.score) i -= 1;
    best.splice(i, 0, hit);
    if (best.length > k) best.pop();
  }
  return best;
}
