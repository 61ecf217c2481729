import * as chrono from 'chrono-node';
import { comingDayOfMonth, comingWeekdays, MONDAY, weekdayOfNextWeek } from './date-parts.js';

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

export function englishChrono(): chrono.Chrono {
  const parser = chrono.en.casual.clone();
  parser.parsers.push(dayOfMonthAlone);
  parser.refiners.push(comingWeekdays(/\b(?:last|past|previous|ago)\b/i), weekdayOfNextWeek(/^next\s+week$/i, MONDAY));
  return parser;
}
