import { analyzeText } from './analyze';
import { maskPii, type PiiVault } from './pii';
import type { PromptTurn } from './prompt';

/** Variable names that hold personal data by themselves; their values never reach the model. */
const PERSONAL = /(e-?mail|phone|tel|mobile|name|surname|address|street|zip|postal|postcode|card|iban|account|pesel|passport|national|ssn|birth|dob|password|token|secret|ip)/i;

/**
 * Captured variables for the prompt: scalar values only, personal fields dropped, the rest masked,
 * at most `limit` entries of at most 200 characters.
 */
export function promptVariables(vars: Record<string, unknown>, vault: PiiVault, lang?: string, limit = 20): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(vars)) {
    if (Object.keys(out).length >= limit) break;
    if (key.startsWith('_') || PERSONAL.test(key)) continue;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    const text = String(value).slice(0, 200);
    if (!text.trim()) continue;
    out[key.slice(0, 60)] = maskPii(text, vault, lang);
  }
  return out;
}

/** The last `limit` turns (oldest first), masked and trimmed; empty texts dropped. */
export function promptHistory(turns: PromptTurn[], vault: PiiVault, lang?: string, limit = 6): PromptTurn[] {
  return turns
    .filter((t) => t.text.trim())
    .slice(-limit)
    .map((t) => ({ role: t.role, text: maskPii(t.text.slice(0, 600), vault, lang) }));
}

/**
 * Topic restriction: with no topics every question is allowed; otherwise it must either have a relevant
 * passage (`relevance` at least `minRelevance`) or share a word or most of a word with one of the topics.
 */
export function isOnTopic(question: string, topics: string[], relevance: number, lang?: string, minRelevance = 0.35): boolean {
  if (!topics.length || relevance >= minRelevance) return true;
  const q = analyzeText(question, lang);
  const words = new Set(q.words);
  const grams = new Set(q.grams);
  return topics.some((topic) => {
    const t = analyzeText(topic, lang);
    if (t.words.some((w) => words.has(w))) return true;
    const shared = t.grams.filter((g) => grams.has(g)).length;
    return t.grams.length > 0 && shared / t.grams.length >= 0.6;
  });
}
