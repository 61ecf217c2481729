import { ovrSvmSteps } from './classifier.js';
import { Vectorizer, type SparseVec } from './features.js';
import { detectLanguage } from './language.js';
import { normalizeText } from './normalize.js';
import { heldOutScores } from './held-out.js';
import { defaultCalibration, heldOutCalibration, thinIntentOffsets } from './oos.js';
import { intentPrototypes } from './prototypes.js';
import type { ModelParts } from './model.js';
import type { IntentExample } from './types.js';
import { runToEnd, type Steps } from './steps.js';

/** "card_arrival" → "card arrival", "orderStatus" → "order Status"; undefined when the name holds no letter. */
export function intentNameText(name: string): string | undefined {
  const text = name.replace(/([\p{Ll}])(\p{Lu})/gu, '$1 $2').replace(/[_.\-/:]+/g, ' ').trim();
  return /\p{L}/u.test(text) ? text : undefined;
}

/**
 * Every intent's name trains as one more phrase: marketers name intents after what they mean, and with a
 * handful of examples per intent the name's words carry much of the meaning (see the README's design notes).
 */
function withIntentNames(rows: IntentExample[], intents: string[]): IntentExample[] {
  const names = intents.flatMap((intent) => {
    const text = intentNameText(intent);
    return text ? [{ intent, text, describes: true }] : [];
  });
  return [...rows, ...names];
}

export function trainParts(examples: IntentExample[]): ModelParts {
  return runToEnd(trainSteps(examples));
}

/** The training rows of a set of examples (phrases, then intent names) as vectors, with their classes. */
export interface TrainingRows {
  intents: string[];
  rows: IntentExample[];
  vectorizer: Vectorizer;
  X: SparseVec[];
  y: Int32Array;
  /** Rows that train but are never held out (names and descriptions). */
  alwaysTrain: Uint8Array;
}

export function* trainingRowSteps(examples: IntentExample[]): Steps<TrainingRows> {
  const given = examples.filter((e) => e.intent && e.text && e.text.trim());
  const intents = [...new Set(given.map((r) => r.intent))];
  const rows = withIntentNames(given, intents);
  const ids = new Map(intents.map((n, i) => [n, i]));
  const vectorizer = new Vectorizer();
  const X = yield* vectorizer.fitSteps(rows.map((r) => normalizeText(r.text)));
  const y = Int32Array.from(rows.map((r) => ids.get(r.intent) ?? 0));
  const alwaysTrain = Uint8Array.from(rows, (r) => (r.describes ? 1 : 0));
  return { intents, rows, vectorizer, X, y, alwaysTrain };
}

/** {@link trainParts}, yielding between units of work (see `steps.ts`). */
export function* trainSteps(examples: IntentExample[]): Steps<ModelParts> {
  const { intents, rows, vectorizer, X, y, alwaysTrain } = yield* trainingRowSteps(examples);
  const byIntent = new Map<string, string[]>(intents.map((n) => [n, []]));
  const languages = new Set<string>();
  for (const r of rows) {
    if (r.describes) continue;
    byIntent.get(r.intent)?.push(r.text);
    languages.add(r.lang ?? detectLanguage(r.text).code);
  }
  const linear = yield* ovrSvmSteps(X, y, intents.length, vectorizer.size);
  const outOfScope = new Set(rows.filter((r) => r.outOfScope).map((r) => r.intent));
  const sizes = [...byIntent].filter(([intent]) => !outOfScope.has(intent)).map(([, v]) => v.length).sort((a, b) => a - b);
  const median = sizes.length ? sizes[Math.floor(sizes.length / 2)] : 1;
  const held = yield* heldOutScores(X, y, intents.length, vectorizer.size, alwaysTrain);
  // "No intent" is calibrated on in-scope phrases only.
  const inScope = Array.from(held.rows, (row) => !outOfScope.has(intents[y[row]]));
  const calibration = heldOutCalibration(
    held.top.filter((_, k) => inScope[k]),
    held.correct.filter((_, k) => inScope[k]),
    intents.length - outOfScope.size,
    defaultCalibration(median, intents.length - outOfScope.size),
  );
  // Without held-out calibration the similarity gate decides scope (see `oos.ts`); with it, thin intents get a lower bar.
  const gated = calibration.minSimilarity !== undefined;
  const offsets = gated ? undefined : thinIntentOffsets(intents.map((intent) => byIntent.get(intent)?.length ?? 0), median);
  const prototypes = gated ? intentPrototypes(X, y, intents.length, vectorizer.size) : undefined;
  return {
    intents,
    outOfScope: [...outOfScope],
    languages: [...languages].filter((l) => l !== 'und'),
    examples: byIntent,
    vectorizer,
    linear,
    calibration: offsets ? { ...calibration, offsets } : calibration,
    prototypes,
  };
}
