/** Sparse vector: parallel arrays of feature ids (unique, unordered) and weights. */
export interface SparseVec {
  idx: Int32Array;
  val: Float32Array;
}

export interface FeatureConfig {
  charMin: number;
  charMax: number;
  charWeight: number;
  wordWeight: number;
}

export const DEFAULT_FEATURES: FeatureConfig = { charMin: 2, charMax: 4, charWeight: 1, wordWeight: 1 };

const AR_PREFIX = /^(?:وال|بال|كال|فال|لل|ال)(?=\p{L}{2,})/u;

/** Crude, language-agnostic stem: strips Arabic article prefixes and common inflection suffixes. */
export function lightStem(w: string): string {
  let s = w.replace(AR_PREFIX, '');
  if (/^[a-z]+$/.test(s)) {
    if (s.length > 5) s = s.replace(/(?:ingly|edly|ings|ing|ed|ies|es|s|ly|ment|ness)$/, '');
    else if (s.length > 3) s = s.replace(/s$/, '');
    return s;
  }
  if (s.length > 4) s = s.replace(/(?:های|ها|ات|ين|ون|ية|يه|ه|ی|ي)$/u, '');
  if (s.length > 6) s = s.slice(0, 6);
  return s;
}

/** Emits raw (string) features of one normalised message into `word` and `char` bags. */
export function rawFeatures(normalized: string, cfg: FeatureConfig): { word: Map<string, number>; char: Map<string, number> } {
  const word = new Map<string, number>();
  const char = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const toks = normalized.length ? normalized.split(' ') : [];
  const stems = toks.map(lightStem);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    inc(word, 's' + stems[i]);
    if (i + 1 < toks.length) inc(word, 'b' + stems[i] + ' ' + stems[i + 1]);
    const p = ' ' + t + ' ';
    for (let n = cfg.charMin; n <= cfg.charMax; n++) {
      if (n > p.length) break;
      for (let j = 0; j + n <= p.length; j++) inc(char, p.slice(j, j + n));
    }
  }
  return { word, char };
}

/** Maps string features to ids, with sublinear TF, IDF and per-view L2 norm. */
export class Vectorizer {
  private readonly vocab = new Map<string, number>();
  private idf = new Float32Array(0);

  constructor(readonly cfg: FeatureConfig = DEFAULT_FEATURES) {}

  get size(): number {
    return this.vocab.size;
  }

  fit(texts: string[]): SparseVec[] {
    const bags = texts.map((t) => rawFeatures(t, this.cfg));
    const df: number[] = [];
    for (const b of bags) {
      for (const m of [b.word, b.char]) {
        for (const k of m.keys()) {
          let id = this.vocab.get(k);
          if (id === undefined) {
            id = this.vocab.size;
            this.vocab.set(k, id);
            df.push(0);
          }
          df[id]++;
        }
      }
    }
    const n = texts.length;
    this.idf = new Float32Array(df.length);
    for (let i = 0; i < df.length; i++) this.idf[i] = Math.log((1 + n) / (1 + df[i])) + 1;
    return bags.map((b) => this.vectorizeBags(b));
  }

  transform(normalized: string): SparseVec {
    return this.vectorizeBags(rawFeatures(normalized, this.cfg));
  }

  private vectorizeBags(b: { word: Map<string, number>; char: Map<string, number> }): SparseVec {
    const ids: number[] = [];
    const vals: number[] = [];
    const view = (m: Map<string, number>, weight: number) => {
      const start = ids.length;
      let norm = 0;
      for (const [k, tf] of m) {
        const id = this.vocab.get(k);
        if (id === undefined) continue;
        const v = (1 + Math.log(tf)) * this.idf[id];
        ids.push(id);
        vals.push(v);
        norm += v * v;
      }
      const scale = norm > 0 ? weight / Math.sqrt(norm) : 0;
      for (let i = start; i < vals.length; i++) vals[i] *= scale;
    };
    view(b.word, this.cfg.wordWeight);
    view(b.char, this.cfg.charWeight);
    let norm = 0;
    for (const v of vals) norm += v * v;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const idx = Int32Array.from(ids);
    const val = new Float32Array(vals.length);
    for (let i = 0; i < vals.length; i++) val[i] = vals[i] * scale;
    return { idx, val };
  }

  toJSON(): { cfg: FeatureConfig; vocab: [string, number][]; idf: number[] } {
    return { cfg: this.cfg, vocab: [...this.vocab], idf: Array.from(this.idf) };
  }
}

export function vectorizerFromJSON(json: ReturnType<Vectorizer['toJSON']>): Vectorizer {
  const v = new Vectorizer(json.cfg);
  const internals = v as unknown as { vocab: Map<string, number>; idf: Float32Array };
  for (const [k, id] of json.vocab) internals.vocab.set(k, id);
  internals.idf = Float32Array.from(json.idf);
  return v;
}
