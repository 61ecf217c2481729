import * as chrono from 'chrono-node';
import { comingWeekdays, componentsOf, referenceClock } from './date-parts.js';

/** English dates: chrono's own English, plus a day of the month said alone ("for the 12th"). */

/** Words worth running the parser for (digits are checked separately). */
export const EN_DATE_WORD = /\b(?:today|tonight|tomorrow|yesterday|now|noon|midnight|morning|evening|afternoon|night|weeks?|weekend|months?|years?|days?|hours?|minutes?|next|last|ago|later|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;

/** Greetings chrono would read as a part of the day. */
export const EN_GREETINGS = /\bgood\s+(?:morning|afternoon|evening|night)\b/gi;

/**
 * "on the 12th", "for the 3rd at 5pm": a day of the month without the month, the next one to come (this month's,
 * or next month's once it has passed). Only after a preposition of time, so "the 3rd customer" is no date.
 */
const DAY_OF_MONTH = /(?<=\b(?:on|for|by|until|till|before|after|from)\s+)the\s+(\d{1,2})(?:st|nd|rd|th)\b(?=\s*(?:$|[,.!?;]|at\b|in\b|and\b|please\b))/i;
const dayOfMonthAlone: chrono.Parser = {
  pattern: () => DAY_OF_MONTH,
  extract: (context, m) => {
    const day = Number(m[1]);
    const ref = referenceClock(context);
    const month = new Date(ref.getFullYear(), ref.getMonth() + (day < ref.getDate() ? 1 : 0), 1);
    const lastDay = new Date(month.getFullYear(), month.getMonth() + 1, 0).getDate();
    if (day < 1 || day > lastDay) return null;
    return componentsOf(context, new Date(month.getFullYear(), month.getMonth(), day));
  },
};

export function englishChrono(): chrono.Chrono {
  const parser = chrono.en.casual.clone();
  parser.parsers.push(dayOfMonthAlone);
  parser.refiners.push(comingWeekdays(/\b(?:last|past|previous|ago)\b/i));
  return parser;
}
