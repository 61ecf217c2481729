import { DEFAULT_TEXTS } from '../../flows/engine/defaults';
import { normalize } from '../../flows/text/normalize';
import type { HandoffSettings } from './settings';

/** Strongly negative words per language (matched on normalised text, as word prefixes). */
const negativeWords: Record<string, string[]> = {
  en: ['terrible', 'awful', 'useless', 'worst', 'horrible', 'hate', 'angry', 'furious', 'ridiculous', 'scam', 'stupid', 'disgusting', 'pathetic', 'wtf', 'not helpful', 'waste of time'],
  pl: ['beznadziej', 'okropn', 'fataln', 'wkurz', 'żenad', 'oszust', 'głupi', 'nienawidz', 'tragedi', 'strata czasu', 'do niczego'],
  ar: ['سيء', 'سيئ', 'زفت', 'غاضب', 'محتال', 'فاشل', 'غبي', 'اكره', 'أكره', 'مضيعة للوقت', 'لا فائدة'],
  fa: ['افتضاح', 'مزخرف', 'عصبانی', 'کلاهبردار', 'بدترین', 'داغون', 'احمق', 'متنفرم', 'بی فایده', 'بی‌فایده', 'وقت تلف'],
};
const negativeList = Object.values(negativeWords).flat().map((w) => normalize(w)).filter(Boolean);

/** Negative sentiment score of a customer message: 0 = neutral, each strong word or shouting adds one. */
export function negativity(text: string): number {
  const n = ` ${normalize(text)} `;
  let score = 0;
  for (const word of negativeList) if (n.includes(` ${word}`)) score += 1;
  const letters = text.replace(/[^A-Za-z]/g, '');
  if (letters.length >= 8 && letters === letters.toUpperCase()) score += 1;
  if (/!{3,}/.test(text)) score += 1;
  return score;
}

const fallbackPrefixes = [DEFAULT_TEXTS.retry, DEFAULT_TEXTS.notFound, DEFAULT_TEXTS.fallback]
  .flatMap((texts) => Object.values(texts))
  .map((t) => normalize(t));

/** Whether a bot reply is one of the built-in "I didn't get that" answers. */
export function isFallbackReply(text: string): boolean {
  const n = normalize(text);
  return n.length > 0 && fallbackPrefixes.some((p) => n.startsWith(p));
}

export interface TranscriptItem {
  sender: 'contact' | 'bot' | 'agent' | 'system';
  text: string;
}

export interface StuckSignals {
  /** The conversation since the last handoff (or start), oldest first. */
  transcript: TranscriptItem[];
  /** Failed answers per ask block, from the flow state (`retries`). */
  retries?: Record<string, number>;
}

export type StuckVerdict = { stuck: false } | { stuck: true; reason: string; signal: 'fallbacks' | 'sentiment' | 'validations' };

/** Decides whether a bot conversation is going nowhere and a person should take over. Pure. */
export function detectStuck(signals: StuckSignals, settings: HandoffSettings['stuck']): StuckVerdict {
  if (!settings.enabled) return { stuck: false };
  const lastCustomer = [...signals.transcript].reverse().find((m) => m.sender === 'contact');
  if (settings.negativeSentiment && lastCustomer && negativity(lastCustomer.text) >= 1) {
    return { stuck: true, signal: 'sentiment', reason: 'stuck: negative sentiment' };
  }
  // consecutive customer turns answered with a fallback, counted back from the last turn
  const turns: boolean[] = [];
  for (const m of signals.transcript) {
    if (m.sender === 'contact') turns.push(false);
    else if (m.sender === 'bot' && turns.length > 0 && isFallbackReply(m.text)) turns[turns.length - 1] = true;
  }
  let streak = 0;
  for (let i = turns.length - 1; i >= 0 && turns[i]; i -= 1) streak += 1;
  if (streak >= settings.maxFallbacks) return { stuck: true, signal: 'fallbacks', reason: `stuck: ${streak} fallbacks in a row` };
  const failed = Math.max(0, ...Object.values(signals.retries ?? {}));
  if (failed >= settings.maxFailedValidations) return { stuck: true, signal: 'validations', reason: `stuck: ${failed} failed validations` };
  return { stuck: false };
}
