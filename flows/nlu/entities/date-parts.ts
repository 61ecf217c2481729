import { spelledNumberValue } from './spelled-numbers.js';
import { Meridiem, type ParsedComponents, type Parser, type ParsingComponents, type ParsingContext, type ParsingResult, type Refiner } from 'chrono-node';
import { WORD_END, WORD_START } from './patterns.js';

/** Building blocks for the chrono parsers of languages chrono does not ship (Polish, Persian). */

export type DateUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** chrono asks a parser for its pattern on every parse: build it on the first and keep it (no `g` flag, so no state). */
export function compiledOnce(build: () => RegExp): () => RegExp {
  let pattern: RegExp | undefined;
  return () => (pattern ??= build());
}

/**
 * The reference instant as a Date whose fields (`getDate()`, `getHours()`…) show the wall clock the message is read on:
 * the bot's time zone when the parse was given one, else the server's.
 */
export function referenceClock(context: ParsingContext): Date {
  return context.reference.getDateWithAdjustedTimezone();
}

/** The day of `date` (its fields on the server's clock), at its time when `withTime`, else at an implied noon. */
export function componentsOf(context: ParsingContext, date: Date, withTime = false): ParsingComponents {
  const c = context.createParsingComponents({ year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() });
  if (withTime) c.assign('hour', date.getHours()).assign('minute', date.getMinutes());
  else c.imply('hour', 12).imply('minute', 0);
  return c;
}

/** The reference date moved by `amount` units ("in 3 days", "2 hours ago" as -2). */
export function shifted(context: ParsingContext, amount: number, unit: DateUnit): ParsingComponents {
  const d = referenceClock(context);
  if (unit === 'minute') d.setMinutes(d.getMinutes() + amount);
  else if (unit === 'hour') d.setHours(d.getHours() + amount);
  else if (unit === 'day') d.setDate(d.getDate() + amount);
  else if (unit === 'week') d.setDate(d.getDate() + 7 * amount);
  else if (unit === 'month') d.setMonth(d.getMonth() + amount);
  else d.setFullYear(d.getFullYear() + amount);
  return componentsOf(context, d, unit === 'minute' || unit === 'hour');
}

/**
 * A weekday said alone ("on friday", "يوم الجمعة") is the coming one, today included, as the Polish and Persian parsers
 * read it: chrono reads it as the closest, so on a Saturday "friday" was yesterday, and a delivery day in the past.
 * Said with a past marker ("last friday", "الجمعة الماضية") it keeps chrono's reading.
 */
export function comingWeekdays(pastMarker: RegExp): Refiner {
  return {
    refine: (context: ParsingContext, results: ParsingResult[]) => {
      const ref = referenceClock(context);
      const today = new Date(ref.getFullYear(), ref.getMonth(), ref.getDate());
      for (const r of results) {
        const c = r.start;
        if (!c.isCertain('weekday') || c.isCertain('day') || pastMarker.test(r.text)) continue;
        const day = new Date(c.get('year') ?? today.getFullYear(), (c.get('month') ?? 1) - 1, c.get('day') ?? 1);
        if (day >= today) continue;
        // A window's end on the same weekday ("friday between 2 and 4") moves with it.
        for (const said of r.end && !r.end.isCertain('day') ? [c, r.end] : [c]) weekLater(said);
      }
      return results;
    },
  };
}

/** Moves a date's implied day a week on. */
function weekLater(c: ParsingComponents): void {
  const day = new Date(c.get('year') ?? 0, (c.get('month') ?? 1) - 1, c.get('day') ?? 1);
  day.setDate(day.getDate() + 7);
  implyDay(c, day.getFullYear(), day.getMonth() + 1, day.getDate());
}

/** Puts a date on a day (month from 1) unless it names one itself: the day chrono would otherwise imply, today. */
export function implyDay(c: ParsingComponents, year: number, month: number, day: number): ParsingComponents {
  return c.imply('year', year).imply('month', month).imply('day', day);
}

export const MONDAY = 1;
export const SATURDAY = 6;

/**
 * A weekday (0 = Sunday) seen from the reference date: 'this' is the coming one (today when it is that day), 'next'
 * the one of the following calendar week, whose first day is `weekStart` (Monday in Poland, as chrono reads "next
 * friday"; Saturday in Iran and most Arab countries). Said on a Sunday, "w przyszły poniedziałek" is tomorrow.
 */
export function weekday(context: ParsingContext, day: number, which: 'this' | 'next', weekStart: number): ParsingComponents {
  const today = referenceClock(context).getDay();
  const untilNextWeek = 7 - ((today - weekStart + 7) % 7);
  const ahead = which === 'this' ? (day - today + 7) % 7 : untilNextWeek + ((day - weekStart + 7) % 7);
  return shifted(context, ahead, 'day').assign('weekday', day);
}

/** Commas, "on" and spaces: what may stand between "next week" and its weekday. */
const NEXT_WEEK_GAP = /^\s*(?:on\s+|[,،]\s*)?$/i;

/**
 * "next week tuesday", "w przyszłym tygodniu we wtorek", "za tydzień w piątek", "هفته بعد سه‌شنبه", "الثلاثاء الأسبوع
 * القادم": one date, that weekday of the following calendar week (as "next tuesday"); they were two, a week from today
 * and the coming Tuesday. `nextWeek` matches the whole text of a "next week" result; weeks start on `weekStart`.
 */
export function weekdayOfNextWeek(nextWeek: RegExp, weekStart: number): Refiner {
  const isWeekday = (r: ParsingResult) => r.start.isCertain('weekday') && !nextWeek.test(r.text);
  return joiningNeighbours((context, previous, next, between) => {
    if (!NEXT_WEEK_GAP.test(between)) return undefined;
    const day = nextWeek.test(previous.text) && isWeekday(next) ? next : nextWeek.test(next.text) && isWeekday(previous) ? previous : undefined;
    if (!day) return undefined;
    const joined = weekday(context, day.start.get('weekday') ?? 0, 'next', weekStart);
    return day.start.isCertain('hour') ? joined.assign('hour', day.start.get('hour') ?? 12).assign('minute', day.start.get('minute') ?? 0) : joined;
  });
}

/** A refiner that joins each result into the one before it when `join` gives components for both (else undefined). */
function joiningNeighbours(join: (context: ParsingContext, previous: ParsingResult, next: ParsingResult, between: string) => ParsingComponents | undefined): Refiner {
  return {
    refine: (context, results) => {
      const out: ParsingResult[] = [];
      for (const r of results) {
        const previous = out[out.length - 1];
        const joined = previous && join(context, previous, r, context.text.slice(previous.index + previous.text.length, r.index));
        if (!joined) {
          out.push(r);
          continue;
        }
        previous.start = joined.addTags(previous.start.tags()).addTags(r.start.tags());
        previous.text = context.text.slice(previous.index, r.index + r.text.length);
      }
      return out;
    },
  };
}

/** A day and month, in the given year or else the year that puts it closest to the reference date. */
export function dayOfMonth(context: ParsingContext, day: number, month: number, year?: number): ParsingComponents | null {
  if (day < 1 || day > 31) return null;
  const ref = referenceClock(context);
  const c = context.createParsingComponents({ day, month });
  if (year) c.assign('year', year);
  else c.imply('year', closestYear(ref, ref.getFullYear(), (y) => new Date(y, month - 1, day, 12)));
  return c.imply('hour', 12).imply('minute', 0);
}

/** A day of the month said without the month: the next one to come (this month's, or next month's once it has passed). */
export function comingDayOfMonth(context: ParsingContext, day: number): ParsingComponents | null {
  const ref = referenceClock(context);
  const month = new Date(ref.getFullYear(), ref.getMonth() + (day < ref.getDate() ? 1 : 0), 1);
  const lastDay = new Date(month.getFullYear(), month.getMonth() + 1, 0).getDate();
  if (day < 1 || day > lastDay) return null;
  return componentsOf(context, new Date(month.getFullYear(), month.getMonth(), day));
}

/** The part of a month or week a customer names: its beginning, its middle or its end. */
export type PeriodPart = 'start' | 'middle' | 'end';

/** Each part's words in a language, as a regular expression alternation: `[['beginning of|early', 'start'], …]`. */
export type PartWords = [string, PeriodPart][];

/** The parts' words, one capturing group each, in their order. */
export function partGroups(parts: PartWords): string {
  return parts.map(([words]) => `(${words})`).join('|');
}

/** The part whose group (of {@link partGroups}, starting at group `first`) matched. */
export function partMatched(parts: PartWords, m: RegExpMatchArray, first = 1): PeriodPart {
  return parts[Math.max(0, parts.findIndex((_, i) => m[first + i] !== undefined))][1];
}

/**
 * Which month or week a part is of, as three groups of `m` from `first` say it: this one (0), the next (1), the last
 * (-1); undefined when none of them matched ("at the beginning of the month").
 */
export function periodSaid(m: RegExpMatchArray, first: number): -1 | 0 | 1 | undefined {
  return m[first + 1] ? 1 : m[first + 2] ? -1 : m[first] ? 0 : undefined;
}

/**
 * A day that comes back every year, the next one to come, today included: "before christmas" said on 26 December is
 * next year's. `inYear(k)` is the day `k` years after this year's.
 */
export function comingYearly(context: ParsingContext, inYear: (yearsAhead: number) => Date): ParsingComponents {
  const today = referenceClock(context);
  today.setHours(0, 0, 0, 0);
  const thisYears = inYear(0);
  return componentsOf(context, thisYears < today ? inYear(1) : thisYears);
}

const HIJRI = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', { month: 'numeric', day: 'numeric' });
const HIJRI_MONTH_DAYS = 29.53;

/** The Hijri month and day (Umm al-Qura calendar) of a date's wall-clock day. */
function hijriDayOf(date: Date): { month: number; day: number } {
  const parts = HIJRI.formatToParts(date);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { month: part('month'), day: part('day') };
}

/**
 * A day of the Hijri year (Umm al-Qura, as Saudi Arabia keeps it), the next one to come, today included: Eid al-Fitr
 * is 1 Shawwal (10, 1), Eid al-Adha 10 Dhu al-Hijjah (12, 10). The lunar year is 354 days, so the day moves through
 * the Gregorian year; it is looked for a few days around where the months' mean length puts it.
 */
export function comingHijriDay(context: ParsingContext, month: number, day: number): ParsingComponents | null {
  const date = referenceClock(context);
  date.setHours(12, 0, 0, 0);
  const today = hijriDayOf(date);
  let ahead = Math.round((((month - today.month + 12) % 12) * HIJRI_MONTH_DAYS) + day - today.day);
  if (ahead < 0) ahead += Math.round(12 * HIJRI_MONTH_DAYS);
  date.setDate(date.getDate() + Math.max(0, ahead - 3));
  for (let tries = 0; tries < 8; tries++, date.setDate(date.getDate() + 1)) {
    const said = hijriDayOf(date);
    if (said.month === month && said.day === day) return componentsOf(context, date);
  }
  return null;
}

/** The Hijri days (month, day) of the Islamic holidays, which Arabic and Persian both name. */
export const EID_AL_FITR: [month: number, day: number] = [10, 1];
export const EID_AL_ADHA: [month: number, day: number] = [12, 10];
export const RAMADAN: [month: number, day: number] = [9, 1];

/** Holidays on a fixed day of the Gregorian year ("christmas", "wigilia", "رأس السنة"): [pattern, month, day], the next one to come. */
export function yearlyDays(days: [pattern: string, month: number, day: number][]): Parser {
  return {
    pattern: compiledOnce(() => new RegExp(`${WORD_START}(?:${days.map(([pattern]) => `(${pattern})`).join('|')})${WORD_END}`, 'iu')),
    extract: (context, m) => {
      const [, month, day] = days[days.findIndex((_, i) => m[i + 1] !== undefined)];
      const year = referenceClock(context).getFullYear();
      return comingYearly(context, (k) => new Date(year + k, month - 1, day, 12));
    },
  };
}

/** The day of the month a part names in a month of `length` days: the 1st, the 15th, the last. */
export function dayOfMonthPart(part: PeriodPart, length: number): number {
  return part === 'start' ? 1 : part === 'middle' ? 15 : length;
}

/**
 * The 1st, 15th or last day of the reference date's month, or of the month `monthsAhead` from it (-1: last month), at an
 * implied noon ("end of the month", "beginning of next month"). Without `monthsAhead` ("at the beginning of the month"
 * said on the 5th) the next such day to come.
 */
export function monthPart(context: ParsingContext, part: PeriodPart, monthsAhead?: number): ParsingComponents {
  const ref = referenceClock(context);
  const dayIn = (ahead: number) => {
    const first = new Date(ref.getFullYear(), ref.getMonth() + ahead, 1);
    const length = new Date(first.getFullYear(), first.getMonth() + 1, 0).getDate();
    return new Date(first.getFullYear(), first.getMonth(), dayOfMonthPart(part, length));
  };
  return componentsOf(context, dayIn(monthsAhead ?? (dayIn(0).getDate() < ref.getDate() ? 1 : 0)));
}

/** The 1st, 15th or last day of a month said by name ("mid-December", "pod koniec stycznia"), in the closest year. */
export function namedMonthPart(context: ParsingContext, part: PeriodPart, month: number): ParsingComponents {
  const ref = referenceClock(context);
  const year = closestYear(ref, ref.getFullYear(), (y) => new Date(y, month - 1, 15, 12));
  return componentsOf(context, new Date(year, month - 1, dayOfMonthPart(part, new Date(year, month, 0).getDate())));
}

/** The weekdays a working week begins, is in the middle of and ends on, and the day its calendar week starts. */
export interface Workweek {
  days: Record<PeriodPart, number>;
  weekStart: number;
}

/** Monday to Friday, as in English- and Polish-speaking countries. */
const MONDAY_TO_FRIDAY: Workweek = { days: { start: MONDAY, middle: 3, end: 5 }, weekStart: MONDAY };

/**
 * The day of the following calendar week (`weeksAhead` 1: "early next week", "w połowie przyszłego tygodnia", "end of
 * next week") that the part names in `week` (Monday, Wednesday or Friday of a week of Monday to Friday), or the coming
 * one for the end of this week ("by the end of the week"). The beginning or middle of this week has passed or is now,
 * and last week is past: null.
 */
export function workweekPart(context: ParsingContext, part: PeriodPart, weeksAhead: -1 | 0 | 1 | undefined, week: Workweek = MONDAY_TO_FRIDAY): ParsingComponents | null {
  if (weeksAhead === -1 || (weeksAhead !== 1 && part !== 'end')) return null;
  return weekday(context, week.days[part], weeksAhead === 1 ? 'next' : 'this', week.weekStart);
}

/** The first of a month said without a day ("in March", "w marcu"), in the given year or else the closest one. */
export function monthStart(context: ParsingContext, month: number, year?: number): ParsingComponents {
  const ref = referenceClock(context);
  const c = context.createParsingComponents({ month }).imply('day', 1);
  if (year) c.assign('year', year);
  else c.imply('year', closestYear(ref, ref.getFullYear(), (y) => new Date(y, month - 1, 1, 12)));
  return c.imply('hour', 12).imply('minute', 0);
}

/**
 * Of last year, this year and next (counted in any calendar: `thisYear` is the reference's year in it), the one whose
 * `dateIn(year)` is closest to the reference date.
 */
export function closestYear(ref: Date, thisYear: number, dateIn: (year: number) => Date): number {
  const distance = (year: number) => Math.abs(dateIn(year).getTime() - ref.getTime());
  return [thisYear - 1, thisYear, thisYear + 1].reduce((a, b) => (distance(b) < distance(a) ? b : a));
}

/**
 * A time of day on its own, today unless a date next to it says otherwise. A part of the day said with it sets the
 * meridiem: 'pm' turns 1–11 into 13–23; without one, the hour may still be moved to the afternoon (`instantSaid` in dates.ts).
 */
export function timeOfDay(context: ParsingContext, hour: number, minute = 0, meridiem?: 'am' | 'pm'): ParsingComponents | null {
  const h = meridiem === 'pm' && hour >= 1 && hour < 12 ? hour + 12 : hour;
  if (h > 23 || minute > 59) return null;
  const ref = referenceClock(context);
  const c = implyDay(context.createParsingComponents(), ref.getFullYear(), ref.getMonth() + 1, ref.getDate()).assign('hour', h).assign('minute', minute);
  return meridiem ? c.assign('meridiem', meridiem === 'pm' ? Meridiem.PM : Meridiem.AM) : c;
}

/**
 * The time a fraction of an hour names: `minutes` after the hour ("half past 3", "3 ونص": 30), or before it when
 * negative ("quarter to 4": -15, 3:45). The hour is on a 12-hour clock, so before 1 is 12; before 0 (midnight) is 23.
 */
export function hourWithFraction(context: ParsingContext, hour: number, minutes: number, meridiem?: 'am' | 'pm'): ParsingComponents | null {
  const before = hour === 0 ? 23 : hour === 1 ? 12 : hour - 1;
  return minutes >= 0 ? hourInWords(context, hour, minutes, meridiem) : hourInWords(context, before, 60 + minutes, meridiem);
}

/**
 * Marks a time whose hour was said as on a 12-hour clock in words ("half past four", "ساعت سه"), which `instantSaid`
 * (dates.ts) reads as it reads "4" in digits: in the afternoon, or at its next turn.
 */
export const TWELVE_HOUR_WORDS = 'twelveHourWords';

/**
 * The parts of the day a customer names without a time ("tomorrow morning", "jutro wieczorem", "فردا عصر", "بكرة الصبح"),
 * as the window of hours they mean when they book a call or a delivery: the date runs from its start to its end.
 */
export const DAY_PARTS = { morning: [9, 12], afternoon: [12, 17], lateAfternoon: [15, 18], evening: [17, 21], night: [20, 23] } as const;
export type DayPart = keyof typeof DAY_PARTS;
const DAY_PART_TAG = 'dayPart/';
/** chrono's own tags of the parts of the day its English parsers read. */
const CHRONO_DAY_PARTS: Record<string, DayPart> = { 'casualReference/morning': 'morning', 'casualReference/afternoon': 'afternoon', 'casualReference/evening': 'evening', 'casualReference/tonight': 'night' };

/**
 * A part of the day said without a time, today unless a date next to it says otherwise: its window's first hour, or
 * 12:00 for noon, which is a time.
 */
export function dayPartTime(context: ParsingContext, part: DayPart | 'noon'): ParsingComponents | null {
  if (part === 'noon') return timeOfDay(context, 12);
  return timeOfDay(context, DAY_PARTS[part][0])?.addTag(DAY_PART_TAG + part) ?? null;
}

/** The part of the day a date names, when it names one and no time ("tomorrow morning", not "at 6 tomorrow morning"). */
export function dayPartOf(said: ParsedComponents, text: string): DayPart | undefined {
  const tags = said.tags();
  if (/\d/.test(text) || tags.has(TWELVE_HOUR_WORDS)) return undefined;
  for (const tag of tags) {
    if (tag.startsWith(DAY_PART_TAG)) return tag.slice(DAY_PART_TAG.length) as DayPart;
    if (CHRONO_DAY_PARTS[tag]) return CHRONO_DAY_PARTS[tag];
  }
  return undefined;
}

/** A time of day (see {@link timeOfDay}) whose hour was said in words. */
export function hourInWords(context: ParsingContext, hour: number, minute = 0, meridiem?: 'am' | 'pm'): ParsingComponents | null {
  return timeOfDay(context, hour, minute, meridiem)?.addTag(TWELVE_HOUR_WORDS) ?? null;
}

/** A time of day whose hour was said in digits or, when `inWords`, in words ("5", "five"). */
export function hourSaidIn(context: ParsingContext, inWords: boolean, hour: number, minute = 0, meridiem?: 'am' | 'pm'): ParsingComponents | null {
  return inWords ? hourInWords(context, hour, minute, meridiem) : timeOfDay(context, hour, minute, meridiem);
}

/**
 * A window of hours ("between 3 and 5 pm", "od 15 do 17", "من الساعة ٣ إلى ٥", "از ساعت ۳ تا ۵"): one result from
 * `start` to `end`, on the day of the reference or of a date said next to it; only `start` when the end is no time.
 */
export function hoursWindow(context: ParsingContext, match: RegExpMatchArray, start: ParsingComponents | null, end: ParsingComponents | null): ParsingResult | ParsingComponents | null {
  return start && end ? context.createParsingResult(match.index ?? 0, match[0], start, end) : start;
}

/** The hours from 1 to 12 as `words` says them, keyed by the word: ordinal or cardinal words of one language. */
export function hoursSaid(words: readonly string[]): Record<string, number> {
  return Object.fromEntries(words.map((word, i) => [word, i + 1]));
}

/**
 * Joins a date and the time of day right after it ("jutro o 15", "24.12.2026 o 15:00", "فردا ساعت ۵ عصر")
 * when only `gap` stands between them.
 */
export function mergeDateThenTime(gap: RegExp): Refiner {
  return joiningNeighbours((_context, previous, next, between) =>
    next.start.isOnlyTime() && !previous.start.isCertain('hour') && gap.test(between)
      ? previous.start.assign('hour', next.start.get('hour') ?? 0).assign('minute', next.start.get('minute') ?? 0)
      : undefined,
  );
}

/**
 * A time said with a part of the day (`words`) is the one chrono read: its meridiem is marked, as the Polish and
 * Persian parsers mark theirs, so that it is not moved to the afternoon as an hour said alone is (`instantSaid` in
 * dates.ts): "tomorrow morning at 6" stays 6:00, "الصبح الساعة ٩" 9:00.
 */
export function partOfDayMeridiem(words: RegExp): Refiner {
  return {
    refine: (_context, results) => {
      for (const r of results) {
        if (r.start.isCertain('hour') && !r.start.isCertain('meridiem') && words.test(r.text)) r.start.assign('meridiem', (r.start.get('hour') ?? 0) >= 12 ? Meridiem.PM : Meridiem.AM);
      }
      return results;
    },
  };
}

/** Whether a date names its day (a weekday, a day, a month or a year), not only a time of day. */
export function namesDay(said: ParsedComponents): boolean {
  return (['weekday', 'day', 'month', 'year'] as const).some((c) => said.isCertain(c));
}

/**
 * A part of the day said in words, on its own day or a named one ("morning", "rano", "امشب", "بكرة الصبح"): an hour
 * from a word (known, or with no day of its own), no digits.
 */
const isPartOfDay = (r: ParsingResult) => !/\d/.test(r.text) && (r.start.isCertain('hour') || !namesDay(r.start));

/** Whether the components say an hour from 1 to 11 without a.m. or p.m.: which half of the day is still open. */
export function halfDayOpen(said: ParsedComponents): boolean {
  const hour = said.get('hour') ?? 0;
  return said.isCertain('hour') && !said.isCertain('meridiem') && hour >= 1 && hour <= 11;
}

/**
 * Joins a time and a part of the day said next to it, when only `gap` stands between them: the hour in that part of
 * the day, on the day either names. After the time: "at 6 tomorrow morning", "o 7 jutro wieczorem", "ساعت ۶ فردا صبح",
 * "بكرة الساعة ٦ الصبح"; before it: "امشب ساعت ۹" (tonight at 9), "بكرة الصبح الساعة ٨". chrono read two dates, the
 * time (6 alone is in the afternoon, see `instantSaid`) and that part of the day.
 */
export function timeWithPartOfDay(gap: RegExp): Refiner {
  return joiningNeighbours((_context, previous, next, between) => {
    if (!gap.test(between)) return undefined;
    const partAfter = isPartOfDay(next) && halfDayOpen(previous.start);
    if (!partAfter && !(isPartOfDay(previous) && halfDayOpen(next.start))) return undefined;
    const [time, part] = partAfter ? [previous, next] : [next, previous];
    if (namesDay(time.start) && namesDay(part.start)) return undefined;
    const hour = time.start.get('hour') ?? 0;
    const afternoon = (part.start.get('hour') ?? 0) >= 12;
    return (namesDay(part.start) ? part.start : time.start)
      .assign('hour', afternoon ? hour + 12 : hour)
      .assign('minute', time.start.get('minute') ?? 0)
      .assign('meridiem', afternoon ? Meridiem.PM : Meridiem.AM);
  });
}

/**
 * Words for a few, in the text the parsers read (Polish folded): 3, as chrono reads the English "a few" ("za kilka dni",
 * "za parę dni", "چند روز دیگه", "بعد بضعة أيام"). Not the Arabic "كم": "بعد كم يوم" is also "in how many days?".
 */
export const FEW_WORDS: Record<string, readonly string[]> = { pl: ['kilka', 'pare'], fa: ['چند'], ar: ['بضعة', 'بضعه', 'بضع', 'عدة', 'عده'] };
export const A_FEW = 3;

/** "3", number words of `lang` ("dwadziescia piec", "بیست و پنج") or a word for a few, as a number; 1 when none was said. */
export function amountOf(raw: string | undefined, lang: string): number {
  if (!raw) return 1;
  const n = Number(raw);
  if (Number.isFinite(n)) return n;
  if (FEW_WORDS[lang]?.includes(raw.toLowerCase())) return A_FEW;
  return spelledNumberValue(raw, lang) ?? 1;
}

/**
 * "As soon as possible" in the words of a language (`words`, an alternation): now, as chrono reads "now" and "right
 * now", so that "call me asap", "jak najszybciej" or "در اسرع وقت" answers "when should we call you?".
 */
export function rightAway(words: string, flags = 'u'): Parser {
  return {
    pattern: compiledOnce(() => new RegExp(`${WORD_START}(?:${words})${WORD_END}`, flags)),
    extract: (context) => shifted(context, 0, 'minute'),
  };
}

