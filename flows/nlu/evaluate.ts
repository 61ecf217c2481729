import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { IntentExample, NluResult } from './types.js';

/** Gold label of out-of-scope test rows. */
export const OOS = 'oos';

export interface LabelledRow {
  text: string;
  intent: string;
}

export interface EvalReport {
  dataset: string;
  accuracy: number;
  macro_f1: number;
  oos_recall: number | null;
  /** Expected calibration error of the best intent's confidence, in points (see {@link calibrationError}); null when the engine gives none. */
  ece: number | null;
  train_ms: number;
  p50_us: number;
  p99_us: number;
}

/** An engine's answer: the intent or null ("no intent"), and, when the engine says how sure it is, its best intent and confidence. */
export interface Prediction {
  intent: string | null;
  best?: { name: string; confidence: number };
}

type Predictor = (text: string) => Promise<Prediction> | Prediction;

/** An engine under test: `train` returns a predictor giving its {@link Prediction} for a message. */
export interface EvalEngine {
  train(rows: LabelledRow[]): Promise<Predictor> | Predictor;
}

/** A data set that cannot be read: the message names the file, and the line where one is at fault. */
export class DatasetError extends Error {}

/** What an evaluation script prints for an error: the message of a data set or usage error, else the whole error. */
export function scriptError(err: unknown): unknown {
  const usage = (err as { code?: string } | undefined)?.code?.startsWith('ERR_PARSE_ARGS');
  return err instanceof DatasetError || usage ? (err as Error).message : err;
}

function readRows(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new DatasetError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err });
  }
}

export function readJsonl(file: string): LabelledRow[] {
  const rows: LabelledRow[] = [];
  readRows(file).split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (err) {
      throw new DatasetError(`${file}:${i + 1}: not JSON (${(err as Error).message})`, { cause: err });
    }
    const { text, intent } = (row ?? {}) as Partial<Record<string, unknown>>;
    if (typeof text !== 'string' || typeof intent !== 'string' || !intent) throw new DatasetError(`${file}:${i + 1}: needs a "text" string and an "intent" string`);
    rows.push({ text, intent });
  });
  return rows;
}

export function loadDataset(dir: string): { name: string; train: LabelledRow[]; test: LabelledRow[] } {
  const abs = resolve(dir);
  const data = { name: basename(abs), train: readJsonl(join(abs, 'train.jsonl')), test: readJsonl(join(abs, 'test.jsonl')) };
  if (!data.train.length) throw new DatasetError(`${join(abs, 'train.jsonl')}: no rows to train on`);
  return data;
}

const r1 = (x: number) => Math.round(x * 10) / 10;

function percentile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Scores predictions: accuracy and macro-F1 over in-scope rows ("no intent" counts as wrong), OOS recall. */
export function score(test: LabelledRow[], predicted: (string | null)[]): { accuracy: number; macro_f1: number; oos_recall: number | null } {
  let inScope = 0;
  let correct = 0;
  let oos = 0;
  let oosHit = 0;
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  test.forEach((row, i) => {
    const p = predicted[i];
    if (row.intent === OOS) {
      oos++;
      if (p === null) oosHit++;
      else add(fp, p);
      return;
    }
    inScope++;
    if (p === row.intent) {
      correct++;
      add(tp, p);
    } else {
      add(fn, row.intent);
      if (p !== null) add(fp, p);
    }
  });
  const labels = new Set(test.filter((r) => r.intent !== OOS).map((r) => r.intent));
  let f1sum = 0;
  for (const l of labels) {
    const t = tp.get(l) ?? 0;
    const denom = 2 * t + (fp.get(l) ?? 0) + (fn.get(l) ?? 0);
    f1sum += denom ? (2 * t) / denom : 0;
  }
  return {
    accuracy: r1((100 * correct) / Math.max(1, inScope)),
    macro_f1: r1((100 * f1sum) / Math.max(1, labels.size)),
    oos_recall: oos ? r1((100 * oosHit) / oos) : null,
  };
}

const CALIBRATION_BINS = 10;

/**
 * Expected calibration error, in points: test rows are put in ten bins by the confidence of the engine's best intent,
 * and each bin's gap between its mean confidence and the share of its rows whose best intent is the gold one is
 * weighed by its rows. An out-of-scope row's best intent is always wrong. 0 means "80% sure" is right 80% of the time.
 */
export function calibrationError(test: LabelledRow[], best: (Prediction['best'] | undefined)[]): number | null {
  const bins = Array.from({ length: CALIBRATION_BINS }, () => ({ confidence: 0, right: 0 }));
  let rated = 0;
  test.forEach((row, i) => {
    const b = best[i];
    if (!b) return;
    rated++;
    const bin = bins[Math.min(CALIBRATION_BINS - 1, Math.floor(b.confidence * CALIBRATION_BINS))];
    bin.confidence += b.confidence;
    if (row.intent !== OOS && b.name === row.intent) bin.right++;
  });
  return rated ? r1((100 * bins.reduce((sum, bin) => sum + Math.abs(bin.confidence - bin.right), 0)) / rated) : null;
}

/** Our engine's training examples: train rows labelled `oos` are out-of-scope phrases, as a bot's off-topic intent. */
export function trainingExamples(rows: LabelledRow[], lang?: string): IntentExample[] {
  return rows.map((r) => ({ intent: r.intent, text: r.text, ...(lang && { lang }), ...(r.intent === OOS && { outOfScope: true }) }));
}

/** What our engine answers: its intent, and its best-ranked one with its confidence. */
export function ourPrediction(result: NluResult): Prediction {
  return { intent: result.intent?.name ?? null, ...(result.ranking[0] && { best: result.ranking[0] }) };
}

/**
 * Messages every engine answers before it is timed: training phrases, then a word no training has. A bot server has
 * answered many messages, so the figures are of code the JIT has compiled and of the caches a running bot has filled
 * (our typo index, `SpellingIndex`, is built on the first unknown word: 3 ms for the Persian set, 28 ms for CLINC's
 * 15,000 phrases). NLP.js was timed cold before. What is compiled on first use, such as a regular expression only some
 * messages reach (2 ms for the one that reads past a greeting), stays in the figures: on the 106 Persian test messages
 * it puts p99 anywhere from 0.7 to 4.6 ms between runs.
 */
const WARM_UP_MESSAGES = 1000;

async function warmUp(predict: Predictor, rows: LabelledRow[]): Promise<void> {
  const count = rows.length ? WARM_UP_MESSAGES : 0;
  for (let i = 0; i < count; i++) await predict(rows[i % rows.length].text);
  await predict('zqxjkvw');
}

/**
 * Trains on every train row, `oos` ones included (an engine may learn them as one more intent: predicting it is
 * "no intent"), warms the engine up, predicts every test row, times training and each prediction.
 */
export async function evaluate(name: string, train: LabelledRow[], test: LabelledRow[], engine: EvalEngine): Promise<EvalReport> {
  const t0 = performance.now();
  const predict = await engine.train(train);
  const trainMs = performance.now() - t0;
  await warmUp(predict, train);
  const predicted: (string | null)[] = [];
  const best: (Prediction['best'] | undefined)[] = [];
  const lat: number[] = [];
  for (const row of test) {
    const s = process.hrtime.bigint();
    const prediction = await predict(row.text);
    lat.push(Number(process.hrtime.bigint() - s) / 1000);
    predicted.push(prediction.intent === OOS ? null : prediction.intent);
    best.push(prediction.best);
  }
  lat.sort((a, b) => a - b);
  return { dataset: name, ...score(test, predicted), ece: calibrationError(test, best), train_ms: Math.round(trainMs), p50_us: Math.round(percentile(lat, 0.5)), p99_us: Math.round(percentile(lat, 0.99)) };
}
