import { stemmer } from 'stemmer';
import { remembered } from './remembered.js';
import { SpellingIndex, unstretched } from './spelling.js';
import type { Steps } from './steps.js';

const FIT_BATCH = 500;

/** Sparse vector: parallel arrays of feature ids (unique, unordered) and weights. */
export interface SparseVec {
  idx: Int32Array;
  val: Float32Array;
}

/** The dot product of two sparse vectors (their cosine, as vectors from `Vectorizer` have length 1). */
export function sparseDot(a: SparseVec, b: SparseVec): number {
  const weights = new Map<number, number>();
  for (let i = 0; i < a.idx.length; i++) weights.set(a.idx[i], a.val[i]);
  let sum = 0;
  for (let i = 0; i < b.idx.length; i++) sum += (weights.get(b.idx[i]) ?? 0) * b.val[i];
  return sum;
}

export interface FeatureConfig {
  charMin: number;
  charMax: number;
  charWeight: number;
  wordWeight: number;
}

export const DEFAULT_FEATURES: FeatureConfig = { charMin: 2, charMax: 4, charWeight: 1, wordWeight: 1 };

const AR_PREFIX = /^(?:وال|بال|كال|فال|لل|ال)(?=\p{L}{2,})/u;

/**
 * Language-agnostic stem: Porter's stemmer for words in plain latin letters (English, and Polish once folded, whose
 * endings it mostly leaves alone), otherwise Arabic article prefixes and common Arabic and Persian suffixes stripped,
 * written in the letters `normalizeText` gives (ي, ك, ه for ة): "چراغ‌ها", "چراغ‌های" and "چراغ‌هایم" all stem to "چراغ".
 * The Persian "you" ending "ید" goes from words of six letters or more ("رباتید" → "ربات", "می‌خواهید" as "می‌خواهم");
 * shorter ones keep it ("خرید", "تولید"): the shared sets gave the same accuracy with it.
 * Porter's stemmer gained 0.3 to 0.8 points over plain suffix stripping on the shared English few-shot sets.
 */
export function lightStem(w: string): string {
  let s = w.replace(AR_PREFIX, '');
  if (/^[a-z]+$/.test(s)) return stemmer(s);
  if (s.length > 5 && s.endsWith('يد')) s = s.slice(0, -2);
  else if (s.length > 4) s = s.replace(/(?:هايشان|هايتان|هايمان|هايش|هايت|هايم|هايي|هاي|ها|ات|ين|ون|يه|ه|ي)$/u, '');
  if (s.length > 6) s = s.slice(0, 6);
  return s;
}

/** The IDF of the rarest features, those seen in one training phrase. */
function highest(idf: Float32Array): number {
  let max = 0;
  for (const v of idf) if (v > max) max = v;
  return max;
}

const increment = <K>(m: Map<K, number>, key: K) => m.set(key, (m.get(key) ?? 0) + 1);

/**
 * Calls `emit` with the key of every character n-gram of one token, padded with spaces (" ab", "abc", "bc "). Keys
 * start with the view's letter, as stems ('s') and stem pairs ('b') do: unmarked, the stem "to" (key "sto") and the
 * n-gram "sto" of "stop" were one feature.
 */
function charGrams(token: string, cfg: FeatureConfig, emit: (gram: string) => void): void {
  const p = ' ' + token + ' ';
  for (let n = cfg.charMin; n <= cfg.charMax; n++) {
    if (n > p.length) break;
    for (let j = 0; j + n <= p.length; j++) emit('c' + p.slice(j, j + n));
  }
}

/** Emits raw (string) features of one normalised message into `word` and `char` bags. */
export function rawFeatures(normalized: string, cfg: FeatureConfig): { word: Map<string, number>; char: Map<string, number> } {
  const word = new Map<string, number>();
  const char = new Map<string, number>();
  const toks = normalized.length ? normalized.split(' ') : [];
  const stems = toks.map(lightStem);
  for (let i = 0; i < toks.length; i++) {
    increment(word, 's' + stems[i]);
    if (i + 1 < toks.length) increment(word, 'b' + stems[i] + ' ' + stems[i + 1]);
    charGrams(toks[i], cfg, (g) => increment(char, g));
  }
  return { word, char };
}

/** What one token contributes, in vocabulary ids, and how many of its character n-grams the vocabulary lacks. */
interface TokenFeatures {
  stem: string;
  stemId: number;
  /** The stem is a known one the token's own (unknown) stem was taken for a misspelling of. */
  guessed: boolean;
  charIds: Int32Array;
  unseenChars: number;
}

/** Features of a message that training never saw: they get no weight from the model but still count in its length. */
interface Unseen {
  word: number;
  char: number;
}

/** Tokens remembered by `transform`; the cache starts over when full. */
const TOKEN_CACHE = 50_000;

/**
 * Maps string features to ids, with sublinear TF, IDF and per-view L2 norm.
 *
 * A message's words and character n-grams that training never saw count in its length as if seen once (the highest
 * IDF), so a message made mostly of unknown words ("my cat is sick" to a shop bot) scores low against every intent.
 * That is how the held-out folds that set "no intent" score their phrases (`held-out.ts`): a phrase's words that the
 * fold's model never saw stay in its vector, with no weight. Dropping them at run time instead made messages score
 * higher than their calibration assumed. With the "no intent" bar set anew for it (`oos.ts`), counting them moved
 * CLINC from 90.9% accuracy at 77.2% out-of-scope recall to 91.3% at 76.9%, and small bots simulated from CLINC (5–20
 * intents of 5–20 phrases) from 92.2% of in-scope messages accepted right, 75.3% of CLINC's out-of-scope messages and
 * 68.9% of other intents' messages rejected, to 91.3%, 84.4% and 76.3%. Unseen word pairs of known words do not count:
 * that cost 1–2 points of accuracy for nothing. A bot with too few phrases to hold any out gates on similarity instead,
 * chosen without unseen features, and leaves them out.
 *
 * An unknown stem one edit from a known one (`SpellingIndex`) counts as the known stem and, because the guess may be
 * wrong, once more as an unseen word: small bots simulated from CLINC with one typo in every in-scope message accept
 * 89.3% of them right instead of 86.8%, and reject 83.2% of out-of-scope messages instead of 83.4%.
 */
export class Vectorizer {
  private readonly vocab = new Map<string, number>();
  private idf: Float32Array = new Float32Array(0);
  private unseenIdf = 0;
  /** Built on the first unknown stem, like the knowledge index's: training and loading do not pay for it. */
  private spelling?: SpellingIndex;
  private readonly tokens = new Map<string, TokenFeatures>();

  constructor(readonly cfg: FeatureConfig = DEFAULT_FEATURES) {}

  get size(): number {
    return this.vocab.size;
  }

  /** Learns the vocabulary and IDF from the texts and returns their vectors, yielding every few hundred texts. */
  *fitSteps(texts: string[]): Steps<SparseVec[]> {
    // Each text's features become ids at once, so the string bags die young instead of piling up until the end.
    const rows: { word: Map<number, number>; char: Map<number, number> }[] = [];
    const df: number[] = [];
    const ids = (m: Map<string, number>) => {
      const out = new Map<number, number>();
      for (const [k, tf] of m) {
        let id = this.vocab.get(k);
        if (id === undefined) {
          id = this.vocab.size;
          this.vocab.set(k, id);
          df.push(0);
        }
        df[id]++;
        out.set(id, tf);
      }
      return out;
    };
    for (const t of texts) {
      const b = rawFeatures(t, this.cfg);
      rows.push({ word: ids(b.word), char: ids(b.char) });
      if (rows.length % FIT_BATCH === 0) yield;
    }
    const n = texts.length;
    const idf = new Float32Array(df.length);
    for (let i = 0; i < df.length; i++) idf[i] = Math.log((1 + n) / (1 + df[i])) + 1;
    this.useIdf(idf);
    const vectors: SparseVec[] = [];
    for (const row of rows) {
      vectors.push(this.weigh(row.word, row.char));
      if (vectors.length % FIT_BATCH === 0) yield;
    }
    return vectors;
  }

  /** Sets the IDF, and the weight of unseen features it implies. */
  private useIdf(idf: Float32Array): void {
    this.idf = idf;
    this.unseenIdf = highest(idf);
  }

  /** The known stem an unknown one was probably meant to be, the most common (lowest IDF) if several. */
  private nearestStem(stem: string): string | undefined {
    if (!this.spelling) {
      const stemIdf = new Map<string, number>();
      for (const [key, id] of this.vocab) if (key[0] === 's') stemIdf.set(key.slice(1), this.idf[id]);
      this.spelling = new SpellingIndex(stemIdf);
    }
    return this.spelling.nearest(stem);
  }

  /**
   * The same vector `fitSteps` gives the text, from per-token features cached across messages. With `countUnseen`
   * false, features training never saw are left out of the length (see the class comment).
   */
  transform(normalized: string, countUnseen = true): SparseVec {
    const word = new Map<number, number>();
    const char = new Map<number, number>();
    const unseen: Unseen = { word: 0, char: 0 };
    let previous: string | undefined;
    for (const token of normalized.length ? normalized.split(' ') : []) {
      const f = this.tokenFeatures(token);
      if (f.stemId >= 0) increment(word, f.stemId);
      if (f.stemId < 0 || f.guessed) unseen.word++;
      if (previous !== undefined) {
        const bigram = this.vocab.get('b' + previous + ' ' + f.stem);
        if (bigram !== undefined) increment(word, bigram);
      }
      for (const id of f.charIds) increment(char, id);
      unseen.char += f.unseenChars;
      previous = f.stem;
    }
    return this.weigh(word, char, countUnseen ? unseen : undefined);
  }

  private tokenFeatures(token: string): TokenFeatures {
    return remembered(this.tokens, TOKEN_CACHE, token, () => {
      const word = this.readableForm(token);
      const own = lightStem(word);
      const ownId = this.vocab.get('s' + own);
      const guess = ownId === undefined ? this.nearestStem(own) : undefined;
      const stem = guess ?? own;
      const ids: number[] = [];
      let unseenChars = 0;
      charGrams(word, this.cfg, (g) => {
        const id = this.vocab.get(g);
        if (id !== undefined) ids.push(id);
        else unseenChars++;
      });
      return { stem, stemId: this.vocab.get('s' + stem) ?? -1, guessed: guess !== undefined, charIds: Int32Array.from(ids), unseenChars };
    });
  }

  /** The token, or the unstretched form of it whose stem training knows ("sloooowly" → "slowly"). */
  private readableForm(token: string): string {
    const forms = unstretched(token);
    if (!forms.length || this.vocab.has('s' + lightStem(token))) return token;
    return forms.find((form) => this.vocab.has('s' + lightStem(form))) ?? token;
  }

  /**
   * Sublinear TF times IDF, each view L2-normalised to its weight, then the whole vector to unit length; `unseen`
   * features count in both norms.
   */
  private weigh(word: Map<number, number>, char: Map<number, number>, unseen?: Unseen): SparseVec {
    const ids: number[] = [];
    const vals: number[] = [];
    const unseenSquare = this.unseenIdf * this.unseenIdf;
    let unseenNorm = 0;
    const view = (m: Map<number, number>, weight: number, unseenCount: number) => {
      const start = ids.length;
      let norm = unseenCount * unseenSquare;
      for (const [id, tf] of m) {
        const v = (1 + Math.log(tf)) * this.idf[id];
        ids.push(id);
        vals.push(v);
        norm += v * v;
      }
      const scale = norm > 0 ? weight / Math.sqrt(norm) : 0;
      for (let i = start; i < vals.length; i++) vals[i] *= scale;
      unseenNorm += unseenCount * unseenSquare * scale * scale;
    };
    view(word, this.cfg.wordWeight, unseen?.word ?? 0);
    view(char, this.cfg.charWeight, unseen?.char ?? 0);
    let norm = unseenNorm;
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
  const internals = v as unknown as { vocab: Map<string, number>; useIdf(idf: Float32Array): void };
  for (const [k, id] of json.vocab) internals.vocab.set(k, id);
  internals.useIdf(Float32Array.from(json.idf));
  return v;
}
