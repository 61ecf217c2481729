import { detectLanguage } from '../../../flows/nlu/index.js';

describe('detectLanguage', () => {
  it.each([
    ['where is my order', 'en'],
    ['I would like to know the status of my package please', 'en'],
    ['gdzie jest moje zamówienie', 'pl'],
    ['Chciałbym zwrócić buty, które kupiłem wczoraj', 'pl'],
    ['أين طلبي', 'ar'],
    ['هل يمكنني استرداد المبلغ من فضلك', 'ar'],
    ['سفارشم کجاست', 'fa'],
    ['می‌خواهم کفش را پس بدهم', 'fa'],
    ['Wo ist meine Bestellung?', 'de'],
    // "to", "do" are English and Polish words: they count for neither.
    ['I want to go to the store', 'en'],
    ['what do I need to do', 'en'],
    ['czy to jest drogie', 'pl'],
    ['co to jest', 'pl'],
  ])('%s → %s', (text, code) => {
    expect(detectLanguage(text).code).toBe(code);
  });

  it('reports the script', () => {
    expect(detectLanguage('أين طلبي').script).toBe('Arabic');
    expect(detectLanguage('سفارشم کجاست').script).toBe('Arabic');
    expect(detectLanguage('where is my order').script).toBe('Latin');
  });

  it('tells Persian from Arabic by Persian-only letters', () => {
    expect(detectLanguage('چطور').code).toBe('fa');
    expect(detectLanguage('گوشی').code).toBe('fa');
    expect(detectLanguage('مدينة').code).toBe('ar');
  });

  it('knows everyday one-word answers that have no Persian-only letter', () => {
    for (const word of ['بله', 'باشه', 'آره', 'خوبه', 'سفارشم']) expect(detectLanguage(word)).toMatchObject({ code: 'fa', confidence: expect.any(Number) });
    for (const word of ['نعم', 'مرحبا', 'حسنا']) expect(detectLanguage(word).code).toBe('ar');
    // Both languages greet with "سلام", and Levantine Arabic thanks with "ممنون": they stay unsure guesses.
    expect(detectLanguage('سلام').confidence).toBeLessThan(0.6);
    expect(detectLanguage('ممنون').confidence).toBeLessThan(0.6);
    expect(detectLanguage('خیلی ممنون').code).toBe('fa');
  });

  it('reads chat words and greetings as the language that types them', () => {
    // tinyld alone was sure of "idk" as Esperanto, "lol" as Volapük, "hiya" as Tagalog.
    for (const text of ['idk', 'lol', 'hiya', 'yo', 'idk tbh', 'ok thx']) expect(detectLanguage(text)).toMatchObject({ code: 'en', confidence: expect.any(Number) });
    for (const text of ['spoko', 'elo', 'nwm co wybrać', 'u mnie nie działa']) expect(detectLanguage(text).code).toBe('pl');
    // Both languages write "thx" and "pls" in chat; "ty" is Polish "you" and English chat "thank you".
    for (const text of ['thx', 'pls', 'ty']) expect(detectLanguage(text).code).toBe('und');
  });

  it('gives a confidence in [0, 1] and und for empty text', () => {
    const g = detectLanguage('where is my order');
    expect(g.confidence).toBeGreaterThan(0.5);
    expect(g.confidence).toBeLessThanOrEqual(1);
    expect(detectLanguage('  123 ').code).toBe('und');
  });
});

describe('detectLanguage on scripts and shared words', () => {
  it('reads Latin and Arabic letters by code point, other scripts too', () => {
    expect(detectLanguage('Где мой заказ').script).toBe('Cyrillic');
    expect(detectLanguage('我的订单在哪里').script).toBe('Han');
    expect(detectLanguage('؟؟ ١٢٣').code).toBe('und');
  });
});
