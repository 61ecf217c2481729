import { extractNumber, parseChoice, parseDate, parseDateTime, parseEmail, parseEmailOrPhone, parseNumber, parsePhone, parseText, parseYesNo } from '../../../flows/text/answers';
import { normalize } from '../../../flows/text/normalize';
import { pickLocale, resolveLocale } from '../../../flows/text/localize';
import { renderTemplate } from '../../../flows/text/template';

describe('normalize', () => {
  it('unifies Arabic/Persian letters, removes diacritics and ZWNJ, maps digits', () => {
    expect(normalize('  إلغاء   الاشتراك! ')).toBe('الغاء الاشتراک');
    expect(normalize('مي‌خواهم')).toBe('میخواهم');
    expect(normalize('مُوَظَّف')).toBe('موظف');
    expect(normalize('Człowiek?')).toBe('czlowiek');
    expect(normalize('۱۲٣')).toBe('123');
  });
});

describe('answer validators', () => {
  it('email', () => {
    expect(parseEmail('my mail: Anna@Example.COM thanks')).toEqual({ ok: true, value: 'anna@example.com', field: 'email' });
    expect(parseEmail('anna@example')).toEqual({ ok: false, reason: 'format' });
    expect(parseEmail('anna at example.com')).toEqual({ ok: true, value: 'anna@example.com', field: 'email' });
    expect(parseEmail('anna (at) example (dot) com')).toEqual({ ok: true, value: 'anna@example.com', field: 'email' });
    expect(parseEmail('at home')).toEqual({ ok: false, reason: 'format' });
    expect(parseEmail('')).toEqual({ ok: false, reason: 'format' });
  });

  it('phone, with Persian and Arabic-Indic digits', () => {
    expect(parsePhone('+48 600-700-800')).toEqual({ ok: true, value: '+48600700800', field: 'phone' });
    expect(parsePhone('۰۹۱۲ ۳۴۵ ۶۷۸۹')).toEqual({ ok: true, value: '09123456789', field: 'phone' });
    expect(parsePhone('٠١٠٠١٢٣٤٥٦٧')).toMatchObject({ ok: true, value: '01001234567' });
    expect(parsePhone('0044 7911 123456', { lang: 'en', country: 'US' })).toEqual({ ok: true, value: '+447911123456', field: 'phone' });
    expect(parsePhone('12345')).toEqual({ ok: false, reason: 'format' });
    expect(parsePhone('call me maybe')).toEqual({ ok: false, reason: 'format' });
  });

  it('phone in E.164 when the language or the bot tells its country', () => {
    expect(parsePhone('600 700 800', { lang: 'pl' })).toEqual({ ok: true, value: '+48600700800', field: 'phone' });
    expect(parsePhone('۰۹۱۲ ۳۴۵ ۶۷۸۹', { lang: 'fa' })).toMatchObject({ value: '+989123456789' });
    expect(parsePhone('(415) 555-2671', { lang: 'en', country: 'US' })).toMatchObject({ value: '+14155552671' });
    // The bot's country comes before the language's: 050… is Emirati here, Saudi for an Arabic bot without a country.
    expect(parsePhone('0501234567', { lang: 'ar', country: 'AE' })).toMatchObject({ value: '+971501234567' });
    expect(parsePhone('0501234567', { lang: 'ar' })).toMatchObject({ value: '+966501234567' });
    // A number the language's country does not know may be a foreign one: kept as written.
    expect(parsePhone('07911 123456', { lang: 'pl' })).toMatchObject({ ok: true, value: '07911123456' });
  });

  it('phone refused when it cannot be a number of its country', () => {
    expect(parsePhone('12345678', { lang: 'pl', country: 'PL' })).toEqual({ ok: false, reason: 'format' });
    expect(parsePhone('(555) 123-4567', { country: 'US' })).toEqual({ ok: false, reason: 'format' });
    expect(parsePhone('+1 555 123 4567')).toEqual({ ok: false, reason: 'format' });
    // With its country code a foreign number is taken wherever the bot is.
    expect(parsePhone('+44 7911 123456', { country: 'PL' })).toMatchObject({ ok: true, value: '+447911123456' });
  });

  it('email or phone picks the matching contact field', () => {
    expect(parseEmailOrPhone('a@b.pl')).toMatchObject({ ok: true, field: 'email' });
    expect(parseEmailOrPhone('600 700 800')).toMatchObject({ ok: true, field: 'phone' });
    expect(parseEmailOrPhone('nope')).toMatchObject({ ok: false });
    expect(parseEmailOrPhone('600 700 800', { country: 'PL' })).toMatchObject({ ok: true, value: '+48600700800', field: 'phone' });
  });

  it('numbers in any digits, with separators and ranges', () => {
    expect(extractNumber('under 50 dollars')).toBe(50);
    expect(extractNumber('۵۰ دلار')).toBe(50);
    expect(extractNumber('أقل من ٧٥')).toBe(75);
    expect(extractNumber('49,99 zł')).toBe(49.99);
    expect(extractNumber('1 000 zł')).toBe(1000);
    expect(extractNumber('1,000')).toBe(1000);
    expect(extractNumber('no idea')).toBeUndefined();
    expect(parseNumber('0', { min: 1 })).toEqual({ ok: false, reason: 'range' });
    expect(parseNumber('two please')).toEqual({ ok: true, value: 2 });
  });

  it('reads a number answer with its scale, and a range as its far end', () => {
    const value = (text: string) => (parseNumber(text) as { value: unknown }).value;
    expect(['500 هزار تومان', '$5k', '3 thousand dollars', 'do 2 tys. zł', '1.5 million', 'زیر ۵۰۰ هزار'].map(value)).toEqual([500000, 5000, 3000, 2000, 1500000, 500000]);
    expect(['between 100 and 200 dollars', 'od 50 do 100 zł', 'بین ۱۰۰ تا ۲۰۰ هزار تومان', '50-100'].map(value)).toEqual([200, 100, 200000, 100]);
    expect(['-5', '2 or 3', '49,99 zł', '1 000 zł'].map(value)).toEqual([-5, 2, 49.99, 1000]);
    expect(parseNumber('5k', { max: 500 })).toEqual({ ok: false, reason: 'range' });
    expect(parseNumber('poproszę dwie sztuki')).toEqual({ ok: true, value: 2 });
    expect(parseNumber('ثلاثة')).toEqual({ ok: true, value: 3 });
    expect(parseNumber('سه تا')).toEqual({ ok: true, value: 3 });
    expect(parseNumber('نه')).toEqual({ ok: false, reason: 'format' }); // Persian "no", not nine
    expect(parseNumber('fifty five')).toEqual({ ok: true, value: 55 });
    expect(parseNumber('around two hundred and fifty dollars')).toEqual({ ok: true, value: 250 });
    expect(parseNumber('pięćdziesiąt')).toEqual({ ok: true, value: 50 });
    expect(parseNumber('دویست و پنجاه')).toEqual({ ok: true, value: 250 });
    expect(parseNumber('خمسة وعشرون')).toEqual({ ok: true, value: 25 });
    expect(parseNumber('نه هزار')).toEqual({ ok: true, value: 9000 });
    expect(parseNumber('twenty', { max: 10 })).toEqual({ ok: false, reason: 'range' });
    expect(parseNumber('20001', { max: 10000 })).toEqual({ ok: false, reason: 'range' });
    expect(parseNumber('abc')).toEqual({ ok: false, reason: 'format' });
  });

  it.each([
    ['yes', true], ['Yes please', true], ['no', false], ['nope', false],
    ['tak', true], ['Nie, dziękuję', false], ['zgadzam się', true], ['nie zgadzam się', false],
    ['نعم', true], ['لا', false], ['لا أوافق', false], ['أوافق', true],
    ['بله', true], ['نه', false], ['آره', true], ['موافق نیستم', false], ['نمی‌خواهم', false],
    ['yesss', true], ['Noooo!', false], ['okkk sure', true], ['نههه', false], ['لااا', false],
    // Finglish and Arabizi.
    ['bale', true], ['areh', true], ['kheyr', false], ['na3am', true], ['aywa', true], ['la2', false],
    ['👍', true], ['👍🏽', true], ['✅', true], ['👎', false], ['❌', false],
    // Everyday ways to say it.
    ['sounds good', true], ['not now', false], ['spoko', true], ['nie teraz', false], ['تمام', true], ['ماشي', true],
    ['اوکی', true], ['فعلا نه', false], ['نمیخوام', false],
  ])('yes/no: %s → %s', (text, value) => {
    expect(parseYesNo(text)).toEqual({ ok: true, value });
  });

  it('yes/no refuses anything else', () => {
    expect(parseYesNo('maybe')).toEqual({ ok: false, reason: 'no_match' });
    // Persian "are" (yes) and "na" (no) are left out: English questions start with "are", Polish "na pewno" is "sure".
    expect(parseYesNo('are you a bot?')).toEqual({ ok: false, reason: 'no_match' });
    expect(parseYesNo('na pewno')).toEqual({ ok: false, reason: 'no_match' });
    expect(parseYesNo('   ')).toEqual({ ok: false, reason: 'empty' });
  });

  it('dates: ISO, day-first, relative words, invalid', () => {
    const now = new Date('2025-01-06T10:00:00Z');
    expect(parseDate('2025-03-01', now)).toEqual({ ok: true, value: '2025-03-01' });
    expect(parseDate('15.02.2025', now)).toEqual({ ok: true, value: '2025-02-15' });
    expect(parseDate('pas farda', now, 'fa')).toEqual({ ok: true, value: '2025-01-08' });
    expect(parseDate('bokra', now, 'ar')).toEqual({ ok: true, value: '2025-01-07' });
    expect(parseDate('۱۵/۰۲/۲۰۲۵', now)).toEqual({ ok: true, value: '2025-02-15' });
    expect(parseDate('jutro', now)).toEqual({ ok: true, value: '2025-01-07' });
    expect(parseDate('فردا', now)).toEqual({ ok: true, value: '2025-01-07' });
    expect(parseDate('غدا', now)).toEqual({ ok: true, value: '2025-01-07' });
    expect(parseDate('31.02.2025', now)).toEqual({ ok: false, reason: 'format' });
    expect(parseDate('someday', now)).toEqual({ ok: false, reason: 'format' });
  });

  it('dates in words of the conversation language first, then of any language the NLU reads dates in', () => {
    const monday = new Date(2025, 0, 6, 10); // Monday 6 January 2025, local time
    expect(parseDate('next friday', monday, 'en')).toEqual({ ok: true, value: '2025-01-17' });
    expect(parseDate('w przyszły piątek', monday, 'pl-PL')).toEqual({ ok: true, value: '2025-01-17' });
    expect(parseDate('za 3 dni', monday)).toEqual({ ok: true, value: '2025-01-09' });
    expect(parseDate('بعد يومين', monday, 'ar')).toEqual({ ok: true, value: '2025-01-08' });
    expect(parseDate('۱۸ دی', monday, 'fa')).toEqual({ ok: true, value: '2025-01-07' });
  });

  it('date and time answers: a time on the bot\'s clock with its offset, a window as an interval, a day alone refused', () => {
    const saturday = new Date('2026-12-05T10:00:00Z');
    expect(parseDateTime('tomorrow at 3', saturday, 'en', 'Europe/Warsaw')).toEqual({ ok: true, value: '2026-12-06T15:00+01:00' });
    expect(parseDateTime('2026-12-24 15:30', saturday, 'en', 'America/New_York')).toEqual({ ok: true, value: '2026-12-24T15:30-05:00' });
    expect(parseDateTime('jutro między 15 a 17', saturday, 'pl', 'Europe/Warsaw')).toEqual({ ok: true, value: '2026-12-06T15:00+01:00/2026-12-06T17:00+01:00' });
    expect(parseDateTime('فردا ساعت ۵ عصر', saturday, 'en', 'Asia/Tehran')).toEqual({ ok: true, value: '2026-12-06T17:00+03:30' });
    expect(parseDateTime('monday morning', saturday, 'en', 'Europe/Warsaw')).toEqual({ ok: true, value: '2026-12-07T09:00+01:00/2026-12-07T12:00+01:00' });
    expect(parseDateTime('tomorrow', saturday, 'en', 'Europe/Warsaw')).toEqual({ ok: false, reason: 'no_time', day: '2026-12-06' });
    expect(parseDateTime('whenever suits you', saturday, 'en', 'Europe/Warsaw')).toEqual({ ok: false, reason: 'format' });
  });

  it('dates in words are days on the clock of the bot\'s time zone', () => {
    // 22:30 UTC on 10 March 2024: 11 March in Tehran, 10 March in Honolulu.
    const late = new Date('2024-03-10T22:30:00Z');
    expect(parseDate('today', late, 'en', 'Asia/Tehran')).toEqual({ ok: true, value: '2024-03-11' });
    expect(parseDate('فردا', late, 'fa', 'Asia/Tehran')).toEqual({ ok: true, value: '2024-03-12' });
    expect(parseDate('tomorrow', late, 'en', 'Pacific/Honolulu')).toEqual({ ok: true, value: '2024-03-11' });
    expect(parseDate('2024-03-20', late, 'en', 'Pacific/Honolulu')).toEqual({ ok: true, value: '2024-03-20' });
  });

  const options = [
    { value: 'dry', label: { en: 'Dry', pl: 'Sucha', ar: 'جافة', fa: 'خشک' } },
    { value: 'oily', label: { en: 'Oily', pl: 'Tłusta', ar: 'دهنية', fa: 'چرب' }, synonyms: { pl: ['tłustą'] } },
    { value: 'combo', label: 'Combination' },
  ];

  it('choice by payload, number (any digits), title, synonym, title inside a sentence', () => {
    expect(parseChoice('whatever', options, 'en', 'en', 'oily')).toEqual({ ok: true, value: 'oily' });
    expect(parseChoice('2', options, 'en', 'en')).toEqual({ ok: true, value: 'oily' });
    expect(parseChoice('۳', options, 'fa', 'en')).toEqual({ ok: true, value: 'combo' });
    expect(parseChoice('SUCHA', options, 'pl', 'en')).toEqual({ ok: true, value: 'dry' });
    expect(parseChoice('mam tłustą cerę', options, 'pl', 'en')).toEqual({ ok: true, value: 'oily' });
    expect(parseChoice('پوستم خشک است', options, 'fa', 'en')).toEqual({ ok: true, value: 'dry' });
    expect(parseChoice('combination', options, 'en', 'en')).toEqual({ ok: true, value: 'combo' });
  });

  it('choice by another form of an option\'s words, only when no option is said as written', () => {
    expect(parseChoice('للبشرة الجافة', options, 'ar', 'en')).toEqual({ ok: true, value: 'dry' });
    // Spoken Persian's "is" on a short word: "خشکه", "چربه".
    expect(parseChoice('پوستم خشکه', options, 'fa', 'en')).toEqual({ ok: true, value: 'dry' });
    expect(parseChoice('چربه', options, 'fa', 'en')).toEqual({ ok: true, value: 'oily' });
    expect(parseChoice('my skin is oilier', options, 'en', 'en')).toEqual({ ok: false, reason: 'no_match' });
    expect(parseChoice('i tried combinations', options, 'en', 'en')).toEqual({ ok: true, value: 'combo' });
    expect(parseChoice('dry, a combination of things', options, 'en', 'en')).toEqual({ ok: false, reason: 'ambiguous' });
    // "drying" is "dry" in another form; "combination" is said as written, and wins.
    expect(parseChoice('drying, combination', options, 'en', 'en')).toEqual({ ok: true, value: 'combo' });
  });

  it('choice by an option in Arabic script typed in Latin letters (Finglish, Arabizi)', () => {
    expect(parseChoice('poostam charbe', options, 'fa', 'en')).toEqual({ ok: true, value: 'oily' });
    expect(parseChoice('khoshk', options, 'fa', 'en')).toEqual({ ok: true, value: 'dry' });
    expect(parseChoice('bashra dohnia', options, 'ar', 'en')).toEqual({ ok: true, value: 'oily' });
    expect(parseChoice("I'm not sure", options, 'fa', 'en')).toEqual({ ok: false, reason: 'no_match' });
  });

  it('a catch-all option is the answer alone, and gives way to another option named with it', () => {
    const withUnsure = [...options, { value: 'unsure', label: { en: 'Not sure', pl: 'Nie wiem' }, synonyms: { en: ["I don't know", 'no idea'] }, catchAll: true }];
    expect(parseChoice('not sure', withUnsure, 'en', 'en')).toEqual({ ok: true, value: 'unsure' });
    expect(parseChoice("honestly I don't know my skin type", withUnsure, 'en', 'en')).toEqual({ ok: true, value: 'unsure' });
    expect(parseChoice('nie wiem, chyba tłustą', withUnsure, 'pl', 'en')).toEqual({ ok: true, value: 'oily' });
    expect(parseChoice("I think it's oily but I'm not sure", withUnsure, 'en', 'en')).toEqual({ ok: true, value: 'oily' });
    // Named in another form of its words, an option still wins over the catch-all said as written.
    expect(parseChoice('not sure, combinations maybe', withUnsure, 'en', 'en')).toEqual({ ok: true, value: 'combo' });
    expect(parseChoice('not sure: dry or oily', withUnsure, 'en', 'en')).toEqual({ ok: false, reason: 'ambiguous' });
    expect(parseChoice('4', withUnsure, 'en', 'en')).toEqual({ ok: true, value: 'unsure' });
  });

  it('choice refuses out of range, ambiguous and unknown answers', () => {
    expect(parseChoice('7', options, 'en', 'en')).toEqual({ ok: false, reason: 'range' });
    expect(parseChoice('dry or oily', options, 'en', 'en')).toEqual({ ok: false, reason: 'ambiguous' });
    expect(parseChoice('purple', options, 'en', 'en')).toEqual({ ok: false, reason: 'no_match' });
  });

  it('text with length and pattern', () => {
    expect(parseText(' Anna ')).toEqual({ ok: true, value: 'Anna' });
    expect(parseText('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseText('x'.repeat(61), { maxLength: 60 })).toEqual({ ok: false, reason: 'range' });
    expect(parseText('AB-12', { pattern: '^[A-Z]{2}-\\d+$' })).toMatchObject({ ok: true });
    expect(parseText('ab12', { pattern: '^[A-Z]{2}-\\d+$' })).toEqual({ ok: false, reason: 'format' });
  });
});

describe('localisation and templates', () => {
  it('picks exact, base language, fallback locale, then any', () => {
    const t = { en: 'Hi', pl: 'Cześć' };
    expect(pickLocale(t, 'pl', 'en')).toBe('Cześć');
    expect(pickLocale(t, 'pl-PL', 'en')).toBe('Cześć');
    expect(pickLocale(t, 'fa', 'en')).toBe('Hi');
    expect(pickLocale({ pl: 'Cześć' }, 'fa', 'en')).toBe('Cześć');
    expect(pickLocale('Same', 'ar', 'en')).toBe('Same');
    expect(resolveLocale('PL-pl', ['en', 'pl'], 'en')).toBe('pl');
    expect(resolveLocale('de', ['en', 'pl'], 'en')).toBe('en');
  });

  it('renders variables with defaults and never leaves raw tags', () => {
    const scope = { contact: { firstName: 'Ola', fields: { city: 'Kraków' } }, vars: { budget: 50, tags: ['a', 'b'] }, lead: { score: 20 }, channel: 'web', locale: 'pl' };
    expect(renderTemplate('Hi {{contact.firstName}} from {{ contact.fields.city }}, {{vars.budget}} / {{lead.score}} on {{channel}}', scope)).toBe('Hi Ola from Kraków, 50 / 20 on web');
    expect(renderTemplate('Hi {{contact.lastName | there}}! {{vars.tags}} {{vars.missing}}.', scope)).toBe('Hi there! a, b .');
  });
});
