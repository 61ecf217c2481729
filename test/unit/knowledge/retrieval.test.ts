import { analyzeText, directAnswer, KnowledgeIndex, normalizeForIndex, stem, type IndexedChunk } from '../../../flows/knowledge/index';
import { hasStopWord } from '../../../flows/knowledge/analyze';
import { demoIndex } from './demo-index';

describe('analysis', () => {
  test('light stemming per language', () => {
    expect(stem('shipping', 'en')).toBe(stem('shipped', 'en'));
    expect(stem('returns', 'en')).toBe('return');
    expect(stem('deliveries', 'en')).toBe('delivery');
    expect(stem('zwroty', 'pl')).toBe('zwrot');
    expect(stem('zwrotu', 'pl')).toBe('zwrot');
    expect(stem(normalizeForIndex('الشحن'), 'ar')).toBe(normalizeForIndex('شحن'));
    expect(stem(normalizeForIndex('والمنتجات'), 'ar')).toBe(stem(normalizeForIndex('منتج'), 'ar'));
    expect(stem(normalizeForIndex('سفارش‌ها'), 'fa')).toBe(normalizeForIndex('سفارش'));
    expect(stem(normalizeForIndex('می‌خواهم'), 'fa')).toBe(stem(normalizeForIndex('خواهم'), 'fa'));
  });

  test('Arabic and Persian letter variants, harakat, tatweel and digits fold together', () => {
    // Persian ی/ک vs Arabic ي/ك, kasra and tatweel, Persian digits
    expect(analyzeText('كيف أرجع المنتَـج ۳۰', 'fa').words).toEqual(analyzeText('کیف ارجع المنتج 30', 'fa').words);
    expect(analyzeText('هل يمكنني إرجاعُ المُنتَج؟ ٣٠', 'ar').words).toEqual(analyzeText('هل يمكنني ارجاع المنتج 30', 'ar').words);
    // Polish diacritics do not matter
    expect(analyzeText('Ile kosztuje wysyłka?', 'pl').words).toEqual(analyzeText('ile kosztuje wysylka', 'pl').words);
  });

  test('in a Persian or Arabic conversation, question words typed in Latin letters are stop words too', () => {
    expect(hasStopWord('chera esm mikhayn?', 'fa')).toBe(true);
    expect(hasStopWord('wein talabi?', 'ar')).toBe(true);
    expect(hasStopWord('Sara Ahmadi', 'fa')).toBe(false);
    expect(hasStopWord('chera esm mikhayn?', 'en')).toBe(false);
  });

  test('stop words are dropped, trigrams are added', () => {
    const a = analyzeText('How long does the shipping take?', 'en');
    expect(a.words).toEqual(['long', 'ship', 'take']);
    expect(a.grams).toContain('shi');
  });
});

describe('retrieval over the demo FAQ', () => {
  const index = demoIndex();
  const best = (query: string, locale: string) => index.search(query, { locales: [locale], limit: 3 })[0];

  test.each([
    ['en', 'How long does shipping take?', 'shipping-time'],
    ['en', 'how much is shipping', 'shipping-cost'],
    ['en', 'What is your return policy?', 'returns-policy'],
    ['en', 'do you accept paypal', 'payment-methods'],
    ['en', 'is it tested on animals', 'cruelty-free'],
    ['pl', 'Ile trwa dostawa?', 'shipping-time'],
    ['pl', 'ile kosztuje wysylka', 'shipping-cost'],
    ['pl', 'Jak mogę zwrócić produkt?', 'returns-policy'],
    ['pl', 'zwrot produktu', 'returns-policy'],
    ['ar', 'كم يستغرق الشحن؟', 'shipping-time'],
    ['ar', 'ما هي تكلفة التوصيل؟', 'shipping-cost'],
    ['ar', 'ما هي سياسة الإرجاع؟', 'returns-policy'],
    ['ar', 'كيف ارجع منتج', 'returns-policy'],
    ['fa', 'ارسال چقدر طول می‌کشد؟', 'shipping-time'],
    ['fa', 'هزینه ارسال چقدره؟', 'shipping-cost'],
    ['fa', 'شرایط مرجوعی چیست؟', 'returns-policy'],
    // Arabic letter forms in a Persian question still match
    ['fa', 'شرايط مرجوعي چيست', 'returns-policy'],
    // "want", "chcę", "میخوام" say nothing about the topic: "chcę anulować zamówienie" is not closer for sharing "chcę".
    ['en', 'I want to know how long shipping takes', 'shipping-time'],
    ['pl', 'chcę zwrócić krem', 'returns-policy'],
    ['pl', 'chciałabym oddać produkt', 'returns-policy'],
    ['fa', 'میخوام مرجوع کنم', 'returns-policy'],
    // Asked back instead of giving a name.
    ['en', 'why do you need my email?', 'personal-data'],
    ['pl', 'po co wam moje imię?', 'personal-data'],
    ['ar', 'لماذا تحتاجون بريدي الإلكتروني؟', 'personal-data'],
    ['fa', 'ایمیلم را برای چه می‌خواهید؟', 'personal-data'],
    // Question words of spoken Arabic and Persian ("قديش", "ليش", "ايش", "چیه") are stop words, as "كم", "لماذا", "ما" and
    // "چی" are; counted as words the FAQ lacks, they held these at 0.37, 0.28, 0.56, 0.40 and 0.60.
    ['ar', 'قديش الشحن', 'shipping-cost'],
    ['ar', 'ليش ما وصل طلبي', 'order-tracking'],
    ['ar', 'ايش المكونات', 'ingredients'],
    ['ar', 'قديش بيكلف الشحن للسعودية؟', 'shipping-international'],
    ['fa', 'هزینه ارسال چیه', 'shipping-cost'],
  ])('%s: %s → %s', (locale, query, key) => {
    const hit = best(query, locale);
    expect(hit.chunk.documentId).toBe(key);
    expect(hit.chunk.locale).toBe(locale);
    expect(hit.confidence).toBeGreaterThanOrEqual(0.4);
  });

  // Before, from their character trigrams alone: 0.48, 0.55, 0.52, 0.51 and 0.10 ("whre" is a misspelt stop word); now 0.69 or more.
  test.each([
    ['en', 'what is your retrun policy', 'returns-policy'],
    ['en', 'whre is my ordr?', 'order-tracking'],
    ['en', 'do you acept paypal', 'payment-methods'],
    ['pl', 'ile kosztuje wysylak', 'shipping-cost'],
    ['ar', 'كم يستغرق الشحنن', 'shipping-time'],
  ])('%s: a misspelt word counts as the word of the chunks one edit away: %s → %s', (locale, query, key) => {
    const hit = best(query, locale);
    expect(hit.chunk.documentId).toBe(key);
    expect(hit.confidence).toBeGreaterThanOrEqual(0.65);
  });

  test.each([
    ['en', "what's the weather in Paris?"],
    ['en', 'who won the football match yesterday'],
    ['pl', 'jaka jest pogoda w Krakowie'],
    ['ar', 'ما هو الطقس اليوم؟'],
    ['fa', 'هوا امروز چطوره؟'],
    ['ar', 'شو الطقس بكرة'],
    ['ar', 'قديش عمرك'],
    ['fa', 'یه جوک بگو'],
  ])('%s: off-topic "%s" stays under the answer threshold', (locale, query) => {
    const hit = best(query, locale);
    expect(hit?.confidence ?? 0).toBeLessThan(0.4);
    expect(directAnswer(index.search(query, { locales: [locale] }), 0.4)).toBeUndefined();
  });

  test('the direct answer is the FAQ answer with its source', () => {
    const answer = directAnswer(index.search('Returns', { locales: ['en'] }), 0.4)!;
    expect(answer.text).toMatch(/30 days/);
    expect(answer.sources).toEqual([{ title: 'What is your returns policy?', url: 'https://lumi.example/help/returns' }]);
  });

  test.each([
    ['fa', 'raveshhaye pardakht chie?', 'payment-methods'],
    ['fa', 'hazine ersal chande?', 'shipping-cost'],
    ['fa', 'be kharej az keshvar ham ersal darid?', 'shipping-international'],
    ['fa', 'mavad sazandeye mahsool ro koja bebinam?', 'ingredients'],
    ['fa', 'pulam key barmigarde?', 'refund-time'],
    ['ar', 'shu siyaset el irja3?', 'returns-policy'],
    ['ar', 'montajatkom nabatiya?', 'cruelty-free'],
    ['ar', 'wein la2i el mokawinat?', 'ingredients'],
    ['ar', 'wasalni el montaj kharban', 'damaged-item'],
  ])('%s: typed in Latin letters, "%s" meets the FAQ written in the script, by consonant skeletons → %s', (locale, query, key) => {
    const hit = best(query, locale);
    expect(hit.chunk.documentId).toBe(key);
    expect(hit.chunk.locale).toBe(locale);
    expect(hit.confidence).toBeGreaterThanOrEqual(0.4);
  });

  test.each([
    ['fa', 'Sara'],
    ['fa', 'sara@example.com'],
    ['fa', 'Sara Ahmadi'],
    ['fa', 'how long does shipping take'],
    ['fa', 'hava chetore?'],
    ['ar', 'kif el ta2s?'],
    ['ar', 'ahki nokta'],
  ])('%s: "%s" in Latin letters (a name, English, off-topic) gets no answer from the skeletons', (locale, query) => {
    expect(directAnswer(index.search(query, { locales: [locale] }), 0.4)).toBeUndefined();
  });

  test('locale filter keeps other languages out', () => {
    const hits = index.search('shipping', { locales: ['pl'] });
    expect(hits.every((h) => h.chunk.locale === 'pl')).toBe(true);
  });
});

describe('BM25 ranking and fusion', () => {
  const chunk = (id: number, text: string, extra: Partial<IndexedChunk> = {}): IndexedChunk => ({ id, documentId: `d${id}`, locale: 'en', kind: 'page', title: `Doc ${id}`, text, ...extra });

  test('a rarer matching term outranks a common one; FAQ questions are matched', () => {
    const index = KnowledgeIndex.build([
      chunk(1, 'Our shop sells creams. Our shop ships creams.'),
      chunk(2, 'Gift wrapping is available for every order.'),
      chunk(3, 'Creams and serums.', { kind: 'faq', question: 'Do you offer gift wrapping?' }),
    ]);
    const hits = index.search('gift wrapping');
    expect(hits.map((h) => h.chunk.id).slice(0, 2).sort()).toEqual([2, 3]);
    expect(hits[0].chunk.id).toBe(3);
  });

  test('embeddings are fused by reciprocal rank', () => {
    const index = KnowledgeIndex.build([chunk(1, 'alpha beta', { embedding: [1, 0] }), chunk(2, 'gamma delta', { embedding: [0, 1] })]);
    const lexicalOnly = index.search('alpha');
    expect(lexicalOnly.map((h) => h.chunk.id)).toEqual([1]);
    const fused = index.search('alpha', { queryEmbedding: [0, 1] });
    expect(fused.map((h) => h.chunk.id).sort()).toEqual([1, 2]);
    expect(fused.find((h) => h.chunk.id === 2)!.semantic).toBeCloseTo(1);
  });
});
