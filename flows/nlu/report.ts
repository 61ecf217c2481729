import { detectLanguage } from './language.js';
import { heldOutScores } from './held-out.js';
import { normalizeText } from './normalize.js';
import type { Steps } from './steps.js';
import { trainingRowSteps } from './train.js';
import type { IntentExample } from './types.js';

/** Fewer phrases than this in one language of an intent is worth a warning. */
const FEW_PHRASES = 5;
const MAX_MISCLASSIFIED = 50;

export interface IntentReport {
  intent: string;
  /** Its phrases are out of scope (see `IntentExample.outOfScope`). */
  outOfScope?: true;
  /** Phrases per language. */
  phrases: Record<string, number>;
  heldOut: number;
  correct: number;
  /** Intents its held-out phrases went to instead, most often first. */
  confusedWith: { intent: string; count: number }[];
}

/** How well a set of intents separates, for the marketer who writes them. */
export interface NluReport {
  intents: number;
  phrases: number;
  /** Share of held-out phrases a model trained without them put in their own intent; null when none could be held out. */
  heldOutAccuracy: number | null;
  /** Weakest intent first. */
  perIntent: IntentReport[];
  /** Held-out phrases that went to another intent. */
  misclassified: { intent: string; text: string; predicted: string }[];
  /** The same phrase (after normalisation) in several intents: the classifier cannot tell them apart. */
  conflicts: { text: string; intents: string[] }[];
  /** Languages of an intent with fewer than five phrases. */
  fewPhrases: { intent: string; lang: string; phrases: number }[];
}

/**
 * Cross-validates the intents the way training calibrates them (each intent's phrases dealt into folds, a model
 * trained without each fold scores it), and lists what a marketer can fix: confusions, conflicting phrases, thin
 * languages. Yields between units of work, like training.
 */
export function* reportSteps(examples: IntentExample[]): Steps<NluReport> {
  const { intents, rows, vectorizer, X, y, alwaysTrain } = yield* trainingRowSteps(examples);
  const held = yield* heldOutScores(X, y, intents.length, vectorizer.size, alwaysTrain);
  const perIntent: IntentReport[] = intents.map((intent) => ({ intent, phrases: {}, heldOut: 0, correct: 0, confusedWith: [] }));
  const phrasesOf = new Map<string, Set<string>>();
  let phrases = 0;
  rows.forEach((row, i) => {
    if (row.describes) return;
    phrases += 1;
    const lang = row.lang ?? detectLanguage(row.text).code;
    if (row.outOfScope) perIntent[y[i]].outOfScope = true;
    const counts = perIntent[y[i]].phrases;
    counts[lang] = (counts[lang] ?? 0) + 1;
    const text = normalizeText(row.text);
    phrasesOf.set(text, (phrasesOf.get(text) ?? new Set()).add(row.intent));
  });
  const confusions = intents.map(() => new Map<number, number>());
  const misclassified: NluReport['misclassified'] = [];
  held.rows.forEach((row, k) => {
    const report = perIntent[y[row]];
    report.heldOut += 1;
    if (held.correct[k]) report.correct += 1;
    else {
      const counts = confusions[y[row]];
      counts.set(held.predicted[k], (counts.get(held.predicted[k]) ?? 0) + 1);
      if (misclassified.length < MAX_MISCLASSIFIED) misclassified.push({ intent: rows[row].intent, text: rows[row].text, predicted: intents[held.predicted[k]] });
    }
  });
  perIntent.forEach((report, k) => {
    report.confusedWith = [...confusions[k]].sort((a, b) => b[1] - a[1]).map(([other, count]) => ({ intent: intents[other], count }));
  });
  const share = (r: IntentReport) => (r.heldOut ? r.correct / r.heldOut : 1);
  const heldOut = held.rows.length;
  return {
    intents: intents.length,
    phrases,
    heldOutAccuracy: heldOut ? round(held.correct.reduce((sum, c) => sum + c, 0) / heldOut) : null,
    perIntent: [...perIntent].sort((a, b) => share(a) - share(b) || b.heldOut - a.heldOut),
    misclassified,
    conflicts: [...phrasesOf].filter(([, owners]) => owners.size > 1).map(([text, owners]) => ({ text, intents: [...owners] })),
    fewPhrases: perIntent.flatMap((r) => Object.entries(r.phrases).filter(([, n]) => n < FEW_PHRASES).map(([lang, n]) => ({ intent: r.intent, lang, phrases: n }))),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
