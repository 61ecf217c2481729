import * as chrono from 'chrono-node';
import { comingDayOfMonth, comingWeekdays, MONDAY, monthPart, namedMonthPart, type PeriodPart, weekdayOfNextWeek, workweekPart } from './date-parts.js';

/** English dates: chrono's own English, plus a day of the month said alone ("for the 12th"). */

/** Words worth running the parser for (digits are checked separately). */
export const EN_DATE_WORD = /\b(?:today|tonight|tomorrow|yesterday|now|noon|midnight|morning|evening|afternoon|night|weeks?|weekend|months?|years?|days?|hours?|minutes?|next|last|ago|later|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;

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

const PART_WORDS: Record<string, PeriodPart> = { beginning: 'start', start: 'start', early: 'start', middle: 'middle', mid: 'middle', end: 'end', late: 'end' };
const MONTH_STEMS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * "beginning of next month", "mid-month", "end of last month", "early next week", "by the end of the week",
 * "mid-December", "late january": the 1st, 15th or last day of the month (see `monthPart`), the Monday, Wednesday or
 * Friday of the week (`workweekPart`). chrono read "next month" and "next week" in them, a month or a week from today,
 * and "december" in "mid-December", its first day.
 */
const PERIOD_PART =
  /\b(?:(beginning|start|middle|end)\s+of\s+|(early|mid|late)[\s-]+)(?:(?:(this|next|last|the)\s+)?(week|month)|(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\b/i;
const periodPart: chrono.Parser = {
  pattern: () => PERIOD_PART,
  extract: (context, m) => {
    const part = PART_WORDS[(m[1] ?? m[2]).toLowerCase()];
    if (m[5]) return namedMonthPart(context, part, MONTH_STEMS.indexOf(m[5].slice(0, 3).toLowerCase()) + 1);
    const which = m[3]?.toLowerCase();
    if (m[4].toLowerCase() === 'week') return which === 'last' ? null : workweekPart(context, part, which === 'next' ? 'next' : 'this');
    return monthPart(context, part, which === 'next' ? 1 : which === 'last' ? -1 : which === 'this' ? 0 : undefined);
  },
};

export function englishChrono(): chrono.Chrono {
  const parser = chrono.en.casual.clone();
  parser.parsers.push(dayOfMonthAlone, periodPart);
  parser.refiners.push(comingWeekdays(/\b(?:last|past|previous|ago)\b/i), weekdayOfNextWeek(/^next\s+week$/i, MONDAY));
  return parser;
}
