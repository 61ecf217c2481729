import { execFileSync } from 'node:child_process';
import { extractEntities, nluSnapshot, trainNlu } from '../../../flows/nlu/index.js';

const now = new Date(2024, 2, 10, 10, 0, 0); // Sunday 10 March 2024, 10:00 local time

/** The first date found, as local "Y-M-D H:MM", with the text it was read from. */
/** Every date of the message, as local "year-month-day hour:minute «text»". */
function datesIn(text: string, lang: string, at = now): string[] {
  return extractEntities(text, lang, { now: at }).filter((x) => x.type === 'date').map((e) => {
    const d = new Date(String(e.value));
    return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()} ${d.getHours()}:${String(d.getMinutes()).padStart(2, '0')} «${e.text}»`;
  });
}

function dateIn(text: string, lang: string, at = now): string | undefined {
  return datesIn(text, lang, at)[0];
}

describe('dates in Polish (no chrono locale: our parsers)', () => {
  it.each([
    ['jutro o 15', '2024-3-11 15:00 «jutro o 15»'],
    ['DZIŚ', '2024-3-10 12:00 «DZIŚ»'],
    ['w piątek o godz. 9:30', '2024-3-15 9:30 «w piątek o godz. 9:30»'],
    ['odbiorę piatek', '2024-3-15 12:00 «piatek»'],
    ['w przyszły piątek', '2024-3-15 12:00 «w przyszły piątek»'], // the Friday of next week, which starts tomorrow
    ['w najbliższą sobotę', '2024-3-16 12:00 «w najbliższą sobotę»'],
    ['we wtorek wieczorem o 8', '2024-3-12 20:00 «we wtorek wieczorem o 8»'],
    ['za tydzień o 15:00', '2024-3-17 15:00 «za tydzień o 15:00»'],
    ['za dwie godziny', '2024-3-10 12:00 «za dwie godziny»'],
    ['za 3 dni', '2024-3-13 12:00 «za 3 dni»'],
    ['za miesiąc', '2024-4-10 12:00 «za miesiąc»'],
    ['byłem 2 dni temu', '2024-3-8 12:00 «2 dni temu»'],
    ['w przyszłym tygodniu', '2024-3-17 12:00 «w przyszłym tygodniu»'],
    ['dostawa na weekend', '2024-3-16 12:00 «na weekend»'],
    ['w przyszły weekend', '2024-3-16 12:00 «w przyszły weekend»'],
    ['za pół godziny', '2024-3-10 10:30 «za pół godziny»'],
    ['za dwadzieścia minut', '2024-3-10 10:20 «za dwadzieścia minut»'],
    ['za dwadzieścia pięć minut', '2024-3-10 10:25 «za dwadzieścia pięć minut»'],
    ['5 kwietnia', '2024-4-5 12:00 «5 kwietnia»'],
    ['3 maja 2027 r.', '2027-5-3 12:00 «3 maja 2027 r.»'],
    ['15.03.2024 o 15:00', '2024-3-15 15:00 «15.03.2024 o 15:00»'],
    ['piątego kwietnia', '2024-4-5 12:00 «piątego kwietnia»'],
    ['dwudziestego czwartego grudnia', '2023-12-24 12:00 «dwudziestego czwartego grudnia»'],
    ['24-go kwietnia o 10', '2024-4-24 10:00 «24-go kwietnia o 10»'],
    ['w maju', '2024-5-1 12:00 «w maju»'],
    ['od stycznia 2025 r.', '2025-1-1 12:00 «od stycznia 2025 r.»'],
    ['jutro rano', '2024-3-11 9:00 «jutro rano»'],
    ['w piątek po południu', '2024-3-15 12:00 «w piątek po południu»'],
    ['dziś wieczorem', '2024-3-10 17:00 «dziś wieczorem»'],
  ])('%s', (text, expected) => {
    expect(dateIn(text, 'pl')).toBe(expected);
  });

  it('finds no date in ordinary sentences', () => {
    expect(dateIn('za drogie, o czym mówisz?', 'pl')).toBeUndefined();
    expect(dateIn('mam 2 koty', 'pl')).toBeUndefined();
    expect(dateIn('o 25', 'pl')).toBeUndefined();
    expect(dateIn('czy mają Państwo rozmiar M?', 'pl')).toBeUndefined();
  });
});

describe('dates in Persian (no chrono locale: our parsers)', () => {
  it.each([
    ['فردا ساعت ۵ عصر', '2024-3-11 17:00 «فردا ساعت ۵ عصر»'],
    ['فردا، ساعت ۱۰', '2024-3-11 10:00 «فردا، ساعت ۱۰»'],
    ['كي مي رسه؟ فردا', '2024-3-11 12:00 «فردا»'],
    ['جمعه آینده', '2024-3-22 12:00 «جمعه آینده»'],
    ['سه‌شنبه', '2024-3-12 12:00 «سه‌شنبه»'],
    ['سه شنبه هفته بعد', '2024-3-19 12:00 «سه شنبه هفته بعد»'],
    ['روز یکشنبه ساعت ۹ صبح', '2024-3-10 9:00 «روز یکشنبه ساعت ۹ صبح»'],
    ['ساعت ۸ شب', '2024-3-10 20:00 «ساعت ۸ شب»'],
    ['فردا بعدازظهر ساعت ۴', '2024-3-11 16:00 «فردا بعدازظهر ساعت ۴»'],
    ['دو روز دیگر', '2024-3-12 12:00 «دو روز دیگر»'],
    ['دو روز دیگه', '2024-3-12 12:00 «دو روز دیگه»'],
    ['سه روز پیش', '2024-3-7 12:00 «سه روز پیش»'],
    ['بیست دقیقه دیگر', '2024-3-10 10:20 «بیست دقیقه دیگر»'],
    // Not "پنج دقیقه دیگر" (five minutes) inside it.
    ['بیست و پنج دقیقه دیگر', '2024-3-10 10:25 «بیست و پنج دقیقه دیگر»'],
    ['نه روز دیگر', '2024-3-19 12:00 «نه روز دیگر»'],
    ['ماه آینده', '2024-4-10 12:00 «ماه آینده»'],
    ['۲۵ آذر ۱۴۰۲', '2023-12-16 12:00 «۲۵ آذر ۱۴۰۲»'],
    ['۱ فروردین', '2024-3-20 12:00 «۱ فروردین»'],
    ['۲۴ دسامبر ۲۰۲۴', '2024-12-24 12:00 «۲۴ دسامبر ۲۰۲۴»'],
    ['پنجم فروردین', '2024-3-24 12:00 «پنجم فروردین»'],
    ['بیست و یکم اسفند', '2024-3-11 12:00 «بیست و یکم اسفند»'],
    ['اول اردیبهشت', '2024-4-20 12:00 «اول اردیبهشت»'],
    ['اردیبهشت‌ماه', '2024-4-20 12:00 «اردیبهشت‌ماه»'],
    ['در ماه مه', '2024-5-1 12:00 «در ماه مه»'],
    ['آخر هفته', '2024-3-15 12:00 «آخر هفته»'],
    ['آخر هفته بعد', '2024-3-22 12:00 «آخر هفته بعد»'],
    ['تحویل ۱۴۰۳/۰۵/۳۱ ساعت ۱۰', '2024-8-21 10:00 «۱۴۰۳/۰۵/۳۱ ساعت ۱۰»'],
    ['فردا صبح', '2024-3-11 9:00 «فردا صبح»'],
    ['جمعه عصر', '2024-3-15 15:00 «جمعه عصر»'],
    ['امشب', '2024-3-10 20:00 «امشب»'],
    ['دیشب', '2024-3-9 20:00 «دیشب»'],
  ])('%s', (text, expected) => {
    expect(dateIn(text, 'fa')).toBe(expected);
  });

  it('rejects days a Solar Hijri month does not have, and finds no date in ordinary sentences', () => {
    expect(dateIn('۳۱ اسفند', 'fa')).toBeUndefined();
    expect(dateIn('۱۴۰۳/۱۲/۳۱', 'fa')).toBeUndefined();
    // A Solar Hijri year with a Gregorian month, and the other way round, is no date.
    expect(dateIn('در مه ۱۴۰۳', 'fa')).toBeUndefined();
    expect(dateIn('۲۵ آذر ۲۰۲۴', 'fa')).toBeUndefined();
    // "امسال" (this year) holds the Arabic "امس" (yesterday); "عید" in it is Nowruz, a date of its own.
    expect(dateIn('امسال چه محصول جدیدی دارید', 'fa')).toBeUndefined();
    expect(dateIn('امسال عید سال نو در چه روزی است', 'fa')).toBe('2024-3-20 12:00 «عید»');
    expect(dateIn('سه عدد می خواهم', 'fa')).toBeUndefined();
    // Months that are also words ("مهر": kindness) count only with "ماه" or a preposition.
    expect(dateIn('با مهر و محبت', 'fa')).toBeUndefined();
  });
});

describe('dates in Arabic (chrono, plus colloquial words)', () => {
  it.each([
    ['بعد يومين', '2024-3-12'],
    ['بعد أسبوعين', '2024-3-24'],
    ['بكرة', '2024-3-11'],
    ['الخميس القادم', '2024-3-14'],
    ['في مايو', '2024-5-1'],
    ['في عطلة نهاية الأسبوع', '2024-3-15'],
    ['الويكند القادم', '2024-3-22'],
    // Spoken "next": chrono read "الأسبوع" alone, the start of this week.
    ['الاسبوع الجاي', '2024-3-17'],
    ['الشهر اللي جاي', '2024-4-10'],
    ['السنة الجاية', '2025-3-10'],
  ])('%s', (text, expected) => {
    expect(dateIn(text, 'ar')?.split(' ')[0]).toBe(expected);
  });
});

describe('a weekday said alone', () => {
  // Sunday 10 March 2024: chrono read "on friday" as the 8th, two days ago.
  it('is the coming one in every language, today included; with a past marker it stays past', () => {
    expect(dateIn('deliver it on friday', 'en')).toBe('2024-3-15 12:00 «on friday»');
    expect(dateIn('friday at 5pm', 'en')).toBe('2024-3-15 17:00 «friday at 5pm»');
    expect(dateIn('sunday', 'en')).toBe('2024-3-10 12:00 «sunday»');
    expect(dateIn('I ordered last friday', 'en')?.split(' ')[0]).toBe('2024-3-8');
    expect(dateIn('يوم الخميس', 'ar')?.split(' ')[0]).toBe('2024-3-14');
    expect(dateIn('الخميس الماضي', 'ar')?.split(' ')[0]).toBe('2024-3-7');
    expect(dateIn('w piątek', 'pl')?.split(' ')[0]).toBe('2024-3-15');
    expect(dateIn('جمعه', 'fa')?.split(' ')[0]).toBe('2024-3-15');
  });
});

describe('"next" and a weekday', () => {
  const wednesday = new Date(2024, 2, 13, 10, 0, 0);
  const thursday = new Date(2024, 2, 14, 10, 0, 0);
  const day = (text: string, lang: string, at: Date) => dateIn(text, lang, at)?.split(' ')[0];
  it('is that day of the following week, weeks starting on Monday in Poland, as chrono reads it in English', () => {
    for (const [text, lang] of [['next friday', 'en'], ['w przyszły piątek', 'pl']]) {
      expect(day(text, lang, wednesday)).toBe('2024-3-22');
      expect(day(text, lang, now)).toBe('2024-3-15');
    }
    expect(day('next monday', 'en', now)).toBe('2024-3-11');
    expect(day('w przyszły poniedziałek', 'pl', now)).toBe('2024-3-11');
    expect(day('w przyszły weekend', 'pl', wednesday)).toBe('2024-3-23');
  });
  it('and on Saturday in Iran and Arab countries', () => {
    expect(day('شنبه آینده', 'fa', thursday)).toBe('2024-3-16');
    expect(day('جمعه آینده', 'fa', thursday)).toBe('2024-3-22');
    expect(day('آخر هفته آینده', 'fa', thursday)).toBe('2024-3-22');
    expect(day('الويكند القادم', 'ar', thursday)).toBe('2024-3-22');
  });
  it('"next week" and a weekday, in either order, are one date: that day of the following week (they were two, a week from today first)', () => {
    expect(dateIn('next week tuesday', 'en')).toBe('2024-3-12 12:00 «next week tuesday»');
    expect(dateIn('next week on friday at 5pm', 'en')).toBe('2024-3-15 17:00 «next week on friday at 5pm»');
    expect(dateIn('w przyszłym tygodniu we wtorek', 'pl')).toBe('2024-3-12 12:00 «w przyszłym tygodniu we wtorek»');
    expect(dateIn('we wtorek w przyszłym tygodniu', 'pl')).toBe('2024-3-12 12:00 «we wtorek w przyszłym tygodniu»');
    expect(dateIn('za tydzień w piątek', 'pl')).toBe('2024-3-15 12:00 «za tydzień w piątek»');
    expect(dateIn('هفته بعد سه‌شنبه', 'fa')).toBe('2024-3-19 12:00 «هفته بعد سه‌شنبه»');
    expect(dateIn('هفته دیگه پنجشنبه', 'fa')).toBe('2024-3-21 12:00 «هفته دیگه پنجشنبه»');
    expect(dateIn('الثلاثاء الأسبوع القادم', 'ar')).toBe('2024-3-19 12:00 «الثلاثاء الأسبوع القادم»');
    expect(dateIn('الاسبوع الجاي يوم الخميس', 'ar')).toBe('2024-3-21 12:00 «الاسبوع الجاي يوم الخميس»');
    expect(dateIn('next week', 'en')?.split(' ')[0]).toBe('2024-3-17');
  });
});

describe('a day of the month alone', () => {
  it('is the next one to come, after a preposition of time only', () => {
    expect(dateIn('book me for the 12th at 3pm', 'en')).toBe('2024-3-12 15:00 «the 12th at 3pm»');
    expect(dateIn('on the 5th', 'en')).toBe('2024-4-5 12:00 «the 5th»'); // the 5th of March has passed
    expect(dateIn('I am the 3rd customer', 'en')).toBeUndefined();
    expect(dateIn('for the 31st', 'en')).toBe('2024-3-31 12:00 «the 31st»');
  });

  it('is a date with its time when a whole answer says one after it, in every language (it was the time alone, today)', () => {
    expect(dateIn('12th at 3pm', 'en')).toBe('2024-3-12 15:00 «12th at 3pm»');
    expect(dateIn('the 12th, 3pm', 'en')).toBe('2024-3-12 15:00 «the 12th, 3pm»');
    expect(dateIn('dwunastego o 15', 'pl')).toBe('2024-3-12 15:00 «dwunastego o 15»');
    expect(dateIn('12-go rano', 'pl')).toMatch(/^2024-3-12 /);
    // Read in folded text: "po południu" is "po poludniu" there.
    expect(dateIn('dwunastego po południu', 'pl')).toBe('2024-3-12 12:00 «dwunastego po południu»');
    expect(dateIn('12-go w południe', 'pl')).toBe('2024-3-12 12:00 «12-go w południe»');
    // 10 March 2024 is 20 Esfand 1402: the 12th to come is 12 Farvardin, 31 March.
    expect(dateIn('دوازدهم ساعت ۳ عصر', 'fa')).toBe('2024-3-31 15:00 «دوازدهم ساعت ۳ عصر»');
    expect(dateIn('يوم ١٢ الساعة ٣ مساء', 'ar')).toBe('2024-3-12 15:00 «يوم ١٢ الساعة ٣ مساء»');
    expect(dateIn('في ١٢ الساعة ٣ مساء', 'ar')).toBe('2024-3-12 15:00 «في ١٢ الساعة ٣ مساء»');
    expect(dateIn('dwunastego klienta o 15', 'pl')).not.toMatch(/^2024-3-12/);
  });

  it('in Arabic, after "يوم" or before "الشهر", or a whole answer "في ١٢"; inside a sentence "في ١٢" is a time', () => {
    expect(dateIn('موعدي يوم ١٢', 'ar')).toBe('2024-3-12 12:00 «يوم ١٢»');
    expect(dateIn('١٢ من هذا الشهر', 'ar')).toBe('2024-3-12 12:00 «١٢ من هذا الشهر»');
    expect(dateIn('في ١٢', 'ar')).toBe('2024-3-12 12:00 «في ١٢»');
    expect(dateIn('اتصل بي في ١٢', 'ar')).toMatch(/^2024-3-10 12:00/);
    expect(dateIn('يوم ٢٠ مارس', 'ar')).toMatch(/^2024-3-20 .*مارس»$/);
  });
});

describe('the end of the month', () => {
  it('is its last day, or next month\'s, in the calendar the language counts months in (none, or the first day, before)', () => {
    expect(dateIn('do końca miesiąca', 'pl')).toBe('2024-3-31 12:00 «do końca miesiąca»');
    expect(dateIn('do końca przyszłego miesiąca', 'pl')).toBe('2024-4-30 12:00 «do końca przyszłego miesiąca»');
    expect(dateIn('نهاية الشهر', 'ar')).toBe('2024-3-31 12:00 «نهاية الشهر»');
    expect(dateIn('آخر الشهر الجاي', 'ar')).toBe('2024-4-30 12:00 «آخر الشهر الجاي»');
    // 10 March 2024 is 20 Esfand 1402, a month of 29 days; Farvardin 1403 has 31.
    expect(dateIn('تا آخر ماه', 'fa')).toBe('2024-3-19 12:00 «تا آخر ماه»');
    expect(dateIn('آخر ماه بعد', 'fa')).toBe('2024-4-19 12:00 «آخر ماه بعد»');
    expect(dateIn('by the end of the month', 'en')?.split(' ')[0]).toBe('2024-3-31');
  });

  it('of last month is its last day (Arabic read a month ago, Polish and Persian nothing)', () => {
    expect(dateIn('koniec zeszłego miesiąca', 'pl')).toBe('2024-2-29 12:00 «koniec zeszłego miesiąca»');
    expect(dateIn('pod koniec poprzedniego miesiąca', 'pl')).toBe('2024-2-29 12:00 «pod koniec poprzedniego miesiąca»');
    expect(dateIn('نهاية الشهر الماضي', 'ar')).toBe('2024-2-29 12:00 «نهاية الشهر الماضي»');
    // Bahman 1402, the month before Esfand, has 30 days: its last is 19 February 2024.
    expect(dateIn('آخر ماه گذشته', 'fa')).toBe('2024-2-19 12:00 «آخر ماه گذشته»');
    expect(dateIn('end of last month', 'en')?.split(' ')[0]).toBe('2024-2-29');
  });
});

describe('the beginning, middle or end of a month or a week', () => {
  it('is the 1st, the 15th or the last day of the month; not saying which month, the next such day to come', () => {
    // 10 March 2024: this month's beginning has passed, its middle has not.
    expect(dateIn('at the beginning of next month', 'en')).toBe('2024-4-1 12:00 «beginning of next month»');
    expect(dateIn('at the start of the month', 'en')).toBe('2024-4-1 12:00 «start of the month»');
    expect(dateIn('mid-month', 'en')).toBe('2024-3-15 12:00 «mid-month»');
    expect(dateIn('mid April', 'en')).toBe('2024-4-15 12:00 «mid April»');
    expect(dateIn('na początku przyszłego miesiąca', 'pl')).toBe('2024-4-1 12:00 «na początku przyszłego miesiąca»');
    expect(dateIn('w połowie miesiąca', 'pl')).toBe('2024-3-15 12:00 «w połowie miesiąca»');
    expect(dateIn('pod koniec kwietnia', 'pl')).toBe('2024-4-30 12:00 «pod koniec kwietnia»');
    expect(dateIn('بداية الشهر القادم', 'ar')).toBe('2024-4-1 12:00 «بداية الشهر القادم»');
    expect(dateIn('في منتصف الشهر', 'ar')).toBe('2024-3-15 12:00 «في منتصف الشهر»');
    // 20 Esfand 1402: the 1st of Farvardin is 20 March; this month's 15th has passed, next month's is 3 April.
    expect(dateIn('اول ماه بعد', 'fa')).toBe('2024-3-20 12:00 «اول ماه بعد»');
    expect(dateIn('نیمه ماه', 'fa')).toBe('2024-4-3 12:00 «نیمه ماه»');
  });

  it('of next week is its Monday, Wednesday or Friday; the end of the week is the coming Friday', () => {
    // Sunday 10 March 2024: next week starts tomorrow.
    expect(dateIn('early next week', 'en')).toBe('2024-3-11 12:00 «early next week»');
    expect(dateIn('end of next week', 'en')).toBe('2024-3-15 12:00 «end of next week»');
    expect(dateIn('by the end of the week', 'en')).toBe('2024-3-15 12:00 «end of the week»');
    expect(dateIn('w połowie przyszłego tygodnia o 15', 'pl')).toBe('2024-3-13 15:00 «w połowie przyszłego tygodnia o 15»');
    expect(dateIn('pod koniec tygodnia', 'pl')).toBe('2024-3-15 12:00 «pod koniec tygodnia»');
  });

  it("of the week in Persian and Arabic is a day of the local working week: Saturday to Wednesday in Iran, Sunday to Thursday in most Arab countries", () => {
    // Weeks start on Saturday there: next week starts on 16 March.
    expect(dateIn('اوایل هفته بعد', 'fa')).toBe('2024-3-16 12:00 «اوایل هفته بعد»');
    expect(dateIn('اواسط هفته آینده', 'fa')).toBe('2024-3-18 12:00 «اواسط هفته آینده»');
    expect(dateIn('تا اواخر هفته', 'fa')).toBe('2024-3-13 12:00 «تا اواخر هفته»');
    expect(dateIn('بداية الأسبوع القادم', 'ar')).toBe('2024-3-17 12:00 «بداية الأسبوع القادم»');
    expect(dateIn('في نص الاسبوع اللي جاي', 'ar')).toBe('2024-3-19 12:00 «في نص الاسبوع اللي جاي»');
    expect(dateIn('أواخر الأسبوع', 'ar')).toBe('2024-3-14 12:00 «أواخر الأسبوع»');
    // The end of the week is the weekend, as before.
    expect(dateIn('آخر هفته', 'fa')).toBe('2024-3-15 12:00 «آخر هفته»');
    expect(dateIn('نهاية الأسبوع', 'ar')).toBe('2024-3-15 12:00 «نهاية الأسبوع»');
  });
});

describe('a time of day said alone, without a.m. or p.m.', () => {
  const noon = new Date(2024, 2, 10, 12, 0, 0);
  const night = new Date(2024, 2, 10, 22, 0, 0);

  it('is its next turn on a 12-hour clock once it has passed today, in every language (it was that hour this morning)', () => {
    expect(dateIn('call me at 5', 'en', noon)).toBe('2024-3-10 17:00 «at 5»');
    expect(dateIn('at 11:30', 'en', noon)).toBe('2024-3-10 23:30 «at 11:30»');
    expect(dateIn('zadzwoń o 5', 'pl', noon)).toBe('2024-3-10 17:00 «o 5»');
    expect(dateIn('ساعت ۵ زنگ بزن', 'fa', noon)).toBe('2024-3-10 17:00 «ساعت ۵»');
    expect(dateIn('الساعة ٥', 'ar', noon)).toBe('2024-3-10 17:00 «الساعة ٥»');
    expect(dateIn('at 9', 'en', night)).toBe('2024-3-11 9:00 «at 9»');
    expect(dateIn('at 11', 'en', night)).toBe('2024-3-10 23:00 «at 11»');
  });

  it('stays as said with a part of the day, on a 24-hour clock, ahead today or with a date', () => {
    expect(dateIn('at 9 in the morning', 'en', noon)).toBe('2024-3-10 9:00 «at 9 in the morning»');
    expect(dateIn('o 9 rano', 'pl', noon)).toBe('2024-3-10 9:00 «o 9 rano»');
    expect(dateIn('ساعت ۵ صبح', 'fa', noon)).toBe('2024-3-10 5:00 «ساعت ۵ صبح»');
    expect(dateIn('الساعة ٩ صباحا', 'ar', noon)).toBe('2024-3-10 9:00 «الساعة ٩ صباحا»');
    expect(dateIn('this morning', 'en', noon)).toBe('2024-3-10 9:00 «this morning»');
    expect(dateIn('at 05:30', 'en', noon)).toBe('2024-3-10 5:30 «at 05:30»');
    expect(dateIn('o 15', 'pl', noon)).toBe('2024-3-10 15:00 «o 15»');
    expect(dateIn('at 7', 'en', new Date(2024, 2, 10, 1, 0, 0))).toBe('2024-3-10 7:00 «at 7»');
    expect(dateIn('friday at 10', 'en', noon)).toBe('2024-3-15 10:00 «friday at 10»');
    expect(dateIn('tomorrow morning at 6', 'en', noon)).toBe('2024-3-11 6:00 «tomorrow morning at 6»');
    expect(dateIn('on March 12 at 05:00', 'en', noon)).toBe('2024-3-12 5:00 «March 12 at 05:00»');
  });

  it('takes the part of the day said after the date, in every language (it was the afternoon, and that part of today a second date)', () => {
    expect(datesIn('at 6 tomorrow morning', 'en', noon)).toEqual(['2024-3-11 6:00 «at 6 tomorrow morning»']);
    expect(datesIn('at 7 tomorrow evening', 'en', noon)).toEqual(['2024-3-11 19:00 «at 7 tomorrow evening»']);
    expect(datesIn('tomorrow at 6, in the morning', 'en', noon)).toEqual(['2024-3-11 6:00 «tomorrow at 6, in the morning»']);
    expect(datesIn('o 6 jutro rano', 'pl', noon)).toEqual(['2024-3-11 6:00 «o 6 jutro rano»']);
    expect(datesIn('o 7 jutro wieczorem', 'pl', noon)).toEqual(['2024-3-11 19:00 «o 7 jutro wieczorem»']);
    expect(datesIn('ساعت ۶ فردا صبح', 'fa', noon)).toEqual(['2024-3-11 6:00 «ساعت ۶ فردا صبح»']);
    expect(datesIn('الساعة ٦ بكرة الصباح', 'ar', noon)).toEqual(['2024-3-11 6:00 «الساعة ٦ بكرة الصباح»']);
    expect(datesIn('at 6 friday evening', 'en', noon)).toEqual(['2024-3-15 18:00 «at 6 friday evening»']);
  });

  it('takes the part of the day said before the time, in every language', () => {
    expect(datesIn('امشب ساعت ۹', 'fa', noon)).toEqual(['2024-3-10 21:00 «امشب ساعت ۹»']);
    // Said at noon: 9 in the morning has passed, and stays as said (an hour alone would be 21:00).
    expect(datesIn('صباحا الساعة ٩', 'ar', noon)).toEqual(['2024-3-10 9:00 «صباحا الساعة ٩»']);
    expect(datesIn('الصبح الساعة ٩', 'ar', noon)).toEqual(['2024-3-10 9:00 «الصبح الساعة ٩»']);
    expect(datesIn('dziś wieczorem o 8', 'pl', noon)).toEqual(['2024-3-10 20:00 «dziś wieczorem o 8»']);
    expect(datesIn('this afternoon at 3', 'en', noon)).toEqual(['2024-3-10 15:00 «this afternoon at 3»']);
    expect(datesIn('اتصل فيني بكرة الصبح الساعة ٨', 'ar', noon)).toEqual(['2024-3-11 8:00 «بكرة الصبح الساعة ٨»']);
    expect(datesIn('دیشب ساعت ۱۱', 'fa', noon)).toEqual(['2024-3-9 23:00 «دیشب ساعت ۱۱»']);
  });

  it('reads the spoken Arabic "الصبح" and "بالليل"', () => {
    expect(datesIn('بكرة الساعة ٦ الصبح', 'ar', noon)).toEqual(['2024-3-11 6:00 «بكرة الساعة ٦ الصبح»']);
    expect(datesIn('بكرة الصبح', 'ar', noon)).toEqual(['2024-3-11 9:00 «بكرة الصبح»']);
    expect(datesIn('الساعة ٩ بالليل', 'ar', noon)).toEqual(['2024-3-10 21:00 «الساعة ٩ بالليل»']);
  });

  it('is in the afternoon from 1 to 6, with a date too, in every language (it was before dawn)', () => {
    expect(dateIn('tomorrow at 5', 'en', noon)).toBe('2024-3-11 17:00 «tomorrow at 5»');
    expect(dateIn('jutro o 5', 'pl', noon)).toBe('2024-3-11 17:00 «jutro o 5»');
    expect(dateIn('فردا ساعت ۵', 'fa', noon)).toBe('2024-3-11 17:00 «فردا ساعت ۵»');
    expect(dateIn('on the 12th at 3:30', 'en', noon)).toBe('2024-3-12 15:30 «the 12th at 3:30»');
    expect(dateIn('at 3', 'en', new Date(2024, 2, 10, 1, 0, 0))).toBe('2024-3-10 15:00 «at 3»');
    expect(dateIn('at 5', 'en', new Date(2024, 2, 10, 20, 0, 0))).toBe('2024-3-11 17:00 «at 5»');
  });
});

describe('a time said in words, with a fraction of the hour, loosely ("around 3") or as a window (its start; its end below)', () => {
  const noon = new Date(2024, 2, 10, 12, 0, 0);

  // chrono read none of these: "half past 3 tomorrow" was the number 3 and tomorrow at this time.
  it.each([
    ['half past 3 tomorrow', 'en', '2024-3-11 15:30 «half past 3 tomorrow»'],
    ['at half past four', 'en', '2024-3-10 16:30 «half past four»'],
    ['a quarter to 5 pm', 'en', '2024-3-10 16:45 «a quarter to 5 pm»'],
    ['quarter past 10', 'en', '2024-3-10 22:15 «quarter past 10»'],
    ['at half past 6 tomorrow morning', 'en', '2024-3-11 6:30 «half past 6 tomorrow morning»'],
    ['call me at five', 'en', '2024-3-10 17:00 «at five»'],
    ['tomorrow at three', 'en', '2024-3-11 15:00 «tomorrow at three»'],
    ['around 3 tomorrow', 'en', '2024-3-11 15:00 «around 3 tomorrow»'],
    ['any time after 4', 'en', '2024-3-10 16:00 «after 4»'],
    ['5ish', 'en', '2024-3-10 17:00 «5ish»'],
    ['at three thirty', 'en', '2024-3-10 15:30 «at three thirty»'],
    ['this evening around 7', 'en', '2024-3-10 19:00 «this evening around 7»'],
    ['call me between 3 and 5 pm', 'en', '2024-3-10 15:00 «between 3 and 5 pm»'],
    ['at 3.30', 'en', '2024-3-10 15:30 «at 3.30»'],
    ['około 15', 'pl', '2024-3-10 15:00 «około 15»'],
    ['koło trzeciej', 'pl', '2024-3-10 15:00 «koło trzeciej»'],
    ['jutro między 15 a 17', 'pl', '2024-3-11 15:00 «jutro między 15 a 17»'],
    ['między trzecią a piątą w piątek', 'pl', '2024-3-15 15:00 «między trzecią a piątą w piątek»'],
    ['بين الساعة ٣ و ٥ مساء', 'ar', '2024-3-10 15:00 «بين الساعة ٣ و ٥ مساء»'],
    ['بكرة من الساعة ١٠ الصبح لـ ٢ الظهر', 'ar', '2024-3-11 10:00 «بكرة من الساعة ١٠ الصبح لـ ٢ الظهر»'],
    ['فردا از ساعت ۳ تا ۵ عصر', 'fa', '2024-3-11 15:00 «فردا از ساعت ۳ تا ۵ عصر»'],
    ['بین ساعت سه تا پنج', 'fa', '2024-3-10 15:00 «بین ساعت سه تا پنج»'],
    ['jutro o wpół do czwartej', 'pl', '2024-3-11 15:30 «jutro o wpół do czwartej»'],
    ['kwadrans po trzeciej', 'pl', '2024-3-10 15:15 «kwadrans po trzeciej»'],
    ['za kwadrans piąta', 'pl', '2024-3-10 16:45 «za kwadrans piąta»'],
    ['o wpół do dziewiątej rano', 'pl', '2024-3-10 8:30 «o wpół do dziewiątej rano»'],
    ['zadzwoń jutro o trzeciej', 'pl', '2024-3-11 15:00 «jutro o trzeciej»'],
    ['zadzwoń o piątej', 'pl', '2024-3-10 17:00 «o piątej»'],
    ['الساعة ٣ ونص', 'ar', '2024-3-10 15:30 «الساعة ٣ ونص»'],
    ['بكرة الساعة الرابعة والربع', 'ar', '2024-3-11 16:15 «بكرة الساعة الرابعة والربع»'],
    ['الساعة ٥ إلا ربع', 'ar', '2024-3-10 16:45 «الساعة ٥ إلا ربع»'],
    ['الساعه الحاديه عشر', 'ar', '2024-3-10 23:00 «الساعه الحاديه عشر»'],
    ['فردا ساعت سه و نیم', 'fa', '2024-3-11 15:30 «فردا ساعت سه و نیم»'],
    ['ساعت ۵ یه ربع کم', 'fa', '2024-3-10 16:45 «ساعت ۵ یه ربع کم»'],
    ['یه ربع به ۵', 'fa', '2024-3-10 16:45 «یه ربع به ۵»'],
    ['صبح ساعت ۹ و نیم', 'fa', '2024-3-10 9:30 «صبح ساعت ۹ و نیم»'],
    ['ساعت هشت و نیم شب', 'fa', '2024-3-10 20:30 «ساعت هشت و نیم شب»'],
  ])('%s (%s) is %s', (text, lang, date) => {
    expect(datesIn(text, lang, noon)).toEqual([date]);
  });

  it('needs a word of time: a half or a quarter of something else, or "around 3" of something, is no time', () => {
    for (const [text, lang] of [['half an hour', 'en'], ['a quarter of the price', 'en'], ['pół kilo', 'pl'], ['I have around 3 questions', 'en'], ['po 3 kremy', 'pl'], ['od 100 zł', 'pl'], ['at least 5', 'en'], ['one or two', 'en'], ['٣ ونص كيلو', 'ar'], ['۲ و نیم کیلو', 'fa']]) expect(datesIn(text, lang, noon)).toEqual([]);
  });
});

describe('holidays on a fixed day', () => {
  const boxingDay = new Date(2024, 11, 26, 12, 0, 0);

  it.each([
    ['will it arrive before christmas?', 'en', '2024-12-25 12:00 «christmas»'],
    ["by new year's eve", 'en', '2024-12-31 12:00 «new year\'s eve»'],
    ['czy dojdzie przed wigilią?', 'pl', '2024-12-24 12:00 «wigilią»'],
    ['do sylwestra', 'pl', '2024-12-31 12:00 «sylwestra»'],
    ['تا شب یلدا', 'fa', '2024-12-20 12:00 «شب یلدا»'],
    ['قبل از نوروز', 'fa', '2025-3-21 12:00 «نوروز»'],
    ['هل يصل قبل الكريسماس؟', 'ar', '2024-12-25 12:00 «الكريسماس»'],
    ['لعيد الحب', 'ar', '2025-2-14 12:00 «لعيد الحب»'],
  ])('%s (%s) is %s, the next to come', (text, lang, date) => {
    // Said on 1 December 2024: the coming ones are this December's and next year's.
    expect(datesIn(text, lang, new Date(2024, 11, 1, 12, 0, 0))).toEqual([date]);
  });

  it('reads the Islamic holidays on the Umm al-Qura calendar, and the Persian "عید" as Nowruz', () => {
    const at = new Date(2024, 11, 1, 12, 0, 0);
    // 1 Shawwal 1446 was 30 March 2025, 10 Dhu al-Hijjah 6 June 2025, 1 Ramadan 1 March 2025.
    expect(datesIn('هل يوصل قبل العيد؟', 'ar', at)).toEqual(['2025-3-30 12:00 «العيد»']);
    expect(datesIn('عيد الأضحى', 'ar', at)).toEqual(['2025-6-6 12:00 «عيد الأضحى»']);
    expect(datesIn('قبل رمضان', 'ar', at)).toEqual(['2025-3-1 12:00 «رمضان»']);
    expect(datesIn('عید قربان', 'fa', at)).toEqual(['2025-6-6 12:00 «عید قربان»']);
    expect(datesIn('قبل از عید می‌رسه؟', 'fa', at)).toEqual(['2025-3-21 12:00 «عید»']);
    // Said between the two Eids, "العيد" is al-Adha.
    expect(datesIn('بعد العيد', 'ar', new Date(2025, 3, 15, 12, 0, 0))).toEqual(['2025-6-6 12:00 «العيد»']);
    expect(datesIn('عيد ميلادي', 'ar', at)).toEqual([]);
  });

  it('is next year\'s once this year\'s has passed', () => {
    expect(datesIn('before christmas', 'en', boxingDay)).toEqual(['2025-12-25 12:00 «christmas»']);
    expect(datesIn('przed wigilią', 'pl', boxingDay)).toEqual(['2025-12-24 12:00 «wigilią»']);
  });
});

describe('relative amounts', () => {
  it('give no date more than a century ahead (a number misread as an amount), and keep dates far in the past', () => {
    for (const [text, lang] of [['in 1403 months', 'en'], ['۱۴۰۳ ماه بعد', 'fa'], ['za 5000 lat', 'pl'], ['in 5000 years', 'en']]) expect({ text, date: dateIn(text, lang) }).toEqual({ text, date: undefined });
    expect(dateIn('in 99 years', 'en')).toMatch(/^2123-3-10 /);
    expect(dateIn('born on 12 May 1890', 'en')).toMatch(/^1890-5-12 /);
  });

  it.each([
    // chrono read "tomorrow"; "نیم ساعت دیگه" was an hour from now; the rest nothing.
    ['the day after tomorrow at 5', 'en', '2024-3-12 17:00 «the day after tomorrow at 5»'],
    ['in a fortnight', 'en', '2024-3-24 12:00 «in a fortnight»'],
    ['za kwadrans', 'pl', '2024-3-10 10:15 «za kwadrans»'],
    ['نیم ساعت دیگه', 'fa', '2024-3-10 10:30 «نیم ساعت دیگه»'],
    ['یه ربع دیگه', 'fa', '2024-3-10 10:15 «یه ربع دیگه»'],
  ])('%s (%s) is %s', (text, lang, date) => {
    expect(datesIn(text, lang)).toEqual([date]);
  });
});

describe('greetings', () => {
  it('hold no date, though they name a part of the day', () => {
    expect(dateIn('good morning', 'en')).toBeUndefined();
    expect(dateIn('good evening, deliver it tomorrow evening', 'en')).toBe('2024-3-11 17:00 «tomorrow evening»');
    expect(dateIn('مساء الخير', 'ar')).toBeUndefined();
    expect(dateIn('صبح بخیر', 'fa')).toBeUndefined();
    expect(dateIn('شب به خیر', 'fa')).toBeUndefined();
  });
});

describe('the language dates are read in', () => {
  it('is the conversation\'s when the message alone is too short to tell', () => {
    const model = trainNlu([{ intent: 'delivery', text: 'kiedy dostawa' }, { intent: 'hello', text: 'dzień dobry' }], { now: () => now });
    // "piatek" (Friday, without its diacritic) alone reads as Hungarian.
    expect(model.analyze('piatek').entities).toEqual([]);
    expect(model.analyze('piatek', { fallbackLang: 'pl' }).entities).toMatchObject([{ type: 'date', text: 'piatek' }]);
    // A sure detection wins over the fallback.
    expect(model.analyze('deliver it next friday please', { fallbackLang: 'pl' }).entities).toMatchObject([{ type: 'date', text: 'next friday' }]);
  });
});

describe('the clock dates are read on', () => {
  // 22:30 UTC on Sunday 10 March 2024: already 02:00 on Monday 11 March in Tehran and 01:30 in Riyadh, 23:30 on Sunday in
  // Warsaw, Sunday noon in Honolulu.
  const late = new Date('2024-03-10T22:30:00Z');
  const dateAt = (text: string, lang: string, timeZone: string) => extractEntities(text, lang, { now: late, timeZone }).find((e) => e.type === 'date')?.value;

  it('is the bot\'s time zone: "tomorrow at 5pm" is 5pm there, whatever the server\'s zone', () => {
    expect(dateAt('tomorrow at 5pm', 'en', 'Asia/Tehran')).toBe('2024-03-12T13:30:00.000Z');
    expect(dateAt('فردا ساعت ۵ عصر', 'fa', 'Asia/Tehran')).toBe('2024-03-12T13:30:00.000Z');
    expect(dateAt('jutro o 15', 'pl', 'Europe/Warsaw')).toBe('2024-03-11T14:00:00.000Z'); // 23:30 on the 10th in Warsaw
    expect(dateAt('غدا الساعة 5 مساء', 'ar', 'Asia/Riyadh')).toBe('2024-03-12T14:00:00.000Z');
    expect(dateAt('tomorrow at 5pm', 'en', 'Pacific/Honolulu')).toBe('2024-03-12T03:00:00.000Z');
  });

  it('counts "in 2 hours" and "za pół godziny" from now, and reads later days with their own summer or winter time', () => {
    expect(dateAt('in 2 hours', 'en', 'Asia/Tehran')).toBe('2024-03-11T00:30:00.000Z');
    expect(dateAt('دو ساعت دیگر', 'fa', 'Asia/Tehran')).toBe('2024-03-11T00:30:00.000Z');
    expect(dateAt('za pół godziny', 'pl', 'Europe/Warsaw')).toBe('2024-03-10T23:00:00.000Z');
    // Warsaw is on UTC+1 on 10 March and on summer time (UTC+2) on 10 April.
    expect(dateAt('za miesiąc o 15', 'pl', 'Europe/Warsaw')).toBe('2024-04-10T13:00:00.000Z');
  });

  it('moves a time said alone to the afternoon on the wall clock, the day clocks change included', () => {
    // Summer time ended in Warsaw at 03:00 on 27 October 2024: 1:00 was UTC+2, 13:00 is UTC+1.
    const noon = new Date('2024-10-27T11:00:00Z');
    expect(extractEntities('o 1', 'pl', { now: noon, timeZone: 'Europe/Warsaw' }).find((e) => e.type === 'date')?.value).toBe('2024-10-27T12:00:00.000Z');
  });

  it('gives the same instants whatever zone the server runs in', () => {
    const samples = [['tomorrow at 5pm', 'en'], ['now', 'en'], ['in 2 hours', 'en'], ['next month', 'en'], ['jutro o 15', 'pl'], ['فردا ساعت ۵ عصر', 'fa']];
    const script = `
      const { extractEntities } = require('./flows/nlu/index.ts');
      const at = ([text, lang]) => extractEntities(text, lang, { now: new Date('${late.toISOString()}'), timeZone: 'Asia/Tehran' })[0]?.value;
      console.log(JSON.stringify({ offset: new Date(2024, 0, 1).getTimezoneOffset(), dates: ${JSON.stringify(samples)}.map(at) }));`;
    const read = (TZ: string) => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { env: { ...process.env, TZ }, encoding: 'utf8' }));
    const expected = ['2024-03-12T13:30:00.000Z', '2024-03-10T22:30:00.000Z', '2024-03-11T00:30:00.000Z', '2024-04-10T22:30:00.000Z', '2024-03-12T11:30:00.000Z', '2024-03-12T13:30:00.000Z'];
    expect(samples.map(([text, lang]) => dateAt(text, lang, 'Asia/Tehran'))).toEqual(expected);
    expect(read('Asia/Kathmandu')).toEqual({ offset: -345, dates: expected });
    expect(read('America/New_York')).toEqual({ offset: 300, dates: expected });
  });

  it('keeps a zone the message names', () => {
    expect(dateAt('tomorrow at 5pm UTC', 'en', 'Asia/Tehran')).toBe('2024-03-12T17:00:00.000Z');
  });

  it('reaches entities through analyze', () => {
    const model = trainNlu([{ intent: 'delivery', text: 'deliver it' }, { intent: 'hello', text: 'hello' }], { now: () => late });
    expect(model.analyze('deliver it tomorrow at 5pm', { timeZone: 'Asia/Tehran' }).entities).toMatchObject([{ type: 'date', value: '2024-03-12T13:30:00.000Z' }]);
  });
});

describe('windows: a date says when it ends ("between 3 and 5 pm"), and whether it names a time or a day only', () => {
  const local = (iso: unknown) => {
    const d = new Date(String(iso));
    return `${d.getMonth() + 1}-${d.getDate()} ${d.getHours()}:${String(d.getMinutes()).padStart(2, '0')}`;
  };
  /** The first date as "month-day hour:minute – month-day hour:minute «text»", or without the end when it has none. */
  function windowIn(text: string, lang: string, at = now): string | undefined {
    const e = extractEntities(text, lang, { now: at }).find((x) => x.type === 'date');
    return e && `${local(e.value)}${e.until ? ` – ${local(e.until)}` : ''} «${e.text}»`;
  }

  it.each([
    ['call me tomorrow between 3 and 5 pm', 'en', '3-11 15:00 – 3-11 17:00 «tomorrow between 3 and 5 pm»'],
    ['from 3 to 5pm tomorrow', 'en', '3-11 15:00 – 3-11 17:00 «from 3 to 5pm tomorrow»'],
    ['tomorrow 3-5pm', 'en', '3-11 15:00 – 3-11 17:00 «tomorrow 3-5pm»'],
    ['tomorrow from 9 to 5', 'en', '3-11 9:00 – 3-11 17:00 «tomorrow from 9 to 5»'],
    ['between two and four on friday', 'en', '3-15 14:00 – 3-15 16:00 «between two and four on friday»'],
    ['friday between 2pm and 4pm', 'en', '3-15 14:00 – 3-15 16:00 «friday between 2pm and 4pm»'],
    ['from 10pm to 2am', 'en', '3-10 22:00 – 3-11 2:00 «from 10pm to 2am»'],
    ['any day from monday to friday', 'en', '3-11 12:00 – 3-15 12:00 «monday to friday»'],
    ['jutro od 15 do 17', 'pl', '3-11 15:00 – 3-11 17:00 «jutro od 15 do 17»'],
    ['między trzecią a piątą w piątek', 'pl', '3-15 15:00 – 3-15 17:00 «między trzecią a piątą w piątek»'],
    ['بكرة من الساعة ١٠ الصبح لـ ٢ الظهر', 'ar', '3-11 10:00 – 3-11 14:00 «بكرة من الساعة ١٠ الصبح لـ ٢ الظهر»'],
    ['بين الساعة الثالثة والخامسة مساء', 'ar', '3-10 15:00 – 3-10 17:00 «بين الساعة الثالثة والخامسة مساء»'],
    ['فردا از ساعت ۳ تا ۵ عصر', 'fa', '3-11 15:00 – 3-11 17:00 «فردا از ساعت ۳ تا ۵ عصر»'],
    ['از ساعت ۱۰ صبح تا ۲ بعدازظهر', 'fa', '3-10 10:00 – 3-10 14:00 «از ساعت ۱۰ صبح تا ۲ بعدازظهر»'],
  ])('%s (%s) → %s', (text, lang, expected) => {
    expect(windowIn(text, lang)).toBe(expected);
  });

  it.each([
    ['call me tomorrow morning', 'en', '3-11 9:00 – 3-11 12:00 «tomorrow morning»'],
    ['friday afternoon', 'en', '3-15 12:00 – 3-15 17:00 «friday afternoon»'],
    ['tonight', 'en', '3-10 20:00 – 3-10 23:00 «tonight»'],
    ['jutro wieczorem', 'pl', '3-11 17:00 – 3-11 21:00 «jutro wieczorem»'],
    ['بكرة الصبح', 'ar', '3-11 9:00 – 3-11 12:00 «بكرة الصبح»'],
    ['فردا عصر', 'fa', '3-11 15:00 – 3-11 18:00 «فردا عصر»'],
    ['امشب', 'fa', '3-10 20:00 – 3-10 23:00 «امشب»'],
  ])('a part of the day said without a time is its window: %s (%s) → %s', (text, lang, expected) => {
    expect(windowIn(text, lang)).toBe(expected);
  });

  it('a part of the day with a time is that time, and noon is noon', () => {
    expect(windowIn('at 6 tomorrow morning', 'en')).toBe('3-11 6:00 «at 6 tomorrow morning»');
    expect(windowIn('o siódmej jutro wieczorem', 'pl')).toBe('3-11 19:00 «o siódmej jutro wieczorem»');
    expect(windowIn('jutro w południe', 'pl')).toBe('3-11 12:00 «jutro w południe»');
  });

  it("is today's while it has not ended, else its next turn, as an hour said alone is", () => {
    expect(windowIn('od 9 do 17', 'pl')).toBe('3-10 9:00 – 3-10 17:00 «od 9 do 17»');
    expect(windowIn('from 7 to 8', 'en')).toBe('3-10 19:00 – 3-10 20:00 «from 7 to 8»');
    expect(windowIn('from 7am to 8am', 'en')).toBe('3-11 7:00 – 3-11 8:00 «from 7am to 8am»');
  });

  it('names a time or a day only, and a single date has no end', () => {
    const date = (text: string) => extractEntities(text, 'en', { now }).find((x) => x.type === 'date');
    expect(date('tomorrow')).toMatchObject({ grain: 'day' });
    expect(date('tomorrow')).not.toHaveProperty('until');
    expect(date('tomorrow at 5')).toMatchObject({ grain: 'time' });
    expect(date('tomorrow morning')).toMatchObject({ grain: 'time' });
    expect(date('next friday between 3 and 5')).toMatchObject({ grain: 'time' });
  });

  it('reach the flow engine: the analysis a turn gets keeps the grain and the end', () => {
    const model = trainNlu([{ intent: 'callback', text: 'call me back' }, { intent: 'hello', text: 'hello' }], { now: () => now });
    const [date] = nluSnapshot(model.analyze('call me back tomorrow between 3 and 5 pm')).entities;
    expect(date).toMatchObject({ type: 'date', grain: 'time', text: 'tomorrow between 3 and 5 pm' });
    expect(local(date.until)).toBe('3-11 17:00');
  });
});

describe('"as soon as possible" and "a few"', () => {
  it.each([
    ['call me asap', 'en'],
    ['as soon as possible please', 'en'],
    ['zadzwońcie jak najszybciej', 'pl'],
    ['od razu', 'pl'],
    ['همین الان زنگ بزنید', 'fa'],
    ['در اسرع وقت', 'fa'],
    ['اتصلوا بي في أقرب وقت', 'ar'],
    ['دلوقتي', 'ar'],
  ])('"%s" (%s) is now, with its time, as chrono reads "now"', (text, lang) => {
    const [date] = extractEntities(text, lang, { now }).filter((e) => e.type === 'date');
    expect(date).toMatchObject({ value: now.toISOString(), grain: 'time' });
  });

  it.each([
    ['in a few days', 'en', '2024-3-13 10:00 «in a few days»'],
    ['za kilka dni', 'pl', '2024-3-13 12:00 «za kilka dni»'],
    ['za parę godzin', 'pl', '2024-3-10 13:00 «za parę godzin»'],
    ['چند روز دیگه', 'fa', '2024-3-13 12:00 «چند روز دیگه»'],
    ['بعد بضعة أيام', 'ar', '2024-3-13 12:00 «بعد بضعة أيام»'],
    ['بعد أيام', 'ar', '2024-3-13 12:00 «بعد أيام»'],
  ])('"%s" (%s) is three of them, as chrono reads the English (Persian and Arabic read one, Polish nothing)', (text, lang, expected) => {
    expect(dateIn(text, lang)).toBe(expected);
  });

  it('finds no date in a greeting or a question of how many days', () => {
    expect(dateIn('هلا والله', 'ar')).toBeUndefined();
    expect(dateIn('بعد كم يوم', 'ar')).toBeUndefined();
    expect(dateIn('razem 3 sztuki', 'pl')).toBeUndefined();
  });
});
