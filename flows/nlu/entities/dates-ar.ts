import * as chrono from 'chrono-node';
import { A_FEW, comingDayOfMonth, comingWeekdays, compiledOnce, FEW_WORDS, rightAway, type DateUnit, comingHijriDay, dayPartTime, EID_AL_ADHA, EID_AL_FITR, RAMADAN, hourSaidIn, hoursSaid, hoursWindow, hourWithFraction, mergeDateThenTime, monthPart, partGroups, partOfDayMeridiem, partMatched, type PartWords, type PeriodPart, periodSaid, SATURDAY, shifted, timeWithPartOfDay, weekday, weekdayOfNextWeek, type Workweek, workweekPart, yearlyDays } from './date-parts.js';
import { alternation, endOrTime, WORD_END, WORD_START } from './patterns.js';

/** Arabic dates: chrono's own Arabic, plus colloquial "tomorrow" and the weekend. */

/** Words worth running the parser for, with an attached article or preposition (digits are checked separately). */
export const AR_DATE_WORD = /(?<!\p{L})(?:ال|ب|و|ف|ل)?(?:يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|كانون|شباط|آذار|اذار|نيسان|أيار|ايار|حزيران|تموز|أيلول|ايلول|تشرين|ويكند|ساعات|أسابيع|اسابيع|أشهر|اشهر|شهور|خلال|الآن|الان|حالا|هلق|هلأ|دلوقتي|دلوقت|فورا|أقرب|اقرب|أسرع|اسرع|اليوم|يوم|يومين|أيام|ايام|غدا?|غدًا|أمس|امس|البارحة|بكر[ةه]|بعد|أسبوع|اسبوع|أسبوعين|اسبوعين|شهر|شهرين|سنة|ساعة|ساعتين|دقيقة|دقائق|الساعة|الساعه|نص|النص|النصف|ربع|الربع|القادمة?|الماضية?|صباحا?|مساء|ليلة|الليلة|الصبح|بالليل|كريسماس|الكريسماس|لكريسماس|الميلاد|الحب|عيد|العيد|لعيد|رمضان|الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت)(?!\p{L})/u;

/** Greetings chrono would read as a part of the day. */
export const AR_GREETINGS = /(?:صباح|مساء)\s+(?:ال)?(?:خير|نور)/gu;

/** Colloquial "tomorrow" (Gulf, Levant, Egypt), which chrono's Arabic parser does not know. */
const arabicColloquial: chrono.Parser = {
  pattern: compiledOnce(() => new RegExp(`${WORD_START}بكر[ةه]${WORD_END}`, 'u')),
  extract: (context) => shifted(context, 1, 'day'),
};

/** Spoken parts of the day chrono's Arabic does not know, as their windows: "الصبح", "عالصبح" (in the morning), "بالليل" (at night). */
const arabicSpokenPartOfDay: chrono.Parser = {
  pattern: compiledOnce(() => new RegExp(`${WORD_START}(?:(?:ال|عال)(صبح)|بالليل)${WORD_END}`, 'u')),
  extract: (context, m) => dayPartTime(context, m[1] ? 'morning' : 'night'),
};

/** The hours as Arabic says them, ordinals with the article: "الساعة الثالثة" (three o'clock); ة is often typed ه. */
const HOURS = hoursSaid(['الواحدة', 'الثانية', 'الثالثة', 'الرابعة', 'الخامسة', 'السادسة', 'السابعة', 'الثامنة', 'التاسعة', 'العاشرة', 'الحادية عشرة', 'الثانية عشرة']);
const HOUR_WORDS = alternation(Object.keys(HOURS)).replace(/ة/g, '[ةه]').replace(/عشر\[ةه\]/g, 'عشر[ةه]?').replace(/ /g, '\\s+');
const hourSaid = (words: string) => HOURS[words.replace(/\s+/g, ' ').replace(/ه(?= |$)/g, 'ة').replace(/عشر$/, 'عشرة')];
const FRACTIONS: Record<string, number> = { نص: 30, نصف: 30, ربع: 15, ثلث: 20 };

/**
 * "الساعة 3 ونص", "الساعة الثالثة والنصف", "الرابعة وربع", "الساعة 5 إلا ربع" (4:45), "الساعة الثالثة": chrono's Arabic read
 * "الساعة 3" and no fraction, and no hour in words. An hour in digits needs "الساعة" ("3 ونص" may be kilos).
 */
const arabicHourWithFraction: chrono.Parser = {
  pattern: compiledOnce(() =>
    new RegExp(
      `${WORD_START}(?:(?:ال)?ساع[ةه]\\s+(\\d{1,2})|(?:(?:ال)?ساع[ةه]\\s+)?(${HOUR_WORDS}))(?:\\s*و\\s*(?:ال)?(نص|نصف|ربع|ثلث)|\\s+[إا]لا\\s*(?:ال)?(ربع|ثلث))?${WORD_END}`,
      'u',
    )),
  extract: (context, m) => {
    const hour = m[1] ? Number(m[1]) : hourSaid(m[2]);
    if (!hour || (!m[3] && !m[4] && (m[1] || !/ساع/.test(m[0])))) return null;
    return hourWithFraction(context, hour, m[3] ? FRACTIONS[m[3]] : m[4] ? -FRACTIONS[m[4]] : 0);
  },
};

/** Parts of the day said after an hour: "الساعة ٣ مساء", "٥ العصر". */
const HOUR_PART = 'صباحا|صباحًا|الصبح|الصباح|ظهرا|ظهرًا|الظهر|عصرا|العصر|مساء|مساءً|المساء|بالليل|ليلا';
const meridiemOf = (part?: string) => (!part ? undefined : /ظهر|عصر|مساء|ليل/u.test(part) ? 'pm' : 'am');

/**
 * "بين الساعة ٣ و ٥ مساء", "من الساعة الثالثة إلى الخامسة", "بكرة من الساعة ١٠ الصبح لـ ٢ الظهر": the window, its start
 * in the part of the day said last if not first.
 */
const hoursFromTo: chrono.Parser = {
  pattern: compiledOnce(() => {
    const hour = `(\\d{1,2}|${HOUR_WORDS})`;
    return new RegExp(
      `${WORD_START}(?:بين|من)\\s+(?:ال)?ساع[ةه]\\s+${hour}(?:\\s+(${HOUR_PART}))?\\s*(?:و|إلى|الى|حتى|لـ?|-)\\s*(?:(?:ال)?ساع[ةه]\\s+)?${hour}(?:\\s+(${HOUR_PART}))?${WORD_END}`,
      'u',
    );
  }),
  extract: (context, m) => {
    const [, from, fromPart, to, toPart] = m;
    const at = (said: string, part?: string) => {
      const inWords = !/\d/.test(said);
      return hourSaidIn(context, inWords, inWords ? hourSaid(said) : Number(said), 0, meridiemOf(part));
    };
    return hoursWindow(context, m, at(from, fromPart ?? toPart), at(to, toPart));
  },
};

/** "for", "in", "and" written onto the word: "لعيد الحب", "للكريسماس". */
const PROCLITIC = '(?:لل|[لبو])?';

/** Holidays on a fixed day: "قبل الكريسماس", "ليلة رأس السنة", "لعيد الحب". */
const holidays = yearlyDays([
  [`${PROCLITIC}(?:(?:ال)?كريسماس|عيد\\s+الميلاد\\s+المجيد)`, 12, 25],
  [`${PROCLITIC}ليل[ةه]\\s+ر[أا]س\\s+السن[ةه]`, 12, 31],
  [`${PROCLITIC}ر[أا]س\\s+السن[ةه](?:\\s+الميلادي[ةه])?`, 1, 1],
  [`${PROCLITIC}عيد\\s+الحب`, 2, 14],
]);

/**
 * "قبل العيد", "عيد الفطر", "عيد الأضحى", "العيد الكبير", "رمضان": the next to come on the Umm al-Qura calendar; "العيد"
 * alone is the nearer of the two Eids.
 */
const islamicHolidays: chrono.Parser = {
  pattern: compiledOnce(() =>
    new RegExp(`${WORD_START}${PROCLITIC}(?:عيد\\s+(?:ال)?(فطر)|عيد\\s+(?:ال)?([أا]ضحى)|(?:ال|(?<=لل))عيد\\s+(الصغير)|(?:ال|(?<=لل))عيد\\s+(الكبير)|(?:شهر\\s+)?(رمضان)|((?:ال|(?<=لل))عيد))${WORD_END}`, 'u')),
  extract: (context, m) => {
    if (m[5]) return comingHijriDay(context, ...RAMADAN);
    if (m[1] || m[3]) return comingHijriDay(context, ...EID_AL_FITR);
    if (m[2] || m[4]) return comingHijriDay(context, ...EID_AL_ADHA);
    const [fitr, adha] = [comingHijriDay(context, ...EID_AL_FITR), comingHijriDay(context, ...EID_AL_ADHA)];
    if (!fitr || !adha) return fitr ?? adha;
    return fitr.date() <= adha.date() ? fitr : adha;
  },
};

/** "Next" after a week, month or year: standard "القادم", "المقبلة", spoken "الجاي", "اللي جاية". */
const COMING = String.raw`(?:القادم|المقبل|(?:اللي\s+)?(?:ال)?جاي)[ةه]?`;

const UNIT_WORDS: Record<string, DateUnit> = { أسبوع: 'week', اسبوع: 'week', شهر: 'month', سنة: 'year', سنه: 'year' };

/**
 * "الأسبوع الجاي", "الشهر اللي جاي", "السنة الجاية", "السنة القادمة": a week, month or year from now (chrono read "الأسبوع"
 * alone in the spoken ones, the start of this week, a date already past).
 */
const arabicComingUnit: chrono.Parser = {
  pattern: compiledOnce(() => new RegExp(`${WORD_START}ال(${Object.keys(UNIT_WORDS).join('|')})\\s+${COMING}${WORD_END}`, 'u')),
  extract: (context, m) => shifted(context, 1, UNIT_WORDS[m[1]]),
};

/** "الماضي", "الفائت", "السابق": last (week, month, year). */
const PAST = String.raw`(?:الماضي|الفائت|السابق)[ةه]?`;

/** How Arabic says the beginning, the middle and the end of a month. */
const MONTH_PARTS: PartWords = [
  ['بداي[ةه]|أول|اول|مطلع|أوائل|اوائل', 'start'],
  ['منتصف|نص|وسط|أواسط|اواسط', 'middle'],
  ['نهاي[ةه]|آخر|اخر|أواخر|اواخر', 'end'],
];

/** The month's words for its parts, but "نهاية" and "آخر": "نهاية الأسبوع" is the weekend (see `arabicWeekend`). */
const WEEK_PARTS: PartWords = [...MONTH_PARTS.slice(0, 2), ['أواخر|اواخر', 'end']];

/** The working week of most Arab countries: Sunday to Thursday. */
const ARAB_WORKWEEK: Workweek = { days: { start: 0, middle: 2, end: 4 }, weekStart: SATURDAY };

/** A part (`parts`) of `unit` ("الشهر"), of this one, the next or the last, as `dayOf` places it. */
function periodPart(parts: PartWords, unit: string, dayOf: (context: chrono.ParsingContext, part: PeriodPart, which: -1 | 0 | 1 | undefined) => chrono.ParsingComponents | null): chrono.Parser {
  return {
    pattern: compiledOnce(() =>
      new RegExp(`${WORD_START}(?:ب|في\\s+)?(?:${partGroups(parts)})\\s+(?:(هذا)\\s+)?${unit}(?:\\s+(?:(${COMING})|(${PAST})))?${WORD_END}`, 'u')),
    extract: (context, m) => dayOf(context, partMatched(parts, m), periodSaid(m, 4)),
  };
}

/**
 * "نهاية الشهر", "آخر هذا الشهر", "بداية الشهر القادم", "منتصف الشهر", "نهاية الشهر الماضي": the 1st, 15th or last day
 * (see `monthPart`; chrono read "الشهر" in them as this month's first day, "الشهر القادم" and "الشهر الماضي" as a month
 * from or before today).
 */
const arabicMonthPart = periodPart(MONTH_PARTS, 'الشهر', monthPart);

/**
 * "بداية الأسبوع القادم", "نص الأسبوع الجاي", "أواخر الأسبوع": the Sunday, Tuesday or Thursday of the following week
 * (see `workweekPart`); chrono read "الأسبوع القادم" in them, a week from today.
 */
const arabicWeekPart = periodPart(WEEK_PARTS, '(?:الأسبوع|الاسبوع)', (context, part, which) => workweekPart(context, part, which, ARAB_WORKWEEK));

/**
 * "نهاية الأسبوع", "عطلة نهاية الأسبوع", "الويكند": the coming Friday, where the weekend starts in most Arab countries
 * (chrono reads "الأسبوع" in it as the start of this week); "… القادم": the one after.
 */
const arabicWeekend: chrono.Parser = {
  pattern: compiledOnce(() =>
    new RegExp(`${WORD_START}(?:(?:عطلة\\s+)?(?:نهاية|آخر|اخر)\\s+(?:الأسبوع|الاسبوع)|(?:ال)?ويكند)(\\s+${COMING})?${WORD_END}`, 'u')),
  extract: (context, m) => weekday(context, 5, m[1] ? 'next' : 'this', SATURDAY),
};

/** Parts of the day, which chrono's Arabic reads without marking the meridiem ("صباحا الساعة ٩"). */
const AR_PART_OF_DAY = /صباح|صبح|ظهر|عصر|مساء|ليل/u;

/** Words a time of day starts with in Arabic, after a date. */
const TIME_AFTER = 'الساعة|الساعه|صباحا|صباحًا|الصبح|ظهرا|ظهرًا|الظهر|العصر|مساء|مساءً|بالليل';

/**
 * A day of the month without the month, the next one to come: "يوم ١٢", "١٢ الشهر", "١٢ من هذا الشهر", or a whole
 * message "في ١٢" / "بتاريخ ١٢", also with a time ("في ١٢ الساعة ٣"). Inside a sentence "في ١٢" stays a time of day
 * ("اتصل بي في ١٢").
 */
const dayOfMonthAlone: chrono.Parser = {
  pattern: compiledOnce(() =>
    new RegExp(
      `${WORD_START}(?:يوم\\s+(\\d{1,2})|(\\d{1,2})\\s+(?:من\\s+)?(?:هذا\\s+)?الشهر)${WORD_END}|^\\s*(?:في|بتاريخ)\\s+(\\d{1,2})(?=${endOrTime(TIME_AFTER)})`,
      'u',
    )),
  extract: (context, m) => comingDayOfMonth(context, Number(m[1] ?? m[2] ?? m[3])),
};

const PLURAL_UNITS: Record<string, DateUnit> = { دقائق: 'minute', ساعات: 'hour', أيام: 'day', ايام: 'day', أسابيع: 'week', اسابيع: 'week', أشهر: 'month', اشهر: 'month', شهور: 'month' };

/**
 * "بعد بضعة أيام", "خلال عدة أسابيع", "بعد أيام" (in a few days, weeks): three of them, as chrono reads the English "in a
 * few days"; chrono's Arabic read "بعد أيام" as one day and the others not at all.
 */
const arabicFewUnits: chrono.Parser = {
  pattern: compiledOnce(() => new RegExp(`${WORD_START}(?:بعد|خلال)\\s+(?:(?:${alternation(FEW_WORDS.ar)})\\s+)?(${alternation(Object.keys(PLURAL_UNITS))})${WORD_END}`, 'u')),
  extract: (context, m) => shifted(context, A_FEW, PLURAL_UNITS[m[1]]),
};

/** "الآن", "حالا", "هلق", "دلوقتي", "فورا", "في أقرب وقت", "بأسرع وقت ممكن": now. */
const RIGHT_AWAY = String.raw`ال[آا]ن|حالا|حالًا|حالاً|هلق|هلأ|دلوقتي|دلوقت|فورا|(?:في\s+|ب)[أا](?:قرب|سرع)\s+وقت(?:\s+ممكن)?`;

export function arabicChrono(): chrono.Chrono {
  const parser = chrono.ar.casual.clone();
  // First, so that a whole message "في ١٢" is the day, not chrono's time of day of the same length; and "بعد أيام" a few days, not chrono's one.
  parser.parsers.unshift(dayOfMonthAlone, arabicFewUnits, rightAway(RIGHT_AWAY));
  parser.parsers.push(arabicHourWithFraction, hoursFromTo, holidays, islamicHolidays, arabicColloquial, arabicSpokenPartOfDay, arabicComingUnit, arabicMonthPart, arabicWeekPart, arabicWeekend);
  parser.refiners.push(timeWithPartOfDay(/^\s*[,،]?\s*$/), mergeDateThenTime(/^\s*[,،]?\s*$/), partOfDayMeridiem(AR_PART_OF_DAY));
  parser.refiners.push(comingWeekdays(new RegExp(PAST, 'u')), weekdayOfNextWeek(new RegExp(`^(?:ال)?(?:أسبوع|اسبوع)\\s+${COMING}$`, 'u'), SATURDAY));
  return parser;
}
