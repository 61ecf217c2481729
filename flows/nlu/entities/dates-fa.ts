import * as chrono from 'chrono-node';
import { isValidJalaaliDate, jalaaliMonthLength, toGregorian, toJalaali } from 'jalaali-js';
import { spelledNumberPattern } from './spelled-numbers.js';
import { amountOf, closestYear, FEW_WORDS, rightAway, comingHijriDay, comingYearly, EID_AL_ADHA, EID_AL_FITR, RAMADAN, compiledOnce, componentsOf, type DateUnit, dayOfMonth, dayOfMonthPart, type DayPart, dayPartTime, hourSaidIn, hoursSaid, hoursWindow, hourWithFraction, mergeDateThenTime, monthStart, partGroups, partMatched, type PartWords, periodSaid, referenceClock, SATURDAY, shifted, timeOfDay, timeWithPartOfDay, weekday, weekdayOfNextWeek, type Workweek, workweekPart, yearlyDays } from './date-parts.js';
import { afterWordOrAlone, alternation, WORD_END, WORD_START } from './patterns.js';

/**
 * Persian dates for chrono, which ships no Persian: "فردا ساعت ۵ عصر", "جمعه آینده", "دو هفته دیگر", "آخر هفته",
 * "۲۵ آذر" and "پنجم دی" (Solar Hijri, converted with jalaali-js), "اسفند ماه", "۲۴ دسامبر". The text is read with
 * Persian letters (ي → ی, ك → ک, one for one) and ASCII digits; compound words may be joined, spaced or split by a ZWNJ.
 */

/** Between the parts of a compound word: nothing, spaces or a zero-width non-joiner. */
const J = String.raw`[\s\u200c]*`;

const DAYS: [string, number][] = [[`پس${J}فردا`, 2], ['فردا', 1], ['امروز', 0], ['دیروز', -1], ['پریروز', -2]];
const WEEKDAYS: [string, number][] = [
  [`یک${J}شنبه`, 0], [`دو${J}شنبه`, 1], [`سه${J}شنبه`, 2], [`چهار${J}شنبه`, 3], [`پنج${J}شنبه`, 4], ['جمعه', 5], ['شنبه', 6],
];
const SOLAR_MONTHS = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'];
const GREGORIAN_MONTHS: Record<string, number> = {
  ژانویه: 1, فوریه: 2, مارس: 3, آوریل: 4, مه: 5, ژوئن: 6, ژوئیه: 7, جولای: 7, اوت: 8, آگوست: 8, سپتامبر: 9, اکتبر: 10, نوامبر: 11, دسامبر: 12,
};
const ORDINAL_UNITS = ['یکم', 'دوم', 'سوم', 'چهارم', 'پنجم', 'ششم', 'هفتم', 'هشتم', 'نهم'];
const ORDINAL_TEENS = ['دهم', 'یازدهم', 'دوازدهم', 'سیزدهم', 'چهاردهم', 'پانزدهم', 'شانزدهم', 'هفدهم', 'هجدهم', 'نوزدهم'];
/** Days of the month as ordinals ("پنجم دی", "بیست و یکم اسفند"), keyed without spaces or ZWNJ. */
const ONE_WORD_ORDINALS: [string, number][] = [
  ['اول', 1],
  ...ORDINAL_UNITS.map((w, i): [string, number] => [w, i + 1]),
  ...ORDINAL_TEENS.map((w, i): [string, number] => [w, i + 10]),
  ['هیجدهم', 18],
  ['بیستم', 20],
];
const ORDINAL_DAYS: Record<string, number> = Object.fromEntries([
  ...ONE_WORD_ORDINALS,
  ...ORDINAL_UNITS.map((w, i) => [`بیستو${w}`, i + 21]),
  ['سیام', 30],
  ['سیویکم', 31],
]);
const ORDINAL_DAY = `(?:بیست|سی)${J}و${J}(?:${ORDINAL_UNITS.join('|')})|سی${J}ام|${alternation(ONE_WORD_ORDINALS.map(([w]) => w))}`;
const ordinalDay = (said: string) => ORDINAL_DAYS[said.replace(/[\s\u200c]/g, '')];

const UNITS: Record<string, DateUnit> = { دقیقه: 'minute', ساعت: 'hour', روز: 'day', هفته: 'week', ماه: 'month', سال: 'year' };
const LATER = 'دیگر|دیگه|بعد|آینده';
const AGO = 'پیش|قبل';

/** Parts of the day after an hour: "ساعت ۸ شب". */
const PERIOD = `صبح|ظهر|بعد${J}از${J}ظهر|عصر|شب`;

const dayWord: chrono.Parser = {
  pattern: compiledOnce(() => new RegExp(`${WORD_START}(?:${DAYS.map(([w]) => `(${w})`).join('|')})${WORD_END}`, 'u')),
  extract: (context, m) => shifted(context, DAYS[DAYS.findIndex((_, i) => m[1 + i] !== undefined)][1], 'day'),
};

/** "جمعه", "روز جمعه", "این جمعه", "جمعه آینده", "سه‌شنبه هفته بعد". */
const weekdayWord: chrono.Parser = {
  pattern: compiledOnce(() =>
    new RegExp(`${WORD_START}(?:روز\\s+)?(?:این\\s+)?(?:${WEEKDAYS.map(([w]) => `(${w})`).join('|')})(\\s+(?:هفته\\s+)?(?:${LATER}))?${WORD_END}`, 'u')),
  extract: (context, m) => {
    const index = WEEKDAYS.findIndex((_, i) => m[1 + i] !== undefined);
    return weekday(context, WEEKDAYS[index][1], m[1 + WEEKDAYS.length] !== undefined ? 'next' : 'this', SATURDAY);
  },
};

/** "دو روز دیگر", "۳ هفته بعد", "هفته آینده", "یک ماه پیش", "چند روز دیگه" (a few days from now). */
const relative: chrono.Parser = {
  pattern: compiledOnce(() => new RegExp(`${WORD_START}(?:(\\d+|${alternation(FEW_WORDS.fa)}|${spelledNumberPattern('fa')})\\s+)?(${alternation(Object.keys(UNITS))})\\s+(${LATER}|${AGO})${WORD_END}`, 'u')),
  extract: (context, m) => {
    const amount = amountOf(m[1], 'fa');
    return shifted(context, new RegExp(`^(?:${AGO})$`).test(m[3]) ? -amount : amount, UNITS[m[2]]);
  },
};

/** "نیم ساعت دیگه" (it was an hour from now), "یه ربع دیگه" (nothing). */
const halfOrQuarterHour: chrono.Parser = {
  pattern: compiledOnce(() => new RegExp(`${WORD_START}(?:(نیم)\\s+ساعت|(?:یه|یک)\\s+ربع(?:\\s+ساعت)?)\\s+(?:${LATER})${WORD_END}`, 'u')),
  extract: (context, m) => shifted(context, m[1] ? 30 : 15, 'minute'),
};

const MONTH = `(${SOLAR_MONTHS.join('|')})|(${alternation(Object.keys(GREGORIAN_MONTHS))})`;
const YEAR = String.raw`(?:\s+(?:ماه\s+)?(\d{4}))?`;

/** "۲۵ آذر", "پنجم دی", "۲۵ آذر ۱۴۰۵" (Solar Hijri) and "۲۴ دسامبر ۲۰۲۶". */
const monthName: chrono.Parser = {
  pattern: compiledOnce(() => new RegExp(`${WORD_START}(?:(\\d{1,2})|(${ORDINAL_DAY}))\\s+(?:${MONTH})${YEAR}${WORD_END}`, 'u')),
  extract: (context, m) => {
    const day = m[1] ? Number(m[1]) : ordinalDay(m[2]);
    const year = yearOf(m[5], m[4] ? 'gregorian' : 'solar');
    if (year === null) return null;
    if (m[4]) return dayOfMonth(context, day, GREGORIAN_MONTHS[m[4]], year);
    return solarDate(context, day, SOLAR_MONTHS.indexOf(m[3]) + 1, year);
  },
};

/**
 * A month without its day, "اسفند ماه", "اسفندماه", "ماه اسفند", "در اسفند", "تا دسامبر": its first day. A bare month
 * name is not taken, as several are also words ("مهر", "تیر", "دی").
 */
const monthAlone: chrono.Parser = {
  pattern: compiledOnce(() => new RegExp(`${WORD_START}(?:(در|تا|از)\\s+)?(ماه\\s+)?(?:${MONTH})(${J}ماه)?${YEAR}${WORD_END}`, 'u')),
  extract: (context, m) => {
    const [, preposition, monthBefore, solar, gregorian, monthAfter, year] = m;
    if (!preposition && !monthBefore && !monthAfter) return null;
    const y = yearOf(year, gregorian ? 'gregorian' : 'solar');
    if (y === null) return null;
    if (gregorian) return monthStart(context, GREGORIAN_MONTHS[gregorian], y);
    return solarDate(context, 1, SOLAR_MONTHS.indexOf(solar) + 1, y);
  },
};

/** The year said after a month, undefined when none was; null when it is not of the month's calendar ("مه ۱۴۰۳"). */
function yearOf(said: string | undefined, calendar: 'solar' | 'gregorian'): number | undefined | null {
  if (said === undefined) return undefined;
  const year = Number(said);
  return isSolarYear(year) === (calendar === 'solar') ? year : null;
}

/** Solar Hijri years people write today (1403 is 2024–25); Gregorian ones are later. */
const isSolarYear = (year: number) => year >= 1300 && year < 1600;

/** A Solar Hijri day, in the given year or else the one closest to the reference date; null when the month has no such day. */
function solarDate(context: chrono.ParsingContext, day: number, month: number, year?: number): chrono.ParsingComponents | null {
  if (day < 1 || day > 31) return null;
  const ref = referenceClock(context);
  const solarYear = year ?? closestYear(ref, toJalaali(ref.getFullYear(), ref.getMonth() + 1, ref.getDate()).jy, (jy) => gregorianNoon(jy, month, day));
  if (!isValidJalaaliDate(solarYear, month, day)) return null;
  const g = toGregorian(solarYear, month, day);
  return componentsOf(context, new Date(g.gy, g.gm - 1, g.gd));
}

/**
 * A day of the Solar Hijri month without the month, the next one to come: a whole message ("دوازدهم", "روز ۱۲ام"),
 * also with a time ("دوازدهم ساعت ۳"), or after "برای" ("برای بیستم"). Not an ordinal inside a sentence: "دومین" and
 * "سوم" count other things.
 */
const dayOfMonthAlone: chrono.Parser = {
  pattern: compiledOnce(() => new RegExp(afterWordOrAlone('برای', `(?:روز\\s+)?(?:(${ORDINAL_DAY})|(\\d{1,2})${J}(?:ام|م))`, `ساعت|${PERIOD}`), 'u')),
  extract: (context, m) => {
    const day = m[1] ? ordinalDay(m[1]) : Number(m[2]);
    const { jy, jm } = solarMonth(context, day >= solarMonth(context).jd ? 0 : 1);
    return solarDate(context, day, jm, jy);
  },
};

/** The Solar Hijri year and month of the reference date, or of the month after it, and the reference's day of its month. */
function solarMonth(context: chrono.ParsingContext, monthsAhead: -1 | 0 | 1 = 0): { jy: number; jm: number; jd: number } {
  const ref = referenceClock(context);
  const today = toJalaali(ref.getFullYear(), ref.getMonth() + 1, ref.getDate());
  const months = today.jy * 12 + today.jm - 1 + monthsAhead;
  return { jy: Math.floor(months / 12), jm: (months % 12) + 1, jd: today.jd };
}

/** How Persian says the beginning, the middle and the end of a month (with or without the ezafe). */
const MONTH_PARTS: PartWords = [
  [`اول|اوایل|ابتدای?|شروع`, 'start'],
  [`وسط|اواسط|نیمه(?:${J}ی|ٔ)?`, 'middle'],
  [`آخر|آخرای|اواخر|پایان`, 'end'],
];

/**
 * "آخر ماه", "آخر این ماه", "پایان ماه", "اول ماه بعد", "نیمه ماه", "آخر ماه گذشته": the 1st, 15th or last day of the
 * Solar Hijri month, as months are counted in Iran; of this month, the next (`LATER`) or the last; said alone, the next
 * such day to come.
 */
const monthPartWords: chrono.Parser = {
  pattern: compiledOnce(() =>
    new RegExp(`${WORD_START}(?:تا\\s+)?(?:${partGroups(MONTH_PARTS)})${J}(?:(همین|این)\\s+)?ماه(?:\\s+(?:(${LATER})|(گذشته|قبل|پیش)))?${WORD_END}`, 'u')),
  extract: (context, m) => {
    const part = partMatched(MONTH_PARTS, m);
    const dayIn = (ahead: -1 | 0 | 1) => {
      const { jy, jm } = solarMonth(context, ahead);
      return { jy, jm, jd: dayOfMonthPart(part, jalaaliMonthLength(jy, jm)) };
    };
    const { jy, jm, jd } = dayIn(periodSaid(m, 4) ?? (dayIn(0).jd < solarMonth(context).jd ? 1 : 0));
    return solarDate(context, jd, jm, jy);
  },
};

/** Iran's working week: Saturday to Wednesday (Thursday is a half day for many). */
const IRANIAN_WORKWEEK: Workweek = { days: { start: SATURDAY, middle: 1, end: 3 }, weekStart: SATURDAY };

/** The month's words for its parts, but "آخر" and "پایان": "آخر هفته" is the weekend (see `weekend`). */
const WEEK_PARTS: PartWords = [
  [`اول|اوایل|ابتدای?|شروع`, 'start'],
  [`وسط|اواسط|نیمه(?:${J}ی|ٔ)?`, 'middle'],
  [`آخرای|اواخر`, 'end'],
];

/**
 * "اوایل هفته بعد", "وسط هفته آینده", "اواخر هفته": the Saturday, Monday or Wednesday of the following week (see
 * `workweekPart`); chrono-style "هفته بعد" alone was read in them, a week from today.
 */
const weekPartWords: chrono.Parser = {
  pattern: compiledOnce(() =>
    new RegExp(`${WORD_START}(?:تا\\s+)?(?:${partGroups(WEEK_PARTS)})${J}(?:(همین|این)\\s+)?هفته(?:\\s+(?:(${LATER})|(گذشته|قبل|پیش)))?${WORD_END}`, 'u')),
  extract: (context, m) => workweekPart(context, partMatched(WEEK_PARTS, m), periodSaid(m, 4), IRANIAN_WORKWEEK),
};

/** "آخر هفته" (the weekend): the coming Friday; "آخر هفته آینده": the one after. */
const weekend: chrono.Parser = {
  pattern: compiledOnce(() => new RegExp(`${WORD_START}(?:تعطیلات\\s+)?آخر${J}هفته(\\s+(?:${LATER}))?${WORD_END}`, 'u')),
  extract: (context, m) => weekday(context, 5, m[1] ? 'next' : 'this', SATURDAY),
};

function gregorianNoon(jy: number, jm: number, jd: number): Date {
  const g = toGregorian(jy, jm, jd);
  return new Date(g.gy, g.gm - 1, g.gd, 12);
}

/** "ساعت ۵", "ساعت ۹:۳۰ صبح", "ساعت ۸ شب", "بعدازظهر ساعت ۴": today, or the day said just before. */
const timeWord: chrono.Parser = {
  pattern: compiledOnce(() => new RegExp(`${WORD_START}(?:(${PERIOD})\\s+)?ساعت\\s+(\\d{1,2})(?::(\\d{2}))?(?:\\s+(${PERIOD}))?${WORD_END}`, 'u')),
  extract: (context, m) => {
    const hour = Number(m[2]);
    return timeOfDay(context, hour, Number(m[3] ?? 0), meridiemOf(m[1] ?? m[4], hour));
  },
};

/**
 * The half of the day a part of the day said with an hour puts it in: "ساعت ۸ شب" is 20:00 but "ساعت ۲ شب" is 2 at
 * night; "۱ ظهر" is 13:00, "۱۱ ظهر" is 11:00.
 */
function meridiemOf(period: string | undefined, hour: number): 'am' | 'pm' | undefined {
  const part = period?.replace(/[\s\u200c]/g, '');
  if (!part) return undefined;
  return part === 'عصر' || part === 'بعدازظهر' || (part === 'شب' && hour >= 6) || (part === 'ظهر' && hour <= 4) ? 'pm' : 'am';
}

/**
 * "۱۴۰۳/۰۵/۳۱", "1403-05-31": numeric dates with a Solar Hijri year, as dates are written in Iran. chrono reads them in
 * its neutral formats as Gregorian (the year 1403); they are converted here, and dropped when the Solar month has no
 * such day.
 */
const solarNumericDates: chrono.Refiner = {
  refine: (_context, results) =>
    results.filter((r) => {
      for (const said of r.end ? [r.start, r.end] : [r.start]) {
        const year = said.get('year');
        if (!said.isCertain('year') || year === null || !isSolarYear(year)) continue;
        const month = said.get('month') ?? 1;
        const day = said.get('day') ?? 1;
        if (!isValidJalaaliDate(year, month, day)) return false;
        const g = toGregorian(year, month, day);
        said.assign('year', g.gy).assign('month', g.gm).assign('day', g.gd);
      }
      return true;
    }),
};

/** The parts of the day said without a time ("ظهر" is noon, a time). */
const PARTS_OF_DAY: Record<string, DayPart | 'noon'> = { صبح: 'morning', ظهر: 'noon', بعدازظهر: 'afternoon', عصر: 'lateAfternoon', شب: 'night' };

/**
 * "فردا صبح", "جمعه عصر", "امشب", "دیشب": that part of the day (see `dayPartTime`). Not in greetings: "صبح بخیر" is
 * "good morning".
 */
const partOfDay: chrono.Parser = {
  pattern: compiledOnce(() => new RegExp(`${WORD_START}(?:(ام|دی)(?=شب))?(${PERIOD})${WORD_END}(?!${J}(?:به?${J})?خیر)`, 'u')),
  extract: (context, m) => {
    const part = m[2].replace(/[\s\u200c]/g, '');
    const time = dayPartTime(context, PARTS_OF_DAY[part] ?? 'noon');
    if (m[1] !== 'دی' || !time) return time;
    const yesterday = shifted(context, -1, 'day').addTags(time.tags());
    return yesterday.assign('hour', time.get('hour') ?? 12).assign('minute', 0);
  },
};

const HOURS = hoursSaid(['یک', 'دو', 'سه', 'چهار', 'پنج', 'شش', 'هفت', 'هشت', 'نه', 'ده', 'یازده', 'دوازده']);
const HOUR = `(\\d{1,2}|${alternation(Object.keys(HOURS))})`;
const A_QUARTER = '(?:یه|یک)\\s+ربع';

/**
 * "ساعت ۳ و نیم", "ساعت سه و ربع", "ساعت ۵ یه ربع کم" and "یه ربع به ۵" (4:45), "ساعت سه": the Persian time words above
 * read "ساعت ۳" and no fraction, and no hour in words.
 */
const hourWithFractionWords: chrono.Parser = {
  pattern: compiledOnce(() =>
    new RegExp(`${WORD_START}(?:(${PERIOD})\\s+)?(?:${A_QUARTER}\\s+به\\s+(?:ساعت\\s+)?${HOUR}|ساعت\\s+${HOUR}(?:\\s+و\\s+(نیم|ربع)|(\\s+(?:و\\s+)?${A_QUARTER}\\s+کم))?)(?:\\s+(${PERIOD}))?${WORD_END}`, 'u')),
  extract: (context, m) => {
    const said = m[2] ?? m[3];
    const hour = HOURS[said] ?? Number(said);
    // "ساعت ۵" alone is `timeWord`'s.
    if (m[3] && /\d/.test(m[3]) && !m[4] && !m[5]) return null;
    return hourWithFraction(context, hour, m[4] === 'نیم' ? 30 : m[4] ? 15 : m[2] || m[5] ? -15 : 0, meridiemOf(m[1] ?? m[6], hour));
  },
};

/** "بین ساعت ۳ تا ۵", "از ساعت ۱۰ صبح تا ۲ بعدازظهر", "فردا از ساعت سه تا پنج عصر": the window, its start in the part of the day said last if not first. */
const hoursFromTo: chrono.Parser = {
  pattern: compiledOnce(() =>
    new RegExp(`${WORD_START}(?:بین|از)\\s+ساعت\\s+${HOUR}(?:\\s+(${PERIOD}))?\\s*(?:تا|و|-)\\s*(?:ساعت\\s+)?${HOUR}(?:\\s+(${PERIOD}))?${WORD_END}`, 'u')),
  extract: (context, m) => {
    const [, from, fromPart, to, toPart] = m;
    const at = (said: string, part?: string) => hourSaidIn(context, said in HOURS, HOURS[said] ?? Number(said), 0, meridiemOf(part, HOURS[said] ?? Number(said)));
    return hoursWindow(context, m, at(from, fromPart ?? toPart), at(to, toPart));
  },
};

/**
 * "قبل از نوروز", "قبل از عید" (in Iran "the feast" is Nowruz), "تا شب یلدا": 1 Farvardin and 30 Azar, the next to
 * come.
 */
const solarHolidays: chrono.Parser = {
  pattern: compiledOnce(() => new RegExp(`${WORD_START}(?:(?:عید\\s+)?(نوروز)|(عید)(?!\\s+(?:فطر|قربان|غدیر))|(?:شب\\s+)?یلدا)${WORD_END}`, 'u')),
  extract: (context, m) => {
    const [month, day] = m[1] || m[2] ? [1, 1] : [9, 30];
    const ref = referenceClock(context);
    const year = toJalaali(ref.getFullYear(), ref.getMonth() + 1, ref.getDate()).jy;
    return comingYearly(context, (k) => gregorianNoon(year + k, month, day));
  },
};

/** "عید فطر", "عید قربان", "ماه رمضان": the next to come on the Umm al-Qura calendar (Iran's own may differ by a day). */
const islamicHolidays: chrono.Parser = {
  pattern: compiledOnce(() => new RegExp(`${WORD_START}(?:عید\\s+(فطر)|عید\\s+(قربان)|(?:ماه\\s+)?(رمضان))${WORD_END}`, 'u')),
  extract: (context, m) => comingHijriDay(context, ...(m[1] ? EID_AL_FITR : m[2] ? EID_AL_ADHA : RAMADAN)),
};

/** "کریسمس", "ولنتاین": days of the Gregorian year. */
const gregorianHolidays = yearlyDays([
  ['کریسمس', 12, 25],
  ['ولنتاین', 2, 14],
]);

/** Arabic letter forms Persian users often type, to the Persian ones; one for one. */
export function persianLetters(text: string): string {
  return text.replace(/ي/g, 'ی').replace(/ك/g, 'ک');
}

/** "الان", "همین الان", "فورا", "هر چه زودتر", "در اسرع وقت": now. */
const RIGHT_AWAY = `(?:همین\\s+)?ال[آا]ن|فورا|هر${J}چه${J}(?:زودتر|سریع${J}تر)|در\\s+اسرع\\s+وقت`;

/** chrono's language-neutral formats (2026-12-24, ۱۴۰۳/۰۵/۳۱, 15:30) plus the Persian words above. */
export function persianChrono(): chrono.Chrono {
  const parser = chrono.en.strict.clone();
  parser.parsers.unshift(monthName, monthAlone, dayOfMonthAlone, monthPartWords, weekPartWords, weekend, halfOrQuarterHour, relative, weekdayWord, dayWord, hourWithFractionWords, hoursFromTo, solarHolidays, islamicHolidays, gregorianHolidays, timeWord, partOfDay, rightAway(RIGHT_AWAY));
  parser.refiners.push(timeWithPartOfDay(/^\s*[,،]?\s*$/), mergeDateThenTime(/^\s*[,،]?\s*$/), solarNumericDates, weekdayOfNextWeek(new RegExp(`^هفته[\\s\u200c]+(?:${LATER})$`, 'u'), SATURDAY));
  return parser;
}

export const FA_DATE_WORD = new RegExp(
  `${WORD_START}(?:${[...DAYS, ...WEEKDAYS].map(([w]) => w).join('|')}|${Object.keys(UNITS).join('|')}|${SOLAR_MONTHS.join('|')}|${alternation(Object.keys(GREGORIAN_MONTHS))}|${PERIOD}|امشب|دیشب|ربع|ال[آا]ن|فورا|زودتر|سریع${J}تر|اسرع|نوروز|یلدا|کریسمس|ولنتاین|عید|رمضان|${ORDINAL_DAY})${WORD_END}`,
  'u',
);
