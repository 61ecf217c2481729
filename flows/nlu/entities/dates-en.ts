import * as chrono from 'chrono-node';
import { amountOf, comingDayOfMonth, comingWeekdays, hourWithFraction, MONDAY, monthPart, namedMonthPart, partGroups, partMatched, type PartWords, partOfDayMeridiem, periodSaid, timeWithPartOfDay, weekdayOfNextWeek, workweekPart } from './date-parts.js';

/** English dates: chrono's own English, plus a day of the month said alone ("for the 12th"). */

/** Words worth running the parser for (digits are checked separately). */
export const EN_DATE_WORD = /\b(?:today|tonight|tomorrow|yesterday|now|noon|midnight|morning|evening|afternoon|night|weeks?|weekend|months?|years?|days?|hours?|minutes?|next|last|ago|later|half|quarter|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;

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

/**
 * "half past 3", "a quarter to five", "quarter past noon", "half past 4 pm": chrono read the hour as a number and no
 * time. The half of the day stays open, as for an hour said alone (`instantSaid` in dates.ts).
 */
const FRACTION_OF_HOUR = /\b(?:(half)\s+(?:past|after)|(?:a\s+)?quarter\s+(past|after|to|till?|before|of))\s+(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midnight)\b(?:\s*([ap])\.?m\b\.?)?/i;
const fractionOfHour: chrono.Parser = {
  pattern: () => FRACTION_OF_HOUR,
  extract: (context, m) => {
    const said = m[3].toLowerCase();
    const hour = said === 'noon' ? 12 : said === 'midnight' ? 0 : amountOf(said, 'en');
    const minutes = m[1] ? 30 : /^(?:past|after)$/i.test(m[2]) ? 15 : -15;
    const meridiem = m[4] ? (m[4].toLowerCase() === 'p' ? 'pm' : 'am') : said === 'noon' ? 'pm' : undefined;
    return hourWithFraction(context, hour, minutes, meridiem);
  },
};

/** Parts of the day, which chrono reads without always marking the meridiem ("tomorrow morning at 6"). */
const PART_OF_DAY = /\b(?:morning|afternoon|evening|night|tonight|noon|midday|midnight)\b/i;

export function englishChrono(): chrono.Chrono {
  const parser = chrono.en.casual.clone();
  parser.parsers.push(dayOfMonthAlone, periodPart, fractionOfHour);
  parser.refiners.push(comingWeekdays(/\b(?:last|past|previous|ago)\b/i), weekdayOfNextWeek(/^next\s+week$/i, MONDAY), timeWithPartOfDay(/^\s*,?\s*(?:in\s+the\s+)?$/i), partOfDayMeridiem(PART_OF_DAY));
  return parser;
}
