import * as chrono from 'chrono-node';
import { amountOf, comingDayOfMonth, rightAway, comingWeekdays, hourSaidIn, hoursWindow, yearlyDays, hourWithFraction, MONDAY, monthPart, namedMonthPart, partGroups, partMatched, type PartWords, partOfDayMeridiem, periodSaid, shifted, timeWithPartOfDay, weekdayOfNextWeek, workweekPart } from './date-parts.js';

/** English dates: chrono's own English, plus a day of the month said alone ("for the 12th"). */

/** Words worth running the parser for (digits are checked separately). */
export const EN_DATE_WORD = /\b(?:today|tonight|tomorrow|yesterday|now|asap|a\.s\.a\.p|soon|right\s+away|straight\s+away|immediately|noon|midnight|morning|evening|afternoon|night|weeks?|weekend|months?|years?|days?|hours?|minutes?|next|last|ago|later|fortnight|christmas|xmas|boxing|halloween|valentine['’]?s?|half|quarter|o'?clock|(?:(?:at|around|about|after|before|by|until|till?|between)\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:ish|\s+(?:fifteen|thirty|forty))|(?:at|around|about|after|before|by|until|till?|between)\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;

/** Greetings chrono would read as a part of the day. */
export const EN_GREETINGS = /\bgood\s+(?:morning|afternoon|evening|night)\b/gi;

/**
 * "on the 12th", "for the 3rd at 5pm", or a whole message "the 12th", also with a time ("12th at 3pm", "the 12th, 3pm"):
 * a day of the month without the month, the next one to come. Inside a sentence only after a preposition of time, so
 * "the 3rd customer" is no date.
 */
const DAY_OF_MONTH = /(?<=\b(?:on|for|by|until|till|before|after|from)\s+)the\s+(\d{1,2})(?:st|nd|rd|th)\b(?=\s*(?:$|[,.!?;]|at\b|in\b|and\b|please\b))|^\s*(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)(?=\s*[.!?]*\s*$|\s*,?\s*(?:at|in\s+the|around|noon|midday|\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.))\b)/i;
const dayOfMonthAlone: chrono.Parser = {
  pattern: () => DAY_OF_MONTH,
  extract: (context, m) => comingDayOfMonth(context, Number(m[1] ?? m[2])),
};

const PART_WORDS: PartWords = [
  [String.raw`beginning\s+of|start\s+of|early`, 'start'],
  [String.raw`middle\s+of|mid`, 'middle'],
  [String.raw`end\s+of|late`, 'end'],
];
const MONTH_STEMS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * "beginning of next month", "mid-month", "end of last month", "early next week", "by the end of the week",
 * "mid-December", "late january": the 1st, 15th or last day of the month (see `monthPart`), the Monday, Wednesday or
 * Friday of the week (`workweekPart`). chrono read "next month" and "next week" in them, a month or a week from today,
 * and "december" in "mid-December", its first day.
 */
const PERIOD_PART = new RegExp(
  String.raw`\b(?:${partGroups(PART_WORDS)})[\s-]+(?:(?:(?:(this)|(next)|(last)|the)\s+)?(week|month)|(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\b`,
  'i',
);
const periodPart: chrono.Parser = {
  pattern: () => PERIOD_PART,
  extract: (context, m) => {
    const part = partMatched(PART_WORDS, m);
    if (m[8]) return namedMonthPart(context, part, MONTH_STEMS.indexOf(m[8].slice(0, 3).toLowerCase()) + 1);
    return m[7].toLowerCase() === 'week' ? workweekPart(context, part, periodSaid(m, 4)) : monthPart(context, part, periodSaid(m, 4));
  },
};

/** "the day after tomorrow" (chrono read "tomorrow"), "in a fortnight" (nothing). */
const DAYS_AHEAD = /\b(?:(?:the\s+)?(day\s+after\s+tomorrow)|in\s+a\s+fortnight|a\s+fortnight\s+from\s+(?:today|now))\b/i;
const daysAhead: chrono.Parser = {
  pattern: () => DAYS_AHEAD,
  extract: (context, m) => shifted(context, m[1] ? 2 : 14, 'day'),
};

/** Holidays on a fixed day: "before christmas", "by new year's eve", "for valentine's day". */
const holidays = yearlyDays([
  [String.raw`christmas\s+eve`, 12, 24],
  [String.raw`(?:christmas|xmas)(?:\s+day)?`, 12, 25],
  [String.raw`boxing\s+day`, 12, 26],
  [String.raw`new\s+year['’]?s\s+eve`, 12, 31],
  [String.raw`new\s+year(?:['’]?s)?(?:\s+day)?`, 1, 1],
  [String.raw`valentine['’]?s(?:\s+day)?`, 2, 14],
  ['halloween', 10, 31],
]);

/** The hours in words, and an a.m. or p.m. after a time. */
const HOUR_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve';
const AMPM = String.raw`(?:\s*([ap])\.?m\b\.?)?`;
/** The half of the day of an "a" or "p" captured by {@link AMPM}. */
const meridiemOf = (letter?: string) => (letter ? (letter.toLowerCase() === 'p' ? 'pm' : 'am') : undefined);

/** A time whose hour was said in digits or in words ("5", "five"). */
function hourSaid(context: chrono.ParsingContext, said: string, minute: number, meridiem?: 'am' | 'pm'): chrono.ParsingComponents | null {
  const inWords = !/\d/.test(said);
  return hourSaidIn(context, inWords, inWords ? amountOf(said.toLowerCase(), 'en') : Number(said), minute, meridiem);
}

/**
 * "half past 3", "a quarter to five", "quarter past noon", "half past 4 pm": chrono read the hour as a number and no
 * time. The half of the day stays open, as for an hour said alone (`instantSaid` in dates.ts).
 */
const FRACTION_OF_HOUR = new RegExp(String.raw`\b(?:(half)\s+(?:past|after)|(?:a\s+)?quarter\s+(past|after|to|till?|before|of))\s+(\d{1,2}|${HOUR_WORDS}|noon|midnight)\b${AMPM}`, 'i');
const fractionOfHour: chrono.Parser = {
  pattern: () => FRACTION_OF_HOUR,
  extract: (context, m) => {
    const said = m[3].toLowerCase();
    const hour = said === 'noon' ? 12 : said === 'midnight' ? 0 : amountOf(said, 'en');
    const minutes = m[1] ? 30 : /^(?:past|after)$/i.test(m[2]) ? 15 : -15;
    return hourWithFraction(context, hour, minutes, said === 'noon' ? 'pm' : meridiemOf(m[4]));
  },
};

/** The minutes said in words after an hour: "three thirty", "five o'clock". */
const MINUTE_WORDS: Record<string, number> = { oclock: 0, fifteen: 15, thirty: 30, 'forty five': 45 };
/** What may follow a time said loosely: the end of the clause, a day, a part of the day or "please". */
const AFTER_TIME = String.raw`(?=\s*(?:$|[,!?;)]|\.(?!\d)|(?:today|tomorrow|tonight|this|on|next|in\s+the|morning|afternoon|evening|night|please|or|and)\b))`;

/**
 * "around 3", "after 4 tomorrow", "5ish", "at five", "three thirty", "five o'clock": hours chrono read as numbers. An
 * hour in digits after "at" with nothing more is chrono's own. So that "around 3 questions" stays a number, the time
 * ends the clause or comes before a day or a part of the day.
 */
const HOUR_SAID_LOOSELY = new RegExp(
  String.raw`\b(?:(at|around|about|after|before|by|until|till|til)\s+)?(\d{1,2}|${HOUR_WORDS})(?::([0-5]\d)|\s+(o'?clock|fifteen|thirty|forty[\s-]five))?(\s*-?ish)?${AMPM}${AFTER_TIME}`,
  'i',
);
const hourSaidLoosely: chrono.Parser = {
  pattern: () => HOUR_SAID_LOOSELY,
  extract: (context, m) => {
    const [, before, said, digitMinutes, minuteWords, ish, ampm] = m;
    if (!before && !minuteWords && !ish) return null;
    if (before?.toLowerCase() === 'at' && /\d/.test(said) && !minuteWords && !ish) return null;
    const minute = digitMinutes ? Number(digitMinutes) : minuteWords ? (MINUTE_WORDS[minuteWords.toLowerCase().replace(/'/g, '').replace(/[\s-]+/g, ' ')] ?? 0) : 0;
    return hourSaid(context, said, minute, meridiemOf(ampm));
  },
};

/** "between 3 and 5 pm", "between 3pm and 5pm": the window, its start in the half of the day said last if not first. */
const BETWEEN_HOURS = new RegExp(String.raw`\bbetween\s+(\d{1,2}|${HOUR_WORDS})(?::([0-5]\d))?${AMPM}\s+and\s+(\d{1,2}|${HOUR_WORDS})(?::([0-5]\d))?${AMPM}`, 'i');
const betweenHours: chrono.Parser = {
  pattern: () => BETWEEN_HOURS,
  extract: (context, m) => {
    const [, from, fromMinute, fromHalf, to, toMinute, toHalf] = m;
    return hoursWindow(context, m, hourSaid(context, from, Number(fromMinute ?? 0), meridiemOf(fromHalf ?? toHalf)), hourSaid(context, to, Number(toMinute ?? 0), meridiemOf(toHalf)));
  },
};

/** Parts of the day, which chrono reads without always marking the meridiem ("tomorrow morning at 6"). */
const PART_OF_DAY = /\b(?:morning|afternoon|evening|night|tonight|noon|midday|midnight)\b/i;

/** "asap", "as soon as possible", "right away": now, as chrono reads "now". */
const asSoonAsPossible = rightAway(String.raw`asap|a\.s\.a\.p\.?|as\s+soon\s+as\s+(?:possible|you\s+can)|right\s+away|straight\s+away|immediately`, 'iu');

export function englishChrono(): chrono.Chrono {
  const parser = chrono.en.casual.clone();
  parser.parsers.push(dayOfMonthAlone, periodPart, fractionOfHour, hourSaidLoosely, betweenHours, daysAhead, holidays, asSoonAsPossible);
  parser.refiners.push(comingWeekdays(/\b(?:last|past|previous|ago)\b/i), weekdayOfNextWeek(/^next\s+week$/i, MONDAY), timeWithPartOfDay(/^\s*,?\s*(?:in\s+the\s+)?$/i), partOfDayMeridiem(PART_OF_DAY));
  return parser;
}
