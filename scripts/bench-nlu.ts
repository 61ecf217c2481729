import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluate, loadDataset, ourPrediction, scriptError, trainingExamples, type EvalEngine, type EvalReport, type LabelledRow } from '../flows/nlu/evaluate.js';
import { detectLanguage, trainNlu } from '../flows/nlu/index.js';

// node-nlp ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { NlpManager } = require('node-nlp') as { NlpManager: new (opts: object) => NlpJsManager };
interface NlpJsManager {
  addDocument(lang: string, text: string, intent: string): void;
  train(): Promise<void>;
  process(lang: string, text: string): Promise<{ intent: string; score: number; classifications?: { intent: string; score: number }[] }>;
}

/** Languages NLP.js supports among ours; anything else falls back to English. */
const NLPJS_LANGS = new Set(['en', 'ar', 'fa', 'pl']);

function majorityLanguage(rows: LabelledRow[]): string {
  const counts = new Map<string, number>();
  for (const r of rows.slice(0, 300)) {
    const c = detectLanguage(r.text).code;
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'en';
}

const ours: EvalEngine = {
  train(rows) {
    const model = trainNlu(trainingExamples(rows));
    return (text) => ourPrediction(model.analyze(text));
  },
};

function nlpjs(lang: string): EvalEngine {
  return {
    async train(rows) {
      const manager = new NlpManager({ languages: [lang], nlu: { log: false }, autoSave: false });
      for (const r of rows) manager.addDocument(lang, r.text, r.intent);
      await manager.train();
      return async (text) => {
        const res = await manager.process(lang, text);
        const best = res.classifications?.find((c) => c.intent !== 'None');
        return { intent: !res.intent || res.intent === 'None' ? null : res.intent, ...(best && { best: { name: best.intent, confidence: best.score } }) };
      };
    },
  };
}

function table(rows: (EvalReport & { engine: string })[]): string {
  const cols = ['dataset', 'engine', 'accuracy', 'macro_f1', 'oos_recall', 'ece', 'train_ms', 'p50_us', 'p99_us'] as const;
  const cells = rows.map((r) => cols.map((c) => String(r[c] ?? '-')));
  const width = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const line = (vals: readonly string[]) => vals.map((v, i) => v.padEnd(width[i])).join('  ');
  return [line(cols), line(width.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** One engine on one set, in this process; prints the report as one JSON line. */
async function runOne(dir: string, engine: string): Promise<void> {
  const { name, train, test } = loadDataset(dir);
  const detected = majorityLanguage(train);
  const lang = NLPJS_LANGS.has(detected) ? detected : 'en';
  const r = await evaluate(name, train, test, engine === 'nlpjs' ? nlpjs(lang) : ours);
  console.log(JSON.stringify({ ...r, engine, lang }));
}

/**
 * Every (set, engine) pair runs in a child process of its own, one after the other: the garbage one engine's
 * training leaves (or its library's heap) must not land in the other's latency figures.
 */
function runIsolated(dir: string, engine: string): EvalReport & { engine: string; lang: string } {
  const out = execFileSync(process.execPath, [...process.execArgv, __filename, '--one', dir, '--engine', engine], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 });
  const last = out.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as EvalReport & { engine: string; lang: string };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'data-root': { type: 'string' }, sets: { type: 'string' }, engines: { type: 'string' }, one: { type: 'string' }, engine: { type: 'string' } } });
  if (values.one) return runOne(values.one, values.engine ?? 'ours');
  const root = resolve(values['data-root'] ?? join(process.cwd(), '..', 'shared', 'nlu-data'));
  const all = readdirSync(root).filter((d) => existsSync(join(root, d, 'train.jsonl')) && existsSync(join(root, d, 'test.jsonl'))).sort();
  const sets = values.sets ? values.sets.split(',').map((s) => s.trim()).filter(Boolean) : all;
  const engines = (values.engines ?? 'ours,nlpjs').split(',');
  const results: (EvalReport & { engine: string; lang: string })[] = [];
  for (const set of sets) {
    for (const engine of engines) {
      const r = runIsolated(join(root, set), engine);
      results.push(r);
      console.error(`${r.dataset} [${engine}, ${r.lang}] ${JSON.stringify(r)}`);
    }
  }
  console.log(table(results));
  console.log(JSON.stringify(results));
}

main().catch((err: unknown) => {
  console.error(scriptError(err));
  process.exit(1);
});
