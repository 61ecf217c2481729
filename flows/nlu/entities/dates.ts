import * as chrono from 'chrono-node';
import { offsetMinutes, zonedTimeToUtc } from '../../../core/zoned-time.js';
import { compiledOnce, referenceClock, shifted, weekday } from './date-parts.js';
import { WORD_END, WORD_START } from './patterns.js';
import { FA_DATE_WORD, persianChrono, persianLetters } from './dates-fa.js';
import { foldPolish, PL_DATE_WORD, polishChrono } from './dates-pl.js';
import type { Entity } from './types.js';

/**
 * Cheap pre-checks so the (slow) chrono parsers only run on messages that may hold a date: digits, or a date word
 * of the parser's language as a whole word ("امسال" holds "امس", "money" holds "mon": neither is a date).
 */
const HAS_DIGIT = /\d/;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const EN_DATE_WORD = /\b(?:today|tonight|tomorrow|yesterday|now|noon|midnight|morning|evening|afternoon|night|weeks?|weekend|months?|years?|days?|hours?|minutes?|next|last|ago|later|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;
const AR_DATE_WORD = /(?<!\p{L})(?:ال|ب|و|ف|ل)?(?:يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|كانون|شباط|آذار|اذار|نيسان|أيار|ايار|حزيران|تموز|أيلول|ايلول|تشرين|ويكند|اليوم|يوم|يومين|أيام|ايام|غدا?|غدًا|أمس|امس|البارحة|بكر[ةه]|بعد|أسبوع|اسبوع|أسبوعين|اسبوعين|شهر|شهرين|سنة|ساعة|ساعتين|دقيقة|دقائق|الساعة|القادمة?|الماضية?|صباحا?|مساء|ليلة|الليلة|الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت)(?!\p{L})/u;

/** Colloquial "tomorrow" (Gulf, Levant, Egypt), which chrono's Arabic parser does not know. */
const arabicColloquial: chrono.Parser = {
  pattern: compiledOnce(() => new RegExp(`${WORD_START}بكر[ةه]${WORD_END}`, 'u')),
  extract: (context) => shifted(context, 1, 'day'),
};

/**
 * "نهاية الأسبوع", "عطلة نهاية الأسبوع", "الويكند": the coming Friday, where the weekend starts in most Arab countries
 * (chrono reads "الأسبوع" in it as the start of this week); "… القادم": the one after.
 */
const arabicWeekend: chrono.Parser = {
  pattern: compiledOnce(() =>
    new RegExp(`${WORD_START}(?:(?:عطلة\\s+)?(?:نهاية|آخر|اخر)\\s+(?:الأسبوع|الاسبوع)|(?:ال)?ويكند)(\\s+(?:القادم|المقبل|الجاي))?${WORD_END}`, 'u')),
  extract: (context, m) => weekday(context, 5, m[1] ? 'next' : 'this'),
};

/**
 * "on the 12th", "for the 3rd at 5pm": a day of the month without the month, the next one to come (this month's,
 * or next month's once it has passed). Only after a preposition of time, so "the 3rd customer" is no date.
 */
const dayOfMonthAlone: chrono.Parser = {
  pattern: compiledOnce(() => /(?<=\b(?:on|for|by|until|till|before|after|from)\s+)the\s+(\d{1,2})(?:st|nd|rd|th)\b(?=\s*(?:$|[,.!?;]|at\b|in\b|and\b|please\b))/i),
  extract: (context, m) => {
    const day = Number(m[1]);
    const ref = referenceClock(context);
    const month = new Date(ref.getFullYear(), ref.getMonth() + (day < ref.getDate() ? 1 : 0), 1);
    const lastDay = new Date(month.getFullYear(), month.getMonth() + 1, 0).getDate();
    if (day < 1 || day > lastDay) return null;
    return context.createParsingComponents({ year: month.getFullYear(), month: month.getMonth() + 1, day }).imply('hour', 12).imply('minute', 0);
  },
};

function englishChrono(): chrono.Chrono {
  const parser = chrono.en.casual.clone();
  parser.parsers.push(dayOfMonthAlone);
  return parser;
}

function arabicChrono(): chrono.Chrono {
  const parser = chrono.ar.casual.clone();
  parser.parsers.push(arabicColloquial, arabicWeekend);
  return parser;
}

interface DateReader {
  parser: chrono.Chrono;
  /** Date words that make it worth running the parser (besides digits). */
  words?: RegExp;
  /** Rewrites the text for the parser, one character for one. */
  prepare?: (text: string) => string;
  /**
   * Drop dates that start inside a word: chrono retries a pattern one character further on when a parser rejects
   * a match ("31 اسفند" in a common year), where our parsers' word-start lookbehind no longer sees the text before.
   */
  wholeWords?: boolean;
  /** Greetings chrono would read as a part of the day ("good morning", "مساء الخير"): no date in them. */
  greetings?: RegExp;
}

const READERS: Record<string, DateReader> = {
  en: { parser: englishChrono(), words: EN_DATE_WORD, greetings: /\bgood\s+(?:morning|afternoon|evening|night)\b/gi },
  ar: { parser: arabicChrono(), words: AR_DATE_WORD, greetings: /(?:صباح|مساء)\s+(?:ال)?(?:خير|نور)/gu },
  pl: { parser: polishChrono(), words: PL_DATE_WORD, prepare: foldPolish, wholeWords: true },
  fa: { parser: persianChrono(), words: FA_DATE_WORD, prepare: persianLetters, wholeWords: true },
};
/** Languages whose date words are read (others get the neutral formats below). */
export const DATE_LANGUAGES = Object.keys(READERS);
/** Other languages get chrono's language-neutral formats only (2026-12-24, 24.12.2026, 15:30). */
const NEUTRAL: DateReader = { parser: chrono.en.strict };

function readerFor(lang: string | undefined): DateReader {
  if (lang === undefined || lang === 'und') return READERS.en;
  return READERS[lang] ?? NEUTRAL;
}

/**
 * The instant of a date chrono found. Without a zone named in the message, its wall time is read in `timeZone` on that
 * day, so a date past a change to or from summer time gets that day's offset, not today's.
 */
function instantOf(said: chrono.ParsedComponents, timeZone?: string): Date {
  if (!timeZone || said.isCertain('timezoneOffset')) return said.date();
  const minute = zonedTimeToUtc(said.get('year') ?? 0, said.get('month') ?? 1, said.get('day') ?? 1, said.get('hour') ?? 12, said.get('minute') ?? 0, timeZone);
  return new Date(minute.getTime() + (said.get('second') ?? 0) * 1000 + (said.get('millisecond') ?? 0));
}

/**
 * `digits` is the message with ASCII digits, same length as `original`. Dates are read on the clock of `timeZone`
 * (the bot's), else on the server's: chrono is given the zone's offset now, and "in 2 hours" or "5pm UTC" keep the
 * instant chrono gives.
 */
export function findDates(original: string, digits: string, lang: string | undefined, now: Date, timeZone?: string): Entity[] {
  const { parser, words, prepare, wholeWords, greetings } = readerFor(lang);
  const text = prepare ? prepare(digits) : digits;
  if (!HAS_DIGIT.test(text) && !words?.test(text)) return [];
  const out: Entity[] = [];
  const greeted = greetings ? [...text.matchAll(greetings)].map((g) => ({ start: g.index, end: g.index + g[0].length })) : [];
  const reference = timeZone ? { instant: now, timezone: offsetMinutes(now, timeZone) } : now;
  for (const r of parser.parse(text, reference, { forwardDate: false })) {
    const start = r.index;
    const end = r.index + r.text.length;
    if (out.some((e) => start < e.end && end > e.start)) continue;
    if (greeted.some((g) => start < g.end && end > g.start)) continue;
    if (wholeWords && WORD_CHAR.test(text[start - 1] ?? '')) continue;
    out.push({ type: 'date', value: instantOf(r.start, timeZone).toISOString(), text: original.slice(start, end), start, end });
  }
  return out;
}
