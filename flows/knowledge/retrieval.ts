import { analyzeNormalized, analyzeSkeleton, isMisspeltStopWord, normalizeForIndex, type AnalysisCache } from './analyze';
import { Bm25Index, type Bm25Hit } from './bm25';
import { SpellingIndex } from '../nlu/spelling';
import { ROMANIZED_LANGUAGES } from '../nlu/romanize';
import { detectScript } from '../nlu/language';

export type KnowledgeKind = 'faq' | 'page' | 'catalog';

/** A chunk as the index needs it (a stored row plus its document's title and URL). */
export interface IndexedChunk {
  id: number;
  documentId: string;
  locale: string;
  kind: KnowledgeKind;
  title: string;
  url?: string | null;
  question?: string | null;
  text: string;
  /** `normalizeForIndex(question + title + text)`; computed when absent. */
  normalized?: string;
  embedding?: ArrayLike<number> | null;
}

export interface RetrievalHit {
  chunk: IndexedChunk;
  /** Ranking score (BM25, or reciprocal rank fusion when embeddings take part). */
  score: number;
  /** 0..1, comparable across queries: how much of the query the chunk covers (or its cosine similarity). */
  confidence: number;
  lexical: number;
  semantic?: number;
}

export interface SearchOptions {
  /** Only chunks of these locales (default: all). */
  locales?: string[];
  limit?: number;
  /** The query's embedding; fused with the lexical ranking by reciprocal rank fusion. */
  queryEmbedding?: ArrayLike<number>;
}

export interface IndexOptions {
  /** Cosine similarity that counts as confidence 0 and 1 (defaults 0.3 and 0.75). */
  semanticFloor?: number;
  semanticCeil?: number;
}

const FIELDS = [
  { weight: 1.5, b: 0.3 }, // FAQ question and title words
  { weight: 1, b: 0.75 }, // every word
  { weight: 0.3, b: 0.75 }, // character trigrams of every word
];
const RRF_K = 60;
/** The field whose words typos are corrected to: every word of every chunk. */
const BODY_WORDS = 1;

/**
 * Retrieval over a bot's chunks: multi-field BM25 (question/title, text, character trigrams) with normalisation
 * shared with NLU, optionally fused with embedding similarity. Immutable once built; rebuild on a new revision.
 */
export class KnowledgeIndex {
  private readonly bm25: Bm25Index;
  private readonly locales: string[];
  private readonly vectors: (Float32Array | undefined)[];
  /** Built on the first query with a word the chunks lack (34 ms for 10,000 chunks in `bench:knowledge`'s vocabulary). */
  private spelling?: SpellingIndex;
  /** Per locale written in Arabic script, an index of its chunks' consonant skeletons (see `skeletonSearch`). */
  private readonly skeletons = new Map<string, { bm25: Bm25Index; docs: number[] }>();
  readonly revision: number;

  private constructor(
    readonly chunks: IndexedChunk[],
    revision: number,
    private readonly options: IndexOptions,
  ) {
    this.revision = revision;
    this.locales = chunks.map((c) => c.locale);
    const cache: AnalysisCache = new Map();
    const docs = chunks.map((c) => {
      const head = analyzeNormalized(normalizeForIndex(`${c.question ?? ''} ${c.title}`), c.locale, cache);
      const body = analyzeNormalized(c.normalized ?? normalizeForIndex(`${c.question ?? ''} ${c.title} ${c.text}`), c.locale, cache);
      return [head.words, body.words, body.grams];
    });
    this.bm25 = new Bm25Index(FIELDS, docs);
    this.vectors = chunks.map((c) => (c.embedding && c.embedding.length ? unit(c.embedding) : undefined));
  }

  static build(chunks: IndexedChunk[], revision = 0, options: IndexOptions = {}): KnowledgeIndex {
    return new KnowledgeIndex(chunks, revision, options);
  }

  get size(): number {
    return this.chunks.length;
  }

  /** Chunks that still need an embedding. */
  missingEmbeddings(): IndexedChunk[] {
    return this.chunks.filter((_c, i) => !this.vectors[i]);
  }

  /** Adds embeddings computed after the build (by chunk id). */
  setEmbeddings(byId: Map<number, ArrayLike<number>>): void {
    this.chunks.forEach((c, i) => {
      const v = byId.get(c.id);
      if (v && v.length) this.vectors[i] = unit(v);
    });
  }

  get hasEmbeddings(): boolean {
    return this.vectors.some(Boolean);
  }

  search(query: string, options: SearchOptions = {}): RetrievalHit[] {
    const limit = options.limit ?? 5;
    const wanted = options.locales?.length ? new Set(options.locales) : undefined;
    const filter = wanted ? (doc: number) => wanted.has(this.locales[doc]) : undefined;
    const locale = options.locales?.length === 1 ? options.locales[0] : undefined;
    const pool = Math.max(limit, 30);
    const lexical = locale && ROMANIZED_LANGUAGES.includes(locale) && detectScript(query) === 'Latin' ? this.skeletonSearch(query, locale, pool) : this.lexicalSearch(query, locale, pool, filter);
    if (!lexical) return [];
    const semantic = options.queryEmbedding && this.hasEmbeddings ? this.semanticSearch(unit(options.queryEmbedding), pool, filter) : [];
    if (!semantic.length) {
      return lexical.slice(0, limit).map((h) => ({ chunk: this.chunks[h.doc], score: h.score, confidence: h.confidence, lexical: h.confidence }));
    }
    const fused = new Map<number, { score: number; lexical: number; semantic?: number }>();
    lexical.forEach((h, rank) => fused.set(h.doc, { score: 1 / (RRF_K + rank + 1), lexical: h.confidence }));
    semantic.forEach((h, rank) => {
      const entry = fused.get(h.doc) ?? { score: 0, lexical: 0 };
      entry.score += 1 / (RRF_K + rank + 1);
      entry.semantic = h.cosine;
      fused.set(h.doc, entry);
    });
    const floor = this.options.semanticFloor ?? 0.3;
    const ceil = this.options.semanticCeil ?? 0.75;
    return [...fused.entries()]
      .sort((a, b) => b[1].score - a[1].score || a[0] - b[0])
      .slice(0, limit)
      .map(([doc, e]) => {
        const sem = e.semantic === undefined ? 0 : clamp((e.semantic - floor) / (ceil - floor));
        return { chunk: this.chunks[doc], score: e.score, confidence: Math.max(e.lexical, sem), lexical: e.lexical, semantic: e.semantic };
      });
  }

  private lexicalSearch(query: string, locale: string | undefined, pool: number, filter?: (doc: number) => boolean): LexicalHit[] | undefined {
    const q = analyzeNormalized(normalizeForIndex(query), locale);
    if (!q.words.length && !q.grams.length) return undefined;
    q.words = q.words.flatMap((word) => this.knownWord(word, locale) ?? []);
    return this.bm25.search([q.words, q.words, q.grams], pool, filter).map((h) => lexicalHit(h, h.doc));
  }

  /**
   * A question typed in Latin letters in a Persian or Arabic conversation ("raveshhaye pardakht chie?"), searched in
   * that locale's chunks by consonant skeletons (`analyzeSkeleton`), whose index is built on the first such question.
   */
  private skeletonSearch(query: string, locale: string, pool: number): LexicalHit[] | undefined {
    const q = analyzeSkeleton(query, locale);
    if (q.words.length < MIN_SKELETON_WORDS) return undefined;
    let index = this.skeletons.get(locale);
    if (!index) {
      const docs = this.chunks.flatMap((c, i) => (c.locale === locale ? [i] : []));
      const fields = docs.map((i) => {
        const c = this.chunks[i];
        const head = analyzeSkeleton(`${c.question ?? ''} ${c.title}`, locale);
        const body = analyzeSkeleton(`${c.question ?? ''} ${c.title} ${c.text}`, locale);
        return [head.words, body.words, body.grams];
      });
      index = { bm25: new Bm25Index(FIELDS, fields), docs };
      this.skeletons.set(locale, index);
    }
    const { bm25, docs } = index;
    return bm25.search([q.words, q.words, q.grams], pool).map((h) => lexicalHit(h, docs[h.doc]));
  }

  /**
   * The word, or the word of the chunks one edit away when they lack it ("ordr" → "order"): the NLU's typo rule
   * (`SpellingIndex`), the most common candidate first; none for a misspelt stop word ("whre"). The word's character
   * trigrams still count as typed.
   */
  private knownWord(word: string, locale?: string): string | undefined {
    const df = this.bm25.df(BODY_WORDS, word);
    if (df > 0) return word;
    if (!this.spelling) {
      const frequencies = this.bm25.documentFrequencies(BODY_WORDS);
      this.spelling = new SpellingIndex(new Map([...frequencies].map(([term, n]) => [term, -n])));
    }
    const near = this.spelling.nearest(word);
    if (near !== undefined) return near;
    return isMisspeltStopWord(word, locale) ? undefined : word;
  }

  private semanticSearch(query: Float32Array, limit: number, filter?: (doc: number) => boolean): { doc: number; cosine: number }[] {
    const out: { doc: number; cosine: number }[] = [];
    this.vectors.forEach((v, doc) => {
      if (!v || v.length !== query.length || (filter && !filter(doc))) return;
      let dot = 0;
      for (let i = 0; i < v.length; i += 1) dot += v[i] * query[i];
      out.push({ doc, cosine: dot });
    });
    return out.sort((a, b) => b.cosine - a.cosine).slice(0, limit);
  }
}

interface LexicalHit {
  doc: number;
  score: number;
  confidence: number;
}

/**
 * A question in Latin letters is searched by skeletons only with this many content words: one word's skeleton is a few
 * consonants, which a name ("Sara", "sr") or an English word shares with many words of the script.
 */
const MIN_SKELETON_WORDS = 2;

/** A BM25 hit as a hit on chunk `doc`, its coverage as a confidence. */
function lexicalHit(hit: Bm25Hit, doc: number): LexicalHit {
  return { doc, score: hit.score, confidence: lexicalConfidence(hit.coverage) };
}

/** Words weigh more than trigrams; trigrams rescue inflected forms and typos. */
function lexicalConfidence(coverage: number[]): number {
  const [, words, grams] = coverage;
  return clamp(0.6 * words + 0.4 * grams);
}

function clamp(n: number): number {
  return Math.max(0, Math.min(1, n));
}

function unit(v: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(v as ArrayLike<number>);
  let norm = 0;
  for (let i = 0; i < out.length; i += 1) norm += out[i] * out[i];
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < out.length; i += 1) out[i] /= norm;
  return out;
}
