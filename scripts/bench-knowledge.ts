/**
 * Retrieval benchmark: builds an in-memory knowledge index over N synthetic chunks in en/pl/ar/fa (words drawn
 * Zipf-like from the demo FAQ vocabulary plus generated product words) and times queries on the built index.
 *
 *   npx tsx scripts/bench-knowledge.ts [--chunks 10000] [--queries 2000]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { KnowledgeIndex, normalizeForIndex, type IndexedChunk } from '../flows/knowledge/index';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const CHUNKS = arg('chunks', 10_000);
const QUERIES = arg('queries', 2_000);
const LOCALES = ['en', 'pl', 'ar', 'fa'];

// Deterministic PRNG so runs are comparable.
let seed = 42;
const random = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
/** Zipf-like: low ranks much more often. */
const zipf = <T>(list: T[]): T => list[Math.min(list.length - 1, Math.floor(list.length * random() ** 2.2))];

const SYLLABLES: Record<string, string[]> = {
  en: ['glo', 'ra', 'mi', 'serum', 'cream', 'lux', 'vel', 'ton', 'hydra', 'pure', 'ox', 'lin'],
  pl: ['krem', 'żel', 'mle', 'czko', 'tonik', 'ser', 'um', 'nawil', 'żający', 'owy', 'ska', 'wra'],
  ar: ['كريم', 'سير', 'وم', 'جل', 'تو', 'نر', 'مر', 'طب', 'نا', 'عم', 'لو', 'شن'],
  fa: ['کرم', 'سرم', 'ژل', 'تو', 'نر', 'مر', 'طوب', 'پا', 'کن', 'نده', 'شی', 'گل'],
};

function vocabulary(locale: string): string[] {
  const file = parse(fs.readFileSync(path.join(__dirname, '../bots/demo/knowledge', `${locale}.yaml`), 'utf8')) as { faq: { question: string; answer: string; also?: string[] }[] };
  const words = new Set<string>();
  for (const item of file.faq) for (const w of [item.question, item.answer, ...(item.also ?? [])].join(' ').split(/[\s,.;:!?؟،«»„”"()]+/)) if (w) words.add(w);
  const syllables = SYLLABLES[locale];
  for (let i = 0; i < 3000; i += 1) words.add(Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(syllables)).join(''));
  return [...words];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function main(): void {
  const vocab = Object.fromEntries(LOCALES.map((l) => [l, vocabulary(l)]));
  const chunks: IndexedChunk[] = [];
  for (let i = 0; i < CHUNKS; i += 1) {
    const locale = LOCALES[i % LOCALES.length];
    const words = vocab[locale];
    const title = Array.from({ length: 4 }, () => zipf(words)).join(' ');
    const text = Array.from({ length: 60 + Math.floor(random() * 40) }, () => zipf(words)).join(' ');
    const faq = i % 5 === 0;
    const question = faq ? `${Array.from({ length: 6 }, () => zipf(words)).join(' ')}?` : null;
    chunks.push({ id: i + 1, documentId: `doc-${Math.floor(i / 3)}`, locale, kind: faq ? 'faq' : 'page', title, question, text, normalized: normalizeForIndex(`${question ?? ''} ${title} ${text}`) });
  }
  const chars = chunks.reduce((n, c) => n + c.text.length, 0);

  const buildStarted = performance.now();
  const index = KnowledgeIndex.build(chunks, 1);
  const buildMs = performance.now() - buildStarted;

  const queries = Array.from({ length: QUERIES }, () => {
    const locale = pick(LOCALES);
    const words = vocab[locale];
    return { locale, text: Array.from({ length: 3 + Math.floor(random() * 6) }, () => zipf(words)).join(' ') };
  });
  for (const q of queries.slice(0, 200)) index.search(q.text, { locales: [q.locale], limit: 8 }); // warm-up
  const times: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const started = performance.now();
    const result = index.search(q.text, { locales: [q.locale], limit: 8 });
    times.push(performance.now() - started);
    hits += result.length ? 1 : 0;
  }
  times.sort((a, b) => a - b);
  const fmt = (n: number) => n.toFixed(2);
  console.log(`knowledge retrieval benchmark: ${CHUNKS} chunks (${LOCALES.join('/')}, ${(chars / 1e6).toFixed(1)} M chars), ${QUERIES} queries`);
  console.log(`  index build: ${fmt(buildMs)} ms (heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB)`);
  console.log(`  query latency: p50 ${fmt(percentile(times, 50))} ms, p95 ${fmt(percentile(times, 95))} ms, p99 ${fmt(percentile(times, 99))} ms, max ${fmt(times[times.length - 1])} ms`);
  console.log(`  queries with hits: ${((hits / QUERIES) * 100).toFixed(1)}%`);
  const p95 = percentile(times, 95);
  console.log(p95 < 20 ? `  OK: p95 ${fmt(p95)} ms < 20 ms` : `  SLOW: p95 ${fmt(p95)} ms >= 20 ms`);
}

main();
