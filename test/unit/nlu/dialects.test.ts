import { normalizeText, trainNlu, type IntentExample } from '../../../flows/nlu/index.js';
import { standardForms } from '../../../flows/nlu/dialects.js';

describe('standardForms', () => {
  it('reads spoken Arabic words as their standard forms, in normalised letters', () => {
    expect(standardForms(normalizeText('وين طلبي؟ بدي أعرف ليش تأخر'), 'ar')).toBe(normalizeText('أين طلبي أريد أعرف لماذا تأخر'));
    expect(standardForms(normalizeText('عايز الغي الطلب'), 'ar')).toBe(normalizeText('أريد الغي الطلب'));
  });

  it('reads spoken Persian as written Persian', () => {
    expect(standardForms(normalizeText('میخوام سفارشم رو لغو کنم'), 'fa')).toBe(normalizeText('می‌خواهم سفارشم رو لغو کنم'));
    expect(standardForms(normalizeText('می خوام بدونم قیمتش چیه'), 'fa')).toBe(normalizeText('می خواهم بدونم قیمتش چیست'));
  });

  it('reads English and Polish as typed in chat', () => {
    expect(standardForms(normalizeText("can u pls tell me wat ur hours r? i wanna come tmrw"), 'en')).toBe('can you please tell me what your hours are i want to come tomorrow');
    expect(standardForms(normalizeText('nwm jaki mam typ skóry, pls pomóż'), 'pl')).toBe(normalizeText('nie wiem jaki mam typ skóry proszę pomóż'));
    expect(standardForms('czy ty jestes botem', 'pl')).toBe('czy ty jestes botem');
    expect(standardForms(normalizeText("what's my balance? I can't see it, it's not there"), 'en')).toBe('what is my balance i can not see it its not there');
  });

  it("keeps words of another language: 'شو' is 'what' in spoken Arabic and 'become' in Persian", () => {
    expect(standardForms(normalizeText('بیدار شو'), 'fa')).toBe(normalizeText('بیدار شو'));
    expect(standardForms(normalizeText('شو في'), 'ar')).toBe(normalizeText('ماذا في'));
    expect(standardForms('where is my order', 'en')).toBe('where is my order');
    expect(standardForms(normalizeText('وين طلبي'), undefined)).toBe(normalizeText('وين طلبي'));
  });
});

describe('a bot taught in written Arabic and Persian', () => {
  // Intents told apart by the question word, which is where spoken and written Arabic differ most.
  const phrases: Record<string, string[]> = {
    where_is_order: ['أين طلبي', 'أين الطلب الآن', 'أين وصلت شحنتي', 'سفارشم کجاست', 'بسته من الان کجاست'],
    when_will_it_arrive: ['متى يصل طلبي', 'متى ستصل الشحنة', 'متى موعد وصول الطلب', 'سفارشم کی می‌رسد', 'بسته من چه زمانی می‌رسد'],
    why_is_it_late: ['لماذا تأخر طلبي', 'لماذا لم تصل الشحنة', 'لماذا الطلب متأخر', 'چرا سفارشم دیر شد', 'چرا بسته من نرسیده'],
    wants_to_buy: ['أريد شراء كريم', 'أريد أن أطلب هذا المنتج', 'می‌خواهم کرم بخرم', 'می‌خواهم این محصول را سفارش دهم'],
    can_pay_by_card: ['هل أستطيع الدفع بالبطاقة', 'هل يمكن الدفع بالبطاقة', 'می‌توانم با کارت پرداخت کنم؟', 'پرداخت با کارت می‌شود؟'],
  };
  const examples: IntentExample[] = Object.entries(phrases).flatMap(([intent, texts]) => texts.map((text) => ({ intent, text })));
  const model = trainNlu(examples);

  const understood = (text: string, intent: string) => {
    const { intent: found } = model.analyze(text);
    expect(found?.name).toBe(intent);
    expect(found?.confidence).toBeGreaterThan(0.9);
  };

  // Without the spoken forms, the first two got no intent and the others 0.6 to 0.9.
  it.each([
    ['وين الشحنة', 'where_is_order'],
    ['ليش ما وصلت الشحنة', 'why_is_it_late'],
    ['وين طلبي؟', 'where_is_order'],
    ['امتى يوصل الطلب', 'when_will_it_arrive'],
    ['بدي اشتري كريم', 'wants_to_buy'],
  ])('understands the spoken Arabic %s as surely as the written form: %s', understood);

  // Spoken Persian keeps most letters of the written words, so their character n-grams carried these before the
  // spoken forms did; this guards that reading them as written keeps them sure.
  it.each([
    ['میخوام کرم بخرم', 'wants_to_buy'],
    ['میتونم با کارت پرداخت کنم؟', 'can_pay_by_card'],
  ])('stays sure of the spoken Persian %s: %s', understood);
});
