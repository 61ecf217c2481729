import type { Database } from '../../../core/db/client';
import { BotRuntime } from '../../../bots/runtime/runtime';
import { seedDemoBot } from '../../../bots/demo/seed';
import { createKnowledgeResolver, createOpenAIModels, seedDemoKnowledge } from '../../../bots/knowledge/index';
import type { FakeOpenAIServer } from '../../fakes/openai/server';
import { callsOf, logger, openTestbed, replyTexts, sayOnWeb, type Testbed } from './setup';

/** The demo bot's real flow and FAQ through the bot runtime (the knowledge block asks the resolver). */
describe('demo bot answers from its knowledge through the runtime', () => {
  let testbed: Testbed;
  let db: Database;
  let fake: FakeOpenAIServer;

  beforeAll(async () => {
    testbed = await openTestbed();
    ({ db, fake } = testbed);
    await seedDemoBot(db, logger);
    await seedDemoKnowledge(db);
  });
  afterAll(() => testbed.close());

  const say = (runtime: BotRuntime, visitor: string, text: string) => sayOnWeb(runtime, 'demo', visitor, text);

  it('greets a first "سلام" in Arabic or Persian, not in the English fallback, though it cannot tell which', async () => {
    const runtime = new BotRuntime({ db, logger });
    const welcome = replyTexts((await say(runtime, 'salam', 'سلام')).replies);
    expect(welcome).toMatch(/لومي|لومی/);
    expect(welcome).not.toMatch(/Lumi, the virtual assistant/);
    // A sure guess still switches: an answer in English gets English.
    const english = replyTexts((await say(runtime, 'salam', 'no, I do not agree, I prefer English please')).replies);
    expect(english).toMatch(/No problem/);
  });

  it('keeps the conversation\'s language on a short message that could be said in any ("ok"), and switches on a sentence or a surely told word', async () => {
    const runtime = new BotRuntime({ db, logger });
    expect(replyTexts((await say(runtime, 'polka', 'Dzień dobry')).replies)).toMatch(/Czy się zgadzasz/);
    expect(replyTexts((await say(runtime, 'polka', 'ok')).replies)).toMatch(/Jaki masz typ skóry/);
    expect(replyTexts((await say(runtime, 'polka', 'where is my order?')).replies)).not.toMatch(/[ąęłńóśźż]/);
    // "سلام" may be Arabic or Persian; "بله" is Persian.
    expect(replyTexts((await say(runtime, 'farsi', 'سلام')).replies)).toMatch(/هل توافق/);
    expect(replyTexts((await say(runtime, 'farsi', 'بله')).replies)).toMatch(/نوع پوست شما چیست/);
    // "ممنون" is thanks in Persian and in Levantine Arabic: an Arabic conversation stays Arabic.
    await say(runtime, 'levant', 'مرحبا');
    expect(replyTexts((await say(runtime, 'levant', 'ممنون')).replies)).toMatch(/على الرحب والسعة/);
  });

  it('answers a customer who types Persian or Arabic in Latin letters (Finglish, Arabizi) in that language, from knowledge written in its script', async () => {
    const runtime = new BotRuntime({ db, logger, knowledge: createKnowledgeResolver({ db, logger }) });
    expect(replyTexts((await say(runtime, 'finglish', 'salam')).replies)).toMatch(/لومی[\s\S]*موافقید/);
    expect(replyTexts((await say(runtime, 'finglish', 'bale')).replies)).toMatch(/نوع پوست شما چیست/);
    expect(replyTexts((await say(runtime, 'finglish', 'poostam charbe')).replies)).toMatch(/بودجهٔ شما برای هر محصول/);
    // Searched as the phrase it was read as, "سفارشم کجاست": the FAQ is in Persian.
    expect(replyTexts((await say(runtime, 'finglish', 'sefaresham kojast?')).replies)).toMatch(/لینک رهگیری/);

    expect(replyTexts((await say(runtime, 'arabizi', 'marhaba')).replies)).toMatch(/لومي[\s\S]*هل توافق/);
    expect(replyTexts((await say(runtime, 'arabizi', 'la')).replies)).toMatch(/لا مشكلة/);
    expect(replyTexts((await say(runtime, 'arabizi', 'wein talabi?')).replies)).toMatch(/رابط التتبّع/);

    // A question asked back in Latin letters while the bot waits for an answer, with no intent of the flow: the FAQ in
    // the script answers it by consonant skeletons, and the question is asked again.
    const asked = replyTexts((await say(runtime, 'finglish-asks', 'salam')).replies);
    expect(asked).toMatch(/موافقید/);
    expect(replyTexts((await say(runtime, 'finglish-asks', 'bale')).replies)).toMatch(/نوع پوست شما چیست/);
    const payment = replyTexts((await say(runtime, 'finglish-asks', 'raveshhaye pardakht chie?')).replies);
    expect(payment).toMatch(/PayPal/);
    expect(payment).toMatch(/نوع پوست شما چیست/);
    expect(replyTexts((await say(runtime, 'arabizi', 'shu siyaset el irja3?')).replies)).toMatch(/خلال 30 يومًا/);

    // Greeted in English first, as many do.
    expect(replyTexts((await say(runtime, 'hi-then-finglish', 'hi')).replies)).toMatch(/Do you agree/);
    expect(replyTexts((await say(runtime, 'hi-then-finglish', 'no')).replies)).toMatch(/No problem/);
    expect(replyTexts((await say(runtime, 'hi-then-finglish', 'hazine ersal chande?')).replies)).toMatch(/هزینهٔ ارسال/);
  });

  it('asks "did you mean…?" when a message could be either of two intents with different routes, and follows the button', async () => {
    const runtime = new BotRuntime({ db, logger });
    await say(runtime, 'unsure', 'hello');
    await say(runtime, 'unsure', 'no');
    // Half "what do you recommend" (the skin questions), half "how much is it" (price, a buying intent: sales).
    const asked = await say(runtime, 'unsure', 'what do you recommend and how much is it');
    expect(asked.replies).toContainEqual(expect.objectContaining({
      text: 'Just to be sure, which one do you mean?',
      quickReplies: expect.arrayContaining([{ title: 'Prices', payload: 'intent:price' }, { title: 'Product recommendations', payload: 'intent:recommend' }]),
    }));
    const chosen = await runtime.handleInbound({ type: 'postback', payload: 'intent:recommend', text: 'Product recommendations', channel: 'web', channelInstanceId: 'demo-web', externalUserId: 'unsure', externalMessageId: 'unsure-choice', receivedAt: new Date() });
    expect(replyTexts(chosen.replies)).toContain('What is your skin type?');
  });

  test.each([
    ['en', 'hello', 'no', 'How long does shipping take?', /2–4 business days/, 'What is your returns policy?', /30 days/],
    ['ar', 'مرحبا', 'لا', 'كم يستغرق الشحن؟', /من 2 إلى 4 أيام عمل/, 'ما هي سياسة الإرجاع؟', /خلال 30 يومًا/],
    ['fa', 'سلام', 'نه', 'ارسال چقدر طول می‌کشد؟', /۲ تا ۴ روز کاری/, 'شرایط مرجوعی چیست؟', /تا ۳۰ روز/],
    ['pl', 'Dzień dobry', 'nie', 'Ile trwa dostawa?', /2–4 dni robocze/, 'Jak mogę zwrócić produkt?', /w ciągu 30 dni/],
  ])('%s, no LLM: shipping and returns questions get the FAQ answer with a source link', async (_locale, hello, no, shipping, shippingAnswer, returns, returnsAnswer) => {
    const runtime = new BotRuntime({ db, logger, knowledge: createKnowledgeResolver({ db, logger }) });
    const visitor = `rt-${_locale}`;
    await say(runtime, visitor, hello);
    await say(runtime, visitor, no);
    const first = await say(runtime, visitor, shipping);
    expect(replyTexts(first.replies)).toMatch(shippingAnswer);
    const withLink = first.replies.find((r) => r.type === 'text' && r.buttons?.length);
    expect(withLink && withLink.type === 'text' && withLink.buttons?.[0]).toMatchObject({ type: 'url', url: 'https://lumi.example/help/shipping' });
    const second = await say(runtime, visitor, returns);
    expect(replyTexts(second.replies)).toMatch(returnsAnswer);
  });

  test.each([
    ['en', 'hello', 'yes', 'How long does shipping take?', /2–4 business days/, 'What is your skin type?', 'oily', /budget per product/],
    ['pl', 'Dzień dobry', 'tak', 'Ile trwa dostawa?', /2–4 dni robocze/, 'Jaki masz typ skóry?', 'tłusta', /budżet na jeden produkt/],
  ])('%s: a question asked instead of the skin type is answered, then the skin question comes back', async (locale, hello, yes, shipping, shippingAnswer, skinQuestion, skin, budget) => {
    const runtime = new BotRuntime({ db, logger, knowledge: createKnowledgeResolver({ db, logger }) });
    const visitor = `digress-${locale}`;
    await say(runtime, visitor, hello);
    expect(replyTexts((await say(runtime, visitor, yes)).replies)).toContain(skinQuestion);
    const digression = replyTexts((await say(runtime, visitor, shipping)).replies);
    expect(digression).toMatch(shippingAnswer);
    expect(digression.indexOf(skinQuestion)).toBeGreaterThan(digression.search(shippingAnswer));
    expect(replyTexts((await say(runtime, visitor, skin)).replies)).toMatch(budget);
  });

  test('with the fake LLM: the grounded answer is said, and the call is logged for the turn', async () => {
    const models = createOpenAIModels({ apiKey: 'k', baseURL: fake.baseURL, model: 'fake-gpt', timeoutMs: 2000 });
    fake.respondWith(() => 'Delivery takes 2–4 business days after packing. Would you like the tracking page? [[SOURCES: S1]]');
    const runtime = new BotRuntime({ db, logger, knowledge: createKnowledgeResolver({ db, logger, chatModel: models.chatModel, timeoutMs: 2000 }) });
    await say(runtime, 'rt-llm', 'hello');
    await say(runtime, 'rt-llm', 'no');
    const turn = await say(runtime, 'rt-llm', 'How long does shipping take? I am at jane@example.com');
    expect(replyTexts(turn.replies)).toContain('Delivery takes 2–4 business days after packing.');
    expect(JSON.stringify(fake.chatRequests[0].messages)).not.toContain('jane@example.com');
    const calls = await callsOf(db, turn.conversationId);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ outcome: 'ok', messageId: turn.inboundId });
  });

  test('with a failing LLM the customer still gets the FAQ answer quickly', async () => {
    const models = createOpenAIModels({ apiKey: 'k', baseURL: fake.baseURL, model: 'fake-gpt', timeoutMs: 300 });
    fake.respondWith(() => ({ content: 'late', delayMs: 5000 }));
    const runtime = new BotRuntime({ db, logger, knowledge: createKnowledgeResolver({ db, logger, chatModel: models.chatModel, timeoutMs: 300 }) });
    await say(runtime, 'rt-slow', 'hello');
    await say(runtime, 'rt-slow', 'no');
    const started = Date.now();
    const turn = await say(runtime, 'rt-slow', 'What is your returns policy?');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(replyTexts(turn.replies)).toMatch(/30 days/);
    expect((await callsOf(db, turn.conversationId)).map((c) => c.outcome)).toEqual(['timeout']);
  });
});

/** PGlite has one connection: a turn waiting for the model inside its transaction would stall every other query. */
describe('a turn waiting for the model holds no transaction (PGlite)', () => {
  test('another conversation is answered meanwhile, and the call is logged once with the turn', async () => {
    const testbed = await openTestbed('pglite');
    try {
      const { db, fake } = testbed;
      await seedDemoBot(db, logger);
      await seedDemoKnowledge(db);
      const models = createOpenAIModels({ apiKey: 'k', baseURL: fake.baseURL, model: 'fake-gpt', timeoutMs: 5000 });
      fake.respondWith(() => ({ content: 'Delivery takes 2–4 business days after packing. [[SOURCES: S1]]', delayMs: 1500 }));
      const runtime = new BotRuntime({ db, logger, knowledge: createKnowledgeResolver({ db, logger, chatModel: models.chatModel, timeoutMs: 5000 }) });
      const say = (visitor: string, text: string) => sayOnWeb(runtime, 'demo', visitor, text);
      await say('slow', 'hello');
      await say('slow', 'no');
      const finished: string[] = [];
      const slow = say('slow', 'How long does shipping take?').then((turn) => (finished.push('slow'), turn));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const quick = await say('quick', 'hello');
      finished.push('quick');
      const turn = await slow;
      expect(finished).toEqual(['quick', 'slow']);
      expect(quick.replies.length).toBeGreaterThan(0);
      expect(replyTexts(turn.replies)).toContain('Delivery takes 2–4 business days after packing.');
      expect(fake.chatRequests).toHaveLength(1);
      const calls = await callsOf(db, turn.conversationId);
      expect(calls).toEqual([expect.objectContaining({ outcome: 'ok', purpose: 'answer', messageId: turn.inboundId })]);
    } finally {
      await testbed.close();
    }
  });
});
