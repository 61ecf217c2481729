import * as chrono from 'chrono-node';
import type { ParsingResult } from 'chrono-node';
import { offsetMinutes, zonedTimeToUtc } from '../../../core/zoned-time.js';
import { AR_DATE_WORD, AR_GREETINGS, arabicChrono } from './dates-ar.js';
import { EN_DATE_WORD, EN_GREETINGS, englishChrono } from './dates-en.js';
import { FA_DATE_WORD, persianChrono, persianLetters } from './dates-fa.js';
import { foldPolish, PL_DATE_WORD, polishChrono } from './dates-pl.js';
import { romanizedDatesInScript } from './dates-romanized.js';
import { DAY_PARTS, dayPartOf, halfDayOpen, implyDay, namesDay, TWELVE_HOUR_WORDS } from './date-parts.js';
import type { Entity } from './types.js';

/**
 * Cheap pre-checks so the (slow) chrono parsers only run on messages that may hold a date: digits, or a date word
 * of the parser's language as a whole word ("امسال" holds "امس", "money" holds "mon": neither is a date).
 */
const HAS_DIGIT = /\d/;
const WORD_CHAR = /[\p{L}\p{N}]/u;

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
  en: { parser: englishChrono(), words: EN_DATE_WORD, greetings: EN_GREETINGS },
  ar: { parser: arabicChrono(), words: AR_DATE_WORD, greetings: AR_GREETINGS },
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
 * The instant of a date chrono found, `laterHours` on the wall clock after what it says. Without a zone named in the
 * message, its wall time is read in `timeZone` on that day, so a date past a change to or from summer time gets that
 * day's offset, not today's.
 */
function instantOf(said: chrono.ParsedComponents, timeZone?: string, laterHours = 0): Date {
  if (!timeZone || said.isCertain('timezoneOffset')) {
    const date = said.date();
    date.setHours(date.getHours() + laterHours);
    return date;
  }
  const minute = zonedTimeToUtc(said.get('year') ?? 0, said.get('month') ?? 1, said.get('day') ?? 1, (said.get('hour') ?? 12) + laterHours, said.get('minute') ?? 0, timeZone);
  return new Date(minute.getTime() + (said.get('second') ?? 0) * 1000 + (said.get('millisecond') ?? 0));
}

/** Hours up to this one, said without a.m., p.m. or a part of the day, are in the afternoon: nobody books 3 a.m. */
const LAST_AFTERNOON_HOUR = 6;

/** Whether the hour is written in the text as on a 12-hour clock: "5", "5:30", "5.30", not "05:30" or "17:00". */
function twelveHourDigits(text: string, hour: number): boolean {
  return new RegExp(`(?<![\\d:./-])${hour}(?:[:.][0-5]\\d)?(?![\\d./-])`).test(text);
}

/**
 * The instant of a date chrono found (see {@link instantOf}). Customers give times to be called back or delivered, so an
 * hour said in digits (or in words, "half past four") without a.m., p.m. or a part of the day is read as they mean it: from 1 to 6 in the afternoon
 * ("tomorrow at 5", "jutro o 5", "فردا ساعت ۵" are 17:00), and, with no date, a later one that has passed today is its
 * next turn on a 12-hour clock ("at 11:30" said at noon is 23:30, "at 9" said at 22:00 is 9:00 tomorrow). An hour
 * with its part of the day ("at 6 in the morning", "o 7 wieczorem", "ساعت ۵ صبح"), "05:30" and "17:00" stay as said.
 */
function instantSaid(said: chrono.ParsedComponents, text: string, now: Date, timeZone?: string): Date {
  const hour = said.get('hour') ?? 0;
  if (!halfDayOpen(said) || !(twelveHourDigits(text, hour) || said.tags().has(TWELVE_HOUR_WORDS))) return instantOf(said, timeZone);
  const afternoon = hour <= LAST_AFTERNOON_HOUR ? 12 : 0;
  let instant = instantOf(said, timeZone, afternoon);
  if (namesDay(said)) return instant;
  const step = afternoon ? 24 : 12;
  for (let later = afternoon + step; later <= 24 + afternoon && instant.getTime() <= now.getTime(); later += step) instant = instantOf(said, timeZone, later);
  return instant;
}

/**
 * The start and end of a date: a window when the message says one ("from 9 to 5", "tomorrow between 3 and 5", "od 15
 * do 17", "from Monday to Friday"). The end is read as the start is (see {@link instantSaid}) and comes after it: "from
 * 9 to 5" ends at 17:00 the same day, "10pm to 2am" at 2:00 the next. A window of hours with no day is today's while
 * it has not ended ("od 9 do 17" said at 11:00 runs from 9:00), else its next turn ("from 7 to 8" said at 11:00 is
 * 19:00 to 20:00, as "at 9" is 21:00). A part of the day said without a time is its window (`DAY_PARTS`): "tomorrow
 * morning" runs from 9:00 to 12:00, "dziś wieczorem" from 17:00 to 21:00. `grain` says whether a time of day (or a part
 * of it) was said.
 */
function spanSaid(r: chrono.ParsedResult, now: Date, timeZone?: string): { start: Date; until?: Date; grain: 'day' | 'time' } {
  const part = !r.end ? dayPartOf(r.start, r.text) : undefined;
  if (part) {
    // chrono's English parts of the day have hours of their own ("morning" is 6:00): the window's replace them.
    const [from, to] = DAY_PARTS[part];
    const hour = r.start.get('hour') ?? from;
    return { start: instantOf(r.start, timeZone, from - hour), until: instantOf(r.start, timeZone, to - hour), grain: 'time' };
  }
  return { ...startAndEnd(r, now, timeZone), grain: r.start.isCertain('hour') ? 'time' : 'day' };
}

/** The start and end of a date that names no part of the day alone (see {@link spanSaid}). */
function startAndEnd(r: chrono.ParsedResult, now: Date, timeZone?: string): { start: Date; until?: Date } {
  const hours = r.end?.isCertain('hour') && r.start.isCertain('hour');
  if (!r.end || !hours) {
    const start = instantSaid(r.start, r.text, now, timeZone);
    return { start, ...(r.end && { until: after(instantSaid(r.end, r.text, now, timeZone), start) }) };
  }
  const start = instantSaid(r.start, r.text, EARLIEST, timeZone);
  let until = instantSaid(r.end, r.text, start, timeZone);
  // chrono puts an end that reads earlier than the start ("9 to 5") on the next day before we read it as 17:00.
  if (halfDayOpen(r.end) && r.end.get('day') !== r.start.get('day')) until = new Date(until.getTime() - DAY_MS);
  if (until.getTime() <= start.getTime()) until = new Date(until.getTime() + (halfDayOpen(r.end) ? DAY_MS / 2 : DAY_MS));
  // A window that has passed today is its next turn: on a 12-hour clock when neither end says its half of the day.
  const turn = halfDayOpen(r.start) && halfDayOpen(r.end) ? DAY_MS / 2 : DAY_MS;
  let later = 0;
  while (!namesDay(r.start) && until.getTime() + later <= now.getTime() && later < DAY_MS) later += turn;
  return { start: new Date(start.getTime() + later), until: after(new Date(until.getTime() + later), start) };
}

/** Puts a date that names no day on `day` (`YYYY-MM-DD`), as chrono would have put it on today. */
function putOnDay(r: ParsingResult, day: string): void {
  const [year, month, date] = day.split('-').map(Number);
  for (const said of r.end ? [r.start, r.end] : [r.start]) implyDay(said, year, month, date);
}

const EARLIEST = new Date(0);

/** `until`, when it is after `start`. */
const after = (until: Date, start: Date) => (until.getTime() > start.getTime() ? until : undefined);

const DAY_MS = 24 * 3600 * 1000;

/** A date more than a century ahead is a number misread as an amount ("۱۴۰۳ ماه بعد", 1403 months on), not a booking. */
const FURTHEST_AHEAD_MS = 100 * 365.25 * DAY_MS;

/**
 * `digits` is the message with ASCII digits, same length as `original`. Dates are read on the clock of `timeZone`
 * (the bot's), else on the server's: chrono is given the zone's offset now, and "in 2 hours" or "5pm UTC" keep the
 * instant chrono gives. A time said without a day is on `onDay` (`YYYY-MM-DD` on that clock) when given: the day the
 * customer said before ("tomorrow", then "in the afternoon"), else today or its next turn.
 */
export function findDates(original: string, digits: string, lang: string | undefined, now: Date, timeZone?: string, onDay?: string): Entity[] {
  // Finglish and Arabizi date words ("farda", "bokra") are read as the words of the script they stand for.
  const inScript = romanizedDatesInScript(digits, lang);
  if (inScript) {
    return datesIn(inScript.text, inScript.text, readerFor(lang), now, timeZone, onDay).map((e) => {
      const start = inScript.startOf[e.start];
      const end = inScript.endOf[e.end - 1];
      return { ...e, text: original.slice(start, end), start, end };
    });
  }
  return datesIn(original, digits, readerFor(lang), now, timeZone, onDay);
}

function datesIn(original: string, digits: string, reader: DateReader, now: Date, timeZone?: string, onDay?: string): Entity[] {
  const { parser, words, prepare, wholeWords, greetings } = reader;
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
    if (onDay && !namesDay(r.start)) putOnDay(r as ParsingResult, onDay);
    const { start: instant, until, grain } = spanSaid(r, now, timeZone);
    if (instant.getTime() - now.getTime() > FURTHEST_AHEAD_MS) continue;
    out.push({ type: 'date', value: instant.toISOString(), grain, ...(until && { until: until.toISOString() }), text: original.slice(start, end), start, end });
  }
  return out;
}
