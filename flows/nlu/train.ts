import { trainOvrSvm } from './classifier.js';
import { Vectorizer } from './features.js';
import { detectLanguage } from './language.js';
import { normalizeText } from './normalize.js';
import { heldOutScores } from './held-out.js';
import { defaultCalibration, heldOutCalibration } from './oos.js';
import type { ModelParts } from './model.js';
import type { IntentExample } from './types.js';

export function trainParts(examples: IntentExample[]): ModelParts {
  const rows = examples.filter((e) => e.intent && e.text && e.text.trim());
  const intents = [...new Set(rows.map((r) => r.intent))];
  const ids = new Map(intents.map((n, i) => [n, i]));
  const byIntent = new Map<string, string[]>(intents.map((n) => [n, []]));
  const languages = new Set<string>();
  for (const r of rows) {
    byIntent.get(r.intent)?.push(r.text);
    languages.add(r.lang ?? detectLanguage(r.text).code);
  }
  const vectorizer = new Vectorizer();
  const X = vectorizer.fit(rows.map((r) => normalizeText(r.text)));
  const y = Int32Array.from(rows.map((r) => ids.get(r.intent) ?? 0));
  const linear = trainOvrSvm(X, y, intents.length, vectorizer.size);
  const sizes = [...byIntent.values()].map((v) => v.length).sort((a, b) => a - b);
  const median = sizes.length ? sizes[Math.floor(sizes.length / 2)] : 1;
  const held = heldOutScores(X, y, intents.length, vectorizer.size);
  const calibration = heldOutCalibration(held.top, held.correct, intents.length, defaultCalibration(median, intents.length));
  return { intents, languages: [...languages].filter((l) => l !== 'und'), examples: byIntent, vectorizer, linear, calibration };
}
