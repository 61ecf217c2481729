import { normalizeText } from '../../../flows/nlu/index.js';
import { lightStem } from '../../../flows/nlu/features.js';

describe('normalizeText', () => {
  it('unifies Arabic/Persian yeh and kaf to the requested language', () => {
    expect(normalizeText('كيف')).toBe('كيف');
    expect(normalizeText('کیف')).toBe('كيف');
    expect(normalizeText('سفارشم كجاست', 'fa')).toBe('سفارشم کجاست');
    expect(normalizeText('علي')).toBe(normalizeText('علی'));
  });

  it('removes harakat, tatweel and unifies alef forms', () => {
    expect(normalizeText('مُحَمَّـــد')).toBe('محمد');
    expect(normalizeText('أين إلى آخر')).toBe('اين الي اخر'); // alef maksura folds into yeh;
  });

  it('removes ZWNJ so joined and ZWNJ spellings match', () => {
    expect(normalizeText('می\u200cخواهم', 'fa')).toBe('میخواهم');
    expect(normalizeText('می\u200cخواهم', 'fa')).toBe(normalizeText('میخواهم', 'fa'));
  });

  it('maps Arabic-Indic and Persian digits to ASCII', () => {
    expect(normalizeText('٣٤ ريال')).toBe('34 ريال');
    expect(normalizeText('۵۰ تومان', 'fa')).toBe('50 تومان');
  });

  it('folds case and Polish diacritics, strips punctuation', () => {
    expect(normalizeText('Gdzie jest moje ZAMÓWIENIE? Łódź, źdźbło!')).toBe('gdzie jest moje zamowienie lodz zdzblo');
    expect(normalizeText('Ąę Ćń Śż')).toBe('ae cn sz');
    expect(normalizeText("  I'm   HERE!! ")).toBe('im here');
  });
});

describe('lightStem', () => {
  it('strips Persian plural and possessive endings as normalizeText spells them', () => {
    const stem = (word: string) => lightStem(normalizeText(word));
    expect(new Set(['چراغ‌ها', 'چراغ‌های', 'چراغهای', 'چراغ‌هایم'].map(stem))).toEqual(new Set([stem('چراغ')]));
  });

  it('strips the Persian "you" ending of words of six letters or more, keeping shorter words whole', () => {
    const stem = (word: string) => lightStem(normalizeText(word));
    expect(stem('رباتید')).toBe(stem('ربات'));
    expect(stem('می‌خواهید')).toBe(stem('می‌خواهم'));
    expect(stem('خرید')).toBe('خريد');
    expect(stem('تولید')).toBe('توليد');
  });

  it('stems English with Porter and strips the Arabic article', () => {
    expect(lightStem('payments')).toBe(lightStem('payment'));
    expect(lightStem(normalizeText('البطاقة'))).toBe(lightStem(normalizeText('بطاقة')));
  });
});
