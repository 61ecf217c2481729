import * as chrono from 'chrono-node';
import { comingWeekdays, compiledOnce, SATURDAY, shifted, weekday } from './date-parts.js';
import { WORD_END, WORD_START } from './patterns.js';

/** Arabic dates: chrono's own Arabic, plus colloquial "tomorrow" and the weekend. */

/** Words worth running the parser for, with an attached article or preposition (digits are checked separately). */
export const AR_DATE_WORD = /(?<!\p{L})(?:ال|ب|و|ف|ل)?(?:يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|كانون|شباط|آذار|اذار|نيسان|أيار|ايار|حزيران|تموز|أيلول|ايلول|تشرين|ويكند|اليوم|يوم|يومين|أيام|ايام|غدا?|غدًا|أمس|امس|البارحة|بكر[ةه]|بعد|أسبوع|اسبوع|أسبوعين|اسبوعين|شهر|شهرين|سنة|ساعة|ساعتين|دقيقة|دقائق|الساعة|القادمة?|الماضية?|صباحا?|مساء|ليلة|الليلة|الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت)(?!\p{L})/u;

/** Greetings chrono would read as a part of the day. */
export const AR_GREETINGS = /(?:صباح|مساء)\s+(?:ال)?(?:خير|نور)/gu;

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
  extract: (context, m) => weekday(context, 5, m[1] ? 'next' : 'this', SATURDAY),
};

export function arabicChrono(): chrono.Chrono {
  const parser = chrono.ar.casual.clone();
  parser.parsers.push(arabicColloquial, arabicWeekend);
  parser.refiners.push(comingWeekdays(/(?:الماضي|الفائت|السابق)[ةه]?/u));
  return parser;
}
