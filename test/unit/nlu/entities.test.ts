import { extractEntities, type Entity } from '../../../flows/nlu/index.js';

const now = new Date(2024, 2, 10, 10, 0, 0); // 10 March 2024, local time
const day = (iso: unknown) => {
  const d = new Date(String(iso));
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
};
const of = (list: Entity[], type: Entity['type']) => list.filter((e) => e.type === type);
/** The dates found in `text`, as local days and the words they were read from. */
const date = (text: string, lang: string) => of(extractEntities(text, lang, { now }), 'date').map((e) => [day(e.value), e.text]);

describe('extractEntities', () => {
  it('finds emails and international phones with offsets into the original text', () => {
    const text = 'mail Jan.Kowalski@example.pl or call +48 601 234 567';
    const e = extractEntities(text, 'pl', { now });
    expect(of(e, 'email')).toEqual([{ type: 'email', value: 'jan.kowalski@example.pl', text: 'Jan.Kowalski@example.pl', start: 5, end: 28 }]);
    const [phone] = of(e, 'phone');
    expect(phone.value).toBe('+48601234567');
    expect(text.slice(phone.start, phone.end)).toBe('+48 601 234 567');
  });

  it('reads email addresses spelled out to get past spam filters', () => {
    const emails = (text: string) => of(extractEntities(text, 'en', { now }), 'email').map((e) => [e.value, e.text]);
    expect(emails('write to john at gmail dot com please')).toEqual([['john@gmail.com', 'john at gmail dot com']]);
    expect(emails('john.doe(at)gmail.com')).toEqual([['john.doe@gmail.com', 'john.doe(at)gmail.com']]);
    expect(emails('John [at] Example [dot] org')).toEqual([['john@example.org', 'John [at] Example [dot] org']]);
    expect(emails('jan.kowalski małpa wp.pl')).toEqual([['jan.kowalski@wp.pl', 'jan.kowalski małpa wp.pl']]);
    expect(emails('john dot doe at gmail dot com')).toEqual([['john.doe@gmail.com', 'john dot doe at gmail dot com']]);
    // A plain "at" needs a spelled dot in a message (an answer to an email question takes it: see answers.test.ts).
    expect(emails('look at google.com')).toEqual([]);
  });

  it('reads phones written with Arabic-Indic and Persian digits', () => {
    const ar = extractEntities('رقمي +٩٦٦ ٥٠ ١٢٣ ٤٥٦٧', 'ar', { now });
    expect(of(ar, 'phone')[0]).toMatchObject({ value: '+966501234567', text: '+٩٦٦ ٥٠ ١٢٣ ٤٥٦٧' });
    const fa = extractEntities('شماره من ۰۹۱۲۱۲۳۴۵۶۷ است', 'fa', { now });
    expect(of(fa, 'phone')[0]).toMatchObject({ value: '+989121234567' });
  });

  it('reads Arabic local numbers as Saudi, else Emirati or Egyptian', () => {
    expect(of(extractEntities('رقمي ٠٥٠١٢٣٤٥٦٧', 'ar', { now }), 'phone')[0]).toMatchObject({ value: '+966501234567', text: '٠٥٠١٢٣٤٥٦٧' });
    expect(of(extractEntities('اتصل على 01012345678', 'ar', { now }), 'phone')[0]).toMatchObject({ value: '+201012345678' });
    expect(of(extractEntities('الطلب رقم 1234567', 'ar', { now }), 'phone')).toEqual([]);
  });

  it("reads numbers without a country code in the bot's country first, then the language's", () => {
    const phones = (text: string, lang: string, country?: string) => of(extractEntities(text, lang, { now, country }), 'phone').map((e) => e.value);
    expect(phones('call me at (415) 555-2671 please', 'en')).toEqual([]);
    expect(phones('call me at (415) 555-2671 please', 'en', 'US')).toEqual(['+14155552671']);
    expect(phones('my number is 600 700 800', 'en', 'PL')).toEqual(['+48600700800']);
    expect(phones('رقمي 0501234567', 'ar', 'AE')).toEqual(['+971501234567']);
    // A country the bot's does not read still goes on to the language's.
    expect(phones('شماره من ۰۹۱۲۱۲۳۴۵۶۷', 'fa', 'PL')).toEqual(['+989121234567']);
    expect(phones('+44 7911 123456', 'en', 'US')).toEqual(['+447911123456']);
  });

  it('reads "00" before a country code as "+", as most of the world dials abroad', () => {
    expect(of(extractEntities('my number is 0044 7911 123456', 'en', { now }), 'phone')[0]).toMatchObject({ value: '+447911123456', text: '0044 7911 123456' });
    expect(of(extractEntities('رقمي ٠٠٩٦٦٥٠١٢٣٤٥٦٧', 'ar', { now, country: 'US' }), 'phone')[0]).toMatchObject({ value: '+966501234567', text: '٠٠٩٦٦٥٠١٢٣٤٥٦٧' });
    expect(of(extractEntities('order 00123456 is late', 'en', { now }), 'phone')).toEqual([]);
  });

  it('reads money with currency in en, pl, fa, ar', () => {
    expect(of(extractEntities('shoes for $30', 'en', { now }), 'money')[0]).toMatchObject({ value: 30, currency: 'USD', text: '$30' });
    expect(of(extractEntities('buty za 50 zł', 'pl', { now }), 'money')[0]).toMatchObject({ value: 50, currency: 'PLN', text: '50 zł' });
    expect(of(extractEntities('price 1 299,50 zł', 'pl', { now }), 'money')[0]).toMatchObject({ value: 1299.5, currency: 'PLN' });
    expect(of(extractEntities('کفش زیر ۵۰ تومان', 'fa', { now }), 'money')[0]).toMatchObject({ value: 50, currency: 'IRT', text: '۵۰ تومان' });
    expect(of(extractEntities('أريد هاتفا ب100 ريال', 'ar', { now }), 'money')[0]).toMatchObject({ value: 100, currency: 'SAR', text: '100 ريال' });
    expect(of(extractEntities('۱۰۰ ریال', 'fa', { now }), 'money')[0]).toMatchObject({ value: 100, currency: 'IRR' });
  });

  it('reads Polish dollars and pounds in every case, and currencies in Finglish and Arabizi', () => {
    const money = (text: string, lang: string) => of(extractEntities(text, lang, { now }), 'money').map((e) => [e.value, e.currency]);
    expect(money('krem do 50 dolarów', 'pl')).toEqual([[50, 'USD']]);
    expect(money('2 dolary albo 30 funtów', 'pl')).toEqual([[2, 'USD'], [30, 'GBP']]);
    expect(money('zire 50 dolar', 'fa')).toEqual([[50, 'USD']]);
    expect(money('budjeh 500 hezar toman', 'fa')).toEqual([[500000, 'IRT']]);
    expect(money('3 alf riyal', 'ar')).toEqual([[3000, 'SAR']]);
    expect(money('dolarowy 50', 'pl')).toEqual([]);
  });

  it('takes a currency code as written, and a rial as the language says', () => {
    const money = (text: string, lang: string) => of(extractEntities(text, lang, { now }), 'money').map((e) => [e.value, e.currency]);
    expect(money('500 IRR', 'ar')).toEqual([[500, 'IRR']]);
    expect(money('100 SAR', 'fa')).toEqual([[100, 'SAR']]);
    expect(money('100 riyals', 'en')).toEqual([[100, 'SAR']]);
    expect(money('100 rial', 'fa')).toEqual([[100, 'IRR']]);
    expect(money('50 دولارات', 'ar')).toEqual([[50, 'USD']]);
    expect(money('za 20 złotówek', 'pl')).toEqual([[20, 'PLN']]);
    expect(money('50 zlotowka', 'pl')).toEqual([[50, 'PLN']]);
    expect(money('5 euroz', 'en')).toEqual([]);
    // Any code of the table, before the amount too (only USD, EUR, GBP and PLN were read there).
    expect(money('AED 50', 'ar')).toEqual([[50, 'AED']]);
    expect(money('SAR 100', 'fa')).toEqual([[100, 'SAR']]);
    expect(money('EGP 300', 'en')).toEqual([[300, 'EGP']]);
  });

  it('reads a currency word several countries use as the bot\'s country\'s, else the most common one, else as money in no known currency', () => {
    const money = (text: string, lang: string, country?: string) => of(extractEntities(text, lang, { now, country }), 'money').map((e) => [e.value, e.currency]);
    expect(money('50 دينار', 'ar', 'KW')).toEqual([[50, 'KWD']]);
    expect(money('50 دينار', 'ar', 'jo')).toEqual([[50, 'JOD']]);
    expect(money('50 دينار', 'ar')).toEqual([[50, undefined]]);
    expect(money('ألف ليرة', 'ar', 'LB')).toEqual([[1000, 'LBP']]);
    expect(money('100 ريال', 'ar', 'OM')).toEqual([[100, 'OMR']]);
    expect(money('100 rials', 'en', 'IR')).toEqual([[100, 'IRR']]);
    expect(money('100 ريال', 'ar', 'PL')).toEqual([[100, 'SAR']]);
    expect(money('200 درهم', 'ar', 'MA')).toEqual([[200, 'MAD']]);
    expect(money('200 درهم', 'ar')).toEqual([[200, 'AED']]);
    expect(money('300 جنيه', 'ar', 'SD')).toEqual([[300, 'SDG']]);
    expect(money('300 جنيه', 'ar')).toEqual([[300, 'EGP']]);
  });

  it('multiplies amounts said with thousand or million words', () => {
    expect(of(extractEntities('بودجه ۵۰۰ هزار تومان', 'fa', { now }), 'money')[0]).toMatchObject({ value: 500000, currency: 'IRT', text: '۵۰۰ هزار تومان' });
    expect(of(extractEntities('do 2 mln zł', 'pl', { now }), 'money')[0]).toMatchObject({ value: 2000000, currency: 'PLN' });
    expect(of(extractEntities('٣ آلاف ريال', 'ar', { now }), 'money')[0]).toMatchObject({ value: 3000, currency: 'SAR' });
    expect(of(extractEntities('a $5k budget', 'en', { now }), 'money')[0]).toMatchObject({ value: 5000, currency: 'USD', text: '$5k' });
    expect(of(extractEntities('$3 mangoes', 'en', { now }), 'money')[0]).toMatchObject({ value: 3, text: '$3' });
  });

  it('multiplies plain numbers said with thousand or million words too, but not by "m" after a bare number', () => {
    const numbers = (text: string, lang: string) => of(extractEntities(text, lang, { now }), 'number').map((e) => [e.value, e.text]);
    expect(numbers('budget 2k', 'en')).toEqual([[2000, '2k']]);
    expect(numbers('about 3 grand', 'en')).toEqual([[3000, '3 grand']]);
    expect(of(extractEntities('£2 grand tops', 'en', { now }), 'money')[0]).toMatchObject({ value: 2000, currency: 'GBP', text: '£2 grand' });
    expect(numbers('about 1.5 million', 'en')).toEqual([[1500000, '1.5 million']]);
    expect(numbers('زیر ۵۰۰ هزار', 'fa')).toEqual([[500000, '۵۰۰ هزار']]);
    expect(numbers('do 2 tys.', 'pl')).toEqual([[2000, '2 tys.']]);
    expect(numbers('a 5 m cable for 2 kids', 'en')).toEqual([[5, '5'], [2, '2']]);
  });

  it("gives a range's near end the currency and scale its far end names", () => {
    const amounts = (text: string, lang: string) => extractEntities(text, lang, { now }).map((e) => [e.type, e.value, e.currency ?? null]);
    expect(amounts('between 100 and 200 dollars', 'en')).toEqual([['money', 100, 'USD'], ['money', 200, 'USD']]);
    expect(amounts('100 to 200 thousand', 'en')).toEqual([['number', 100000, null], ['number', 200000, null]]);
    expect(amounts('od 100 do 200 zł', 'pl')).toEqual([['money', 100, 'PLN'], ['money', 200, 'PLN']]);
    expect(amounts('50-100 zł', 'pl')).toEqual([['money', 50, 'PLN'], ['money', 100, 'PLN']]);
    expect(amounts('بین ۱۰۰ تا ۲۰۰ هزار تومان', 'fa')).toEqual([['money', 100000, 'IRT'], ['money', 200000, 'IRT']]);
    expect(amounts('من 100 إلى 200 ريال', 'ar')).toEqual([['money', 100, 'SAR'], ['money', 200, 'SAR']]);
    // "and" joins a range only after "between".
    expect(amounts('2 and 50 dollars', 'en')).toEqual([['number', 2, null], ['money', 50, 'USD']]);
  });

  it('reads amounts spelled out in words, in en, pl, fa, ar', () => {
    const money = (text: string, lang: string) => of(extractEntities(text, lang, { now }), 'money')[0];
    expect(money('about two hundred and fifty euros', 'en')).toMatchObject({ value: 250, currency: 'EUR', text: 'two hundred and fifty euros' });
    expect(money('twenty-five bucks', 'en')).toMatchObject({ value: 25, currency: 'USD' });
    expect(money('do stu pięćdziesięciu złotych', 'pl')).toMatchObject({ value: 150, currency: 'PLN', text: 'stu pięćdziesięciu złotych' });
    expect(money('dwa tysiące zł', 'pl')).toMatchObject({ value: 2000, currency: 'PLN' });
    expect(money('بودجه دویست و پنجاه هزار تومن', 'fa')).toMatchObject({ value: 250000, currency: 'IRT', text: 'دویست و پنجاه هزار تومن' });
    expect(money('یک میلیون و پانصد هزار تومان', 'fa')).toMatchObject({ value: 1500000 });
    expect(money('خمسة وعشرون دولار', 'ar')).toMatchObject({ value: 25, currency: 'USD' });
    expect(money('ثلاثة آلاف ريال', 'ar')).toMatchObject({ value: 3000, currency: 'SAR' });
    // In Persian "ست" is a set, not the Arabic six: the words of the message's language count.
    expect(money('ست آرایشی پنجاه دلار', 'fa')).toMatchObject({ value: 50, text: 'پنجاه دلار' });
    expect(of(extractEntities('this one is fine', 'en', { now }), 'money')).toEqual([]);
  });

  it('reads two numbers joined by "and" as two, and a number of the right places as one', () => {
    const values = (text: string, lang: string) => extractEntities(text, lang, { now }).map((e) => [e.type, e.value]);
    expect(values('between ten and twenty dollars', 'en')).toEqual([['number', 10], ['money', 20]]);
    expect(values('one hundred and twelve', 'en')).toEqual([['number', 112]]);
    expect(values('rooms two and three', 'en')).toEqual([['number', 2], ['number', 3]]);
    expect(values('ثلاثة وثلاثة', 'ar')).toEqual([['number', 3], ['number', 3]]);
    expect(values('خمسة وعشرون', 'ar')).toEqual([['number', 25]]);
    expect(values('دو و سه', 'fa')).toEqual([['number', 2], ['number', 3]]);
    expect(values('five twenty', 'en')).toEqual([['number', 5], ['number', 20]]);
  });

  it('reads numbers in words of the message\'s language, but not a lone word for one, nor Persian "نه" (no)', () => {
    const numbers = (text: string, lang?: string) => of(extractEntities(text, lang, { now }), 'number').map((e) => [e.value, e.text]);
    expect(numbers('I need three creams', 'en')).toEqual([[3, 'three']]);
    expect(numbers('poproszę dwa kremy', 'pl')).toEqual([[2, 'dwa']]);
    expect(numbers('أريد ثلاثة', 'ar')).toEqual([[3, 'ثلاثة']]);
    expect(numbers('سه تا می‌خواهم', 'fa')).toEqual([[3, 'سه']]);
    expect(numbers('one hundred', 'en')).toEqual([[100, 'one hundred']]);
    expect(numbers('the one I ordered', 'en')).toEqual([]);
    expect(numbers('یه کرم می‌خواهم', 'fa')).toEqual([]);
    expect(numbers('نه ممنون', 'fa')).toEqual([]);
    expect(numbers('jedna rzecz', 'pl')).toEqual([]);
    expect(numbers('I need three creams')).toEqual([]);
  });

  it('reads plain numbers such as "under 50"', () => {
    const e = extractEntities('shoes under 50 please', 'en', { now });
    expect(e).toEqual([{ type: 'number', value: 50, text: '50', start: 12, end: 14 }]);
  });

  it('reads Finglish and Arabizi date words, with offsets into the original text', () => {
    expect(date('farda biyarid lotfan', 'fa')).toEqual([['2024-3-11', 'farda']]);
    expect(date('pas farda saat 5 asr', 'fa')).toEqual([['2024-3-12', 'pas farda saat 5 asr']]);
    // 10 March 2024 is a Sunday; the Persian week starts on Saturday.
    expect(date('seshanbe hafte bad', 'fa')).toEqual([['2024-3-19', 'seshanbe hafte bad']]);
    expect(date('ana 3ayzo bokra', 'ar')).toEqual([['2024-3-11', 'bokra']]);
    expect(date('yom el khamees', 'ar')).toEqual([['2024-3-14', 'el khamees']]);
    // "talata" is three; "el talat" is Tuesday.
    expect(date('ba3d talata ayam', 'ar')).toEqual([]);
    expect(date('yom el talat', 'ar')).toEqual([['2024-3-12', 'el talat']]);
    // English words are not Persian ones: "bad" alone is no "next".
    expect(date('not bad at all', 'fa')).toEqual([]);
  });

  it('reads a day of the month said alone as the next one to come, as a whole message or after a preposition', () => {
    expect(date('the 12th', 'en')).toEqual([['2024-3-12', 'the 12th']]);
    expect(date('5th.', 'en')).toEqual([['2024-4-5', '5th']]);
    expect(date('dwunastego', 'pl')).toEqual([['2024-3-12', 'dwunastego']]);
    expect(date('a może na dwudziestego pierwszego?', 'pl')).toEqual([['2024-3-21', 'dwudziestego pierwszego']]);
    expect(date('do 15-go', 'pl')).toEqual([['2024-3-15', '15-go']]);
    // In Persian, of the Solar Hijri month: 10 March 2024 is 20 Esfand 1402, so the 12th is 12 Farvardin, 31 March.
    expect(date('دوازدهم', 'fa')).toEqual([['2024-3-31', 'دوازدهم']]);
    expect(date('برای بیست و یکم', 'fa')).toEqual([['2024-3-11', 'بیست و یکم']]);
    expect(date('نفر سوم', 'fa')).toEqual([]);
    // An ordinal inside a sentence counts something else.
    expect(date('the 3rd customer', 'en')).toEqual([]);
    expect(date('dwunastego klienta', 'pl')).toEqual([]);
  });

  it('reads relative dates against the injected now', () => {
    expect(day(of(extractEntities('deliver it tomorrow', 'en', { now }), 'date')[0]?.value)).toBe('2024-3-11');
    expect(day(of(extractEntities('next friday please', 'en', { now }), 'date')[0]?.value)).toBe('2024-3-15');
    expect(day(of(extractEntities('dostawa jutro', 'pl', { now }), 'date')[0]?.value)).toBe('2024-3-11');
    expect(day(of(extractEntities('pojutrze rano', 'pl', { now }), 'date')[0]?.value)).toBe('2024-3-12');
    expect(day(of(extractEntities('أريده غدا', 'ar', { now }), 'date')[0]?.value)).toBe('2024-3-11');
    expect(day(of(extractEntities('بعد غد', 'ar', { now }), 'date')[0]?.value)).toBe('2024-3-12');
    expect(day(of(extractEntities('فردا تحویل بده', 'fa', { now }), 'date')[0]?.value)).toBe('2024-3-11');
    expect(day(of(extractEntities('دیروز سفارش دادم', 'fa', { now }), 'date')[0]?.value)).toBe('2024-3-9');
  });

  it('keeps the first 50 entities of a message made of numbers', () => {
    const e = extractEntities('7 '.repeat(2000), 'en', { now });
    expect(e).toHaveLength(50);
    expect(e[49]).toMatchObject({ type: 'number', value: 7, start: 98 });
  });

  it('finds nothing in plain text', () => {
    expect(extractEntities('where is my order', 'en', { now })).toEqual([]);
    expect(extractEntities('how much money is on my card', 'en', { now })).toEqual([]);
    expect(extractEntities('امسال چه محصول جدیدی دارید', 'fa', { now })).toEqual([]);
  });
});
