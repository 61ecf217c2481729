import * as chrono from 'chrono-node';
import type { Entity } from './types.js';

/** Relative day words chrono does not cover (pl, fa) — offset in days from `now`. */
const RELATIVE: [RegExp, number][] = [
  [/(?<!\p{L})(?:przedwczoraj)(?!\p{L})/giu, -2],
  [/(?<!\p{L})(?:pojutrze)(?!\p{L})/giu, 2],
  [/(?<!\p{L})(?:wczoraj)(?!\p{L})/giu, -1],
  [/(?<!\p{L})(?:jutro)(?!\p{L})/giu, 1],
  [/(?<!\p{L})(?:dzisiaj|dziś|dzis)(?!\p{L})/giu, 0],
  [/(?<!\p{L})(?:پس[\s\u200c]?فردا)(?!\p{L})/gu, 2],
  [/(?<!\p{L})(?:پریروز)(?!\p{L})/gu, -2],
  [/(?<!\p{L})(?:فردا)(?!\p{L})/gu, 1],
  [/(?<!\p{L})(?:دیروز)(?!\p{L})/gu, -1],
  [/(?<!\p{L})(?:امروز)(?!\p{L})/gu, 0],
  [/(?<!\p{L})(?:بكرة|بكره)(?!\p{L})/gu, 1],
];
const IN_DAYS: RegExp[] = [
  /(?<!\p{L})za\s+(\d+)\s+dni(?!\p{L})/giu,
  /(?<!\p{L})(\d+)\s+روز\s+(?:دیگر|بعد)(?!\p{L})/gu,
];

/**
 * Cheap pre-checks so the (slow) chrono parsers only run on messages that may hold a date: digits, or a date word
 * of the parser's language as a whole word ("امسال" holds "امس", "money" holds "mon": neither is a date).
 */
const HAS_DIGIT = /\d/;
const EN_DATE_WORD = /\b(?:today|tonight|tomorrow|yesterday|now|noon|midnight|morning|evening|afternoon|night|weeks?|weekend|months?|years?|days?|hours?|minutes?|next|last|ago|later|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;
const AR_DATE_WORD = /(?<!\p{L})(?:ال|ب|و|ف|ل)?(?:اليوم|يوم|غدا?|غدًا|أمس|امس|البارحة|أسبوع|اسبوع|شهر|سنة|ساعة|الساعة|القادمة?|الماضية?|صباحا?|مساء|ليلة|الليلة|الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت)(?!\p{L})/u;

/** chrono's parser for the language and the date words that make it worth running (besides digits). */
function parserFor(lang: string | undefined): { parser: chrono.Chrono; words?: RegExp } {
  if (lang === 'ar') return { parser: chrono.ar.casual, words: AR_DATE_WORD };
  if (lang === 'en' || lang === undefined || lang === 'und') return { parser: chrono.en.casual, words: EN_DATE_WORD };
  return { parser: chrono.en.strict };
}

function addDays(now: Date, days: number): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, 12, 0, 0, 0);
  return d.toISOString();
}

/** `digits` is the message with ASCII digits, same length as `original`. */
export function findDates(original: string, digits: string, lang: string | undefined, now: Date): Entity[] {
  const out: Entity[] = [];
  const push = (start: number, end: number, value: string) => {
    if (out.some((e) => start < e.end && end > e.start)) return;
    out.push({ type: 'date', value, text: original.slice(start, end), start, end });
  };
  const { parser, words } = parserFor(lang);
  if (HAS_DIGIT.test(digits) || words?.test(digits)) for (const r of parser.parse(digits, now, { forwardDate: false })) push(r.index, r.index + r.text.length, r.start.date().toISOString());
  for (const re of IN_DAYS) for (const m of digits.matchAll(re)) push(m.index ?? 0, (m.index ?? 0) + m[0].length, addDays(now, Number(m[1])));
  for (const [re, days] of RELATIVE) for (const m of digits.matchAll(re)) push(m.index ?? 0, (m.index ?? 0) + m[0].length, addDays(now, days));
  return out;
}
