import { type NluSnapshot, type Product } from '../../../flows/index';
import { Convo, makeCtx, makeFlow, nluOf, postback, texts } from './helpers';

const end = { id: 'done', type: 'end' };

describe('message block', () => {
  it('renders variables, quick replies, buttons, typing, image and card, then continues', () => {
    const flow = makeFlow([
      {
        id: 'hello',
        type: 'message',
        typingMs: 500,
        text: { en: 'Hi {{contact.firstName|there}}, score {{lead.score}} on {{channel}}', pl: 'Cześć {{contact.firstName}}' },
        quickReplies: [{ title: { en: 'Shipping', pl: 'Dostawa' }, payload: 'intent:shipping' }],
        buttons: [{ title: 'Shop', url: 'https://shop.example' }],
        image: { url: 'https://img.example/a.jpg', caption: 'A' },
        card: { title: 'Card', subtitle: 'Sub', imageUrl: 'https://img.example/b.jpg', buttons: [{ title: 'Buy', payload: 'buy' }] },
        next: 'done',
      },
      end,
    ]);
    const c = new Convo(flow, makeCtx({ contact: { id: 'c', firstName: 'Ola', fields: {} }, lead: { score: 7, fields: {} } }));
    const r = c.start();
    expect(r.outputs.map((o) => o.type)).toEqual(['typing', 'media', 'card', 'text']);
    expect(r.outputs[0]).toEqual({ type: 'typing', durationMs: 500 });
    expect(r.outputs[3]).toEqual({
      type: 'text',
      text: 'Hi Ola, score 7 on web',
      quickReplies: [{ title: 'Shipping', payload: 'intent:shipping' }],
      buttons: [{ type: 'url', title: 'Shop', url: 'https://shop.example' }],
    });
    expect(r.trace).toEqual(['hello', 'done']);
    expect(r.state.current).toBeNull();

    const pl = new Convo(flow, makeCtx({ locale: 'pl-PL', contact: { id: 'c', firstName: 'Ola', fields: {} } }));
    expect(texts(pl.start())).toContain('Cześć Ola');
    const fa = new Convo(flow, makeCtx({ locale: 'fa' }));
    expect(texts(fa.start())).toContain('Hi there, score 0 on web'); // fallback locale
  });

  it('picks one of several alternatives with the seeded generator', () => {
    const flow = makeFlow([{ id: 'm', type: 'message', text: ['A', 'B', 'C', 'D', 'E'] }]);
    const pick = (seed: number) => texts(new Convo(flow, makeCtx(), seed).start())[0];
    expect(pick(42)).toBe(pick(42));
    const seen = new Set(Array.from({ length: 40 }, (_, i) => pick(i)));
    expect(seen.size).toBeGreaterThan(2);
  });
});

describe('ask block', () => {
  const budget = {
    id: 'budget',
    type: 'ask',
    var: 'budget',
    answer: 'number',
    min: 1,
    max: 1000,
    question: { en: 'Your budget?', pl: 'Twój budżet?' },
    retryText: { en: 'Please type a number.', pl: 'Wpisz liczbę.' },
    maxTries: 3,
    next: 'ok',
    giveUp: 'gaveUp',
  };
  const flow = makeFlow([
    budget,
    { id: 'ok', type: 'message', text: 'Got {{vars.budget}}', next: 'done' },
    { id: 'gaveUp', type: 'message', text: 'Never mind', next: 'done' },
    end,
  ]);

  it('asks, waits, stores a valid answer (Persian digits) and continues', () => {
    const c = new Convo(flow);
    expect(texts(c.start())).toEqual(['Your budget?']);
    expect(c.state).toMatchObject({ current: 'budget', waitingFor: 'input' });
    const r = c.say('حدود ۱۲۰ دلار');
    expect(texts(r)).toEqual(['Got 120']);
    expect(r.state.vars.budget).toBe(120);
    expect(r.state.current).toBeNull();
  });

  it('re-asks with the retry message, then gives up after maxTries to the giveUp target', () => {
    const c = new Convo(flow);
    c.start();
    expect(texts(c.say('no idea'))).toEqual(['Please type a number.', 'Your budget?']);
    expect(c.state.retries.budget).toBe(1);
    expect(texts(c.say('5000'))).toEqual(['Please type a number.', 'Your budget?']); // out of range
    expect(c.state.retries.budget).toBe(2);
    const r = c.say('still no');
    expect(texts(r)).toEqual(['Never mind']);
    expect(r.trace).toEqual(['budget', 'gaveUp', 'done']);
    expect(r.state.retries.budget).toBeUndefined();
    expect(r.state.vars.budget).toBeUndefined();
  });

  it('treats an image without caption as an invalid answer', () => {
    const c = new Convo(flow);
    c.start();
    const r = c.step({ type: 'message', message: { channelInstanceId: 'ci', channel: 'web', externalUserId: 'u', externalMessageId: 'x', receivedAt: new Date(), type: 'media', mediaType: 'image', url: 'https://x/y.jpg' } });
    expect(texts(r)).toEqual(['Please type a number.', 'Your budget?']);
  });

  it('choice: quick replies, by number, by title in the contact language, per-option next', () => {
    const f = makeFlow([
      {
        id: 'skin',
        type: 'ask',
        var: 'skin',
        answer: 'choice',
        question: { en: 'Skin type?', ar: 'نوع بشرتك؟' },
        options: [
          { value: 'dry', label: { en: 'Dry', ar: 'جافة' }, next: 'dryTips' },
          { value: 'oily', label: { en: 'Oily', ar: 'دهنية' } },
        ],
        retryText: 'Pick one',
        next: 'other',
        giveUp: 'done',
      },
      { id: 'dryTips', type: 'message', text: 'dry!', next: 'done' },
      { id: 'other', type: 'message', text: 'other!', next: 'done' },
      end,
    ]);
    const c = new Convo(f, makeCtx({ locale: 'ar' }));
    const q = c.start();
    expect(q.outputs[0]).toEqual({ type: 'text', text: 'نوع بشرتك؟', quickReplies: [{ title: 'جافة', payload: 'dry' }, { title: 'دهنية', payload: 'oily' }] });
    expect(texts(c.say('٢'))).toEqual(['other!']);
    expect(c.state.vars.skin).toBe('oily');

    const d = new Convo(f, makeCtx({ locale: 'ar' }));
    d.start();
    expect(texts(d.say('بشرتي جافة'))).toEqual(['dry!']);
    const e = new Convo(f);
    e.start();
    expect(texts(e.step({ type: 'message', message: postback('dry', 'Dry') }))).toEqual(['dry!']);
    const bad = new Convo(f);
    bad.start();
    expect(texts(bad.say('9'))).toEqual(['Pick one', 'Skin type?']);
  });

  it('yes/no routes in all languages and saves to contact and lead', () => {
    const f = makeFlow([
      { id: 'consent', type: 'ask', var: 'consent', answer: 'yesno', question: 'OK?', routes: { yes: 'y', no: 'n' }, giveUp: 'n', retryText: 'Yes or no?', saveTo: { contact: 'consent', lead: 'consent' } },
      { id: 'y', type: 'message', text: 'yay', next: 'done' },
      { id: 'n', type: 'message', text: 'nay', next: 'done' },
      end,
    ]);
    for (const [answer, out] of [['tak', 'yay'], ['بله', 'yay'], ['نعم', 'yay'], ['nie', 'nay'], ['نه', 'nay'], ['لا', 'nay']]) {
      const c = new Convo(f);
      c.start();
      const r = c.say(answer);
      expect(texts(r)).toEqual([out]);
      expect(r.effects).toEqual([
        { type: 'updateContact', fields: { consent: out === 'yay' } },
        { type: 'updateLead', fields: { consent: out === 'yay' } },
      ]);
    }
  });

  it('emailOrPhone with saveTo contact auto, and skipIfKnown', () => {
    const f = makeFlow([
      { id: 'reach', type: 'ask', var: 'reach', answer: 'emailOrPhone', question: 'Email or phone?', saveTo: { contact: 'auto' }, skipIfKnown: true, next: 'thanks', giveUp: 'done', retryText: 'Hmm?' },
      { id: 'thanks', type: 'message', text: 'Thanks {{contact.email}}{{contact.phone}}', next: 'done' },
      end,
    ]);
    const c = new Convo(f);
    c.start();
    const r = c.say('write to ANNA@example.com');
    expect(r.effects).toEqual([{ type: 'updateContact', fields: { email: 'anna@example.com' } }]);
    expect(texts(r)).toEqual(['Thanks anna@example.com']);
    const p = new Convo(f);
    p.start();
    expect(p.say('+48 600 700 800').effects).toEqual([{ type: 'updateContact', fields: { phone: '+48600700800' } }]);
    const known = new Convo(f, makeCtx({ contact: { id: 'c', email: 'k@x.io', fields: {} } }));
    expect(known.start().trace).toEqual(['reach', 'thanks', 'done']);
  });

  it('date answers use the clock from the context', () => {
    const f = makeFlow([{ id: 'when', type: 'ask', var: 'when', answer: 'date', question: 'When?', next: 'done', giveUp: 'done', retryText: 'Date?' }, end]);
    const c = new Convo(f, makeCtx({ now: new Date('2025-05-31T12:00:00Z') }));
    c.start();
    expect(c.say('tomorrow').state.vars.when).toBe('2025-06-01');
  });

  it('date answers are days on the clock of the context\'s time zone', () => {
    const f = makeFlow([{ id: 'when', type: 'ask', var: 'when', answer: 'date', question: 'When?', next: 'done', giveUp: 'done', retryText: 'Date?' }, end]);
    // 22:30 UTC on 31 May is already 1 June in Tehran.
    const c = new Convo(f, makeCtx({ now: new Date('2025-05-31T22:30:00Z'), timeZone: 'Asia/Tehran' }));
    c.start();
    expect(c.say('tomorrow').state.vars.when).toBe('2025-06-02');
    const d = new Convo(f, makeCtx({ now: new Date('2025-05-31T22:30:00Z'), timeZone: 'Asia/Tehran' }));
    d.start();
    expect(d.say('the day we agreed on', nluOf(null, 0, [{ type: 'date', value: '2025-06-04T21:00:00.000Z', text: 'the day we agreed on' }])).state.vars.when).toBe('2025-06-05');
  });

  it('date answers said in words are read in the conversation language (Polish and Persian)', () => {
    const f = makeFlow([{ id: 'when', type: 'ask', var: 'when', answer: 'date', question: 'When?', next: 'done', giveUp: 'done', retryText: 'Date?' }, end]);
    const now = new Date(2025, 4, 28, 12); // Wednesday 28 May 2025
    const answers: [string, string, string][] = [
      ['w przyszły piątek o 15', 'pl', '2025-06-06'],
      ['za dwa dni', 'pl', '2025-05-30'],
      ['پنجشنبه ساعت ۵ عصر', 'fa', '2025-05-29'],
    ];
    for (const [text, locale, expected] of answers) {
      const c = new Convo(f, makeCtx({ now, locale }));
      c.start();
      expect(c.say(text).state.vars.when).toBe(expected);
    }
  });

  it('a date only the NLU understood is taken from its date entity, as the local day', () => {
    const f = makeFlow([{ id: 'when', type: 'ask', var: 'when', answer: 'date', question: 'When?', next: 'done', giveUp: 'done', retryText: 'Date?' }, end]);
    const c = new Convo(f, makeCtx({ now: new Date(2025, 4, 28, 12) }));
    c.start();
    const agreed = new Date(2025, 5, 2, 23, 30).toISOString();
    expect(c.say('the day we agreed on', nluOf(null, 0, [{ type: 'date', value: agreed, text: 'the day we agreed on' }])).state.vars.when).toBe('2025-06-02');
    const d = new Convo(f, makeCtx({ now: new Date(2025, 4, 28, 12) }));
    d.start();
    expect(texts(d.say('the day we agreed on', nluOf(null, 0, [{ type: 'date', value: 'not a date', text: 'the day' }])))).toContain('Date?');
  });
});

describe('date and time answers', () => {
  const f = makeFlow([{ id: 'call', type: 'ask', var: 'call', answer: 'datetime', prefill: true, question: 'When should we call you?', next: 'done', giveUp: 'done', retryText: 'Which day, and at what time?' }, end]);
  const saturday = new Date('2026-12-05T10:00:00Z');

  it('keep the time on the wall clock of the context\'s time zone, with its offset, in any of the four languages', () => {
    const answers: [string, string, string][] = [
      ['tomorrow at half past 3', 'en', '2026-12-06T15:30+01:00'],
      ['w poniedziałek o 10', 'pl', '2026-12-07T10:00+01:00'],
      ['بكرة الساعة ٥ مساء', 'ar', '2026-12-06T17:00+01:00'],
      ['فردا ساعت ۳ و نیم', 'fa', '2026-12-06T15:30+01:00'],
    ];
    for (const [text, locale, expected] of answers) {
      const c = new Convo(f, makeCtx({ now: saturday, locale, timeZone: 'Europe/Warsaw' }));
      c.start();
      expect(c.say(text).state.vars.call).toBe(expected);
    }
  });

  it('store a window as an ISO 8601 interval', () => {
    const c = new Convo(f, makeCtx({ now: saturday, timeZone: 'Europe/Warsaw' }));
    c.start();
    expect(c.say('monday between 3 and 5 pm').state.vars.call).toBe('2026-12-07T15:00+01:00/2026-12-07T17:00+01:00');
  });

  it('ask the time on a day said without one, offering its morning, afternoon and evening, and take the time said then', () => {
    const c = new Convo(f, makeCtx({ now: saturday, timeZone: 'Asia/Tehran' }));
    c.start();
    const r = c.say('tomorrow');
    expect(texts(r)).toEqual(['At what time on Sunday, December 6?']);
    expect(r.state.retries).toEqual({});
    expect(r.outputs[0]).toMatchObject({
      quickReplies: [
        { title: '9:00 AM – 12:00 PM', payload: '2026-12-06T09:00+03:30/2026-12-06T12:00+03:30' },
        { title: '12:00 – 5:00 PM', payload: '2026-12-06T12:00+03:30/2026-12-06T17:00+03:30' },
        { title: '5:00 – 9:00 PM', payload: '2026-12-06T17:00+03:30/2026-12-06T21:00+03:30' },
      ],
    });
    expect(r.state.vars.call).toBeUndefined();
    expect(c.say('tomorrow at 11am').state.vars.call).toBe('2026-12-06T11:00+03:30');
  });

  it('put a time said without a day on the day said before, in any of the four languages', () => {
    const answers: [string, string, string, string][] = [
      ['tomorrow', 'in the afternoon', 'en', '2026-12-06T12:00+01:00/2026-12-06T17:00+01:00'],
      ['on tuesday', 'at 3', 'en', '2026-12-08T15:00+01:00'],
      ['jutro', 'o 10', 'pl', '2026-12-06T10:00+01:00'],
      ['پس فردا', 'عصر', 'fa', '2026-12-07T15:00+01:00/2026-12-07T18:00+01:00'],
      ['بكرة', 'الساعة ٥', 'ar', '2026-12-06T17:00+01:00'],
    ];
    for (const [day, time, locale, expected] of answers) {
      const c = new Convo(f, makeCtx({ now: saturday, locale, timeZone: 'Europe/Warsaw' }));
      c.start();
      expect(c.say(day).state.daysWithoutTime).toEqual({ call: expected.slice(0, 10) });
      const r = c.say(time);
      expect(r.state.vars.call).toBe(expected);
      expect(r.state.daysWithoutTime).toBeUndefined();
    }
  });

  it('take a day said in the answer over the day said before', () => {
    for (const [time, expected] of [['monday at 10', '2026-12-07T10:00+01:00'], ['today at 5', '2026-12-05T17:00+01:00']]) {
      const c = new Convo(f, makeCtx({ now: saturday, timeZone: 'Europe/Warsaw' }));
      c.start();
      c.say('tomorrow');
      expect(c.say(time).state.vars.call).toBe(expected);
    }
  });

  it('ask the time in the customer\'s language, or in the block\'s own words', () => {
    const asked = (locale: string, flow = f) => {
      const c = new Convo(flow, makeCtx({ now: saturday, locale, timeZone: 'Europe/Warsaw' }));
      c.start();
      return texts(c.say({ en: 'tomorrow', pl: 'jutro', ar: 'بكرة', fa: 'فردا' }[locale]!));
    };
    expect(asked('pl')).toEqual(['niedziela, 6 grudnia – o której godzinie?']);
    expect(asked('ar')).toEqual(['في أي ساعة يوم الأحد، 6 ديسمبر؟']);
    expect(asked('fa')).toEqual(['یکشنبه ۱۵ آذر، چه ساعتی؟']);
    const own = makeFlow([{ id: 'call', type: 'ask', var: 'call', answer: 'datetime', question: 'When?', timeText: 'What time suits you on {{day}}?', next: 'done', giveUp: 'done' }, end]);
    expect(asked('en', own)).toEqual(['What time suits you on Sunday, December 6?']);
  });

  it('forget the day said before when the question is given up or asked anew', () => {
    const c = new Convo(f, makeCtx({ now: saturday, timeZone: 'Europe/Warsaw' }));
    c.start();
    c.say('tomorrow');
    c.say('nope');
    c.say('no idea');
    expect(c.say('still no idea').state.daysWithoutTime).toBeUndefined();
  });

  it('take a slot offered as a button, and offer only the slots of today that have not ended', () => {
    const evening = new Date('2026-12-05T15:00:00Z'); // 18:30 in Tehran
    const c = new Convo(f, makeCtx({ now: evening, locale: 'fa', timeZone: 'Asia/Tehran' }));
    c.start();
    const r = c.say('امروز');
    expect(r.outputs[0]).toMatchObject({ quickReplies: [{ title: '۱۷:۰۰ تا ۲۱:۰۰', payload: '2026-12-05T17:00+03:30/2026-12-05T21:00+03:30' }] });
    const pressed = c.step({ type: 'message', message: postback('2026-12-05T17:00+03:30/2026-12-05T21:00+03:30', '۱۷:۰۰ تا ۲۱:۰۰') });
    expect(pressed.state.vars.call).toBe('2026-12-05T17:00+03:30/2026-12-05T21:00+03:30');
  });

  it('are shown to the customer in their language, and stored and sent on as ISO 8601', () => {
    const flow = makeFlow([
      { id: 'call', type: 'ask', var: 'call', answer: 'datetime', question: { en: 'When?', pl: 'Kiedy?' }, next: 'saved', giveUp: 'done' },
      { id: 'saved', type: 'updateLead', fields: { callbackAt: '{{vars.call}}' }, next: 'booked' },
      { id: 'booked', type: 'message', text: { en: 'We will call you {{vars.call}}.', pl: 'Zadzwonimy: {{vars.call}}.' }, next: 'done' },
      end,
    ]);
    const c = new Convo(flow, makeCtx({ now: saturday, locale: 'pl', timeZone: 'Europe/Warsaw' }));
    c.start();
    const r = c.say('w poniedziałek między 15 a 17');
    expect(texts(r)).toEqual(['Zadzwonimy: poniedziałek, 7 grudnia, 15:00–17:00.']);
    expect(r.effects).toContainEqual({ type: 'updateLead', fields: { callbackAt: '2026-12-07T15:00+01:00/2026-12-07T17:00+01:00' } });
  });

  it('are taken in advance from the message that led to the question when it gives a time', () => {
    const flow = makeFlow(
      [{ id: 'main', type: 'intent', routes: [{ intent: 'callback', next: 'call' }], fallback: 'main' }, { id: 'call', type: 'ask', var: 'call', answer: 'datetime', prefill: true, question: 'When?', next: 'done', giveUp: 'done' }, end],
      { intents: [{ name: 'callback', examples: { en: ['call me back'] } }] },
    );
    const c = new Convo(flow, makeCtx({ now: saturday, timeZone: 'Europe/Warsaw' }));
    expect(c.say('please call me tomorrow at 5', nluOf('callback')).state.vars.call).toBe('2026-12-06T17:00+01:00');
  });

  it('offer the hours of a day said without a time in the message that led to the question, and put a time said next on it', () => {
    const flow = makeFlow(
      [{ id: 'main', type: 'intent', routes: [{ intent: 'callback', next: 'call' }], fallback: 'main' }, { id: 'call', type: 'ask', var: 'call', answer: 'datetime', prefill: true, question: 'When?', next: 'done', giveUp: 'done' }, end],
      { intents: [{ name: 'callback', examples: { en: ['call me back'] } }] },
    );
    const d = new Convo(flow, makeCtx({ now: saturday, timeZone: 'Europe/Warsaw' }));
    const asked = d.say('please call me on monday', nluOf('callback'));
    expect(texts(asked)).toEqual(['When?']);
    expect(asked.outputs[0]).toMatchObject({ quickReplies: [{ title: '9:00 AM – 12:00 PM' }, { title: '12:00 – 5:00 PM' }, { title: '5:00 – 9:00 PM' }] });
    expect(d.say('at 5').state.vars.call).toBe('2026-12-07T17:00+01:00');
  });
});

describe('intent router', () => {
  const flow = makeFlow(
    [
      { id: 'router', type: 'intent', prompt: 'How can I help?', routes: [
        { buying: true, next: 'sales' },
        { intent: 'shipping', next: 'ship' },
        { entity: 'email', next: 'gotEmail' },
        { keywords: { pl: ['zwrot'], en: ['refund'] }, next: 'returns' },
        { payload: 'menu', next: 'menu' },
      ], fallback: 'faq' },
      { id: 'sales', type: 'message', text: 'sales', next: 'done' },
      { id: 'ship', type: 'message', text: 'ship', next: 'done' },
      { id: 'gotEmail', type: 'message', text: 'email', next: 'done' },
      { id: 'returns', type: 'message', text: 'returns', next: 'done' },
      { id: 'menu', type: 'message', text: 'menu', next: 'done' },
      { id: 'faq', type: 'message', text: 'faq', next: 'done' },
      end,
    ],
    { intents: [{ name: 'price', buying: true, examples: { en: ['price'] } }, { name: 'shipping', examples: { en: ['shipping'] } }] },
  );
  const route = (text: string, nlu = nluOf(null)) => {
    const c = new Convo(flow);
    expect(texts(c.start())).toEqual(['How can I help?']);
    return c.say(text, nlu);
  };

  it('routes by buying intent, intent name, entity, keywords (without NLU), payload', () => {
    expect(texts(route('how much?', nluOf('price', 0.8)))).toEqual(['sales']);
    expect(route('how much?', nluOf('price', 0.8)).state.vars.lastIntent).toBe('price');
    expect(texts(route('when will it arrive', nluOf('shipping')))).toEqual(['ship']);
    expect(texts(route('a@b.co', nluOf(null, 0, [{ type: 'email', value: 'a@b.co', text: 'a@b.co' }])))).toEqual(['email']);
    expect(texts(route('Chcę ZWROT pieniędzy'))).toEqual(['returns']);
    const c = new Convo(flow);
    c.start();
    expect(texts(c.step({ type: 'message', message: postback('menu') }))).toEqual(['menu']);
    const d = new Convo(flow);
    d.start();
    expect(texts(d.step({ type: 'message', message: postback('intent:shipping') }))).toEqual(['ship']);
  });

  it('falls back on no intent, out of scope, or no NLU at all', () => {
    expect(texts(route('what is the meaning of life', nluOf(null)))).toEqual(['faq']);
    const c = new Convo(flow);
    c.start();
    expect(texts(c.step({ type: 'message', message: postback('x', 'x') }))).toEqual(['faq']);
  });

  it('reports a typed message it falls back on for review, with the intents it was most like, but not a button or an off-topic one', () => {
    const nlu: NluSnapshot = { language: { code: 'en', confidence: 0.9 }, intent: null, ranking: [{ name: 'shipping', confidence: 0.4 }, { name: 'price', confidence: 0.1 }], entities: [] };
    expect(route('do you have a loyalty program', nlu).effects).toContainEqual({ type: 'intentMissed', flowId: 'test', blockId: 'router', reason: 'no_intent', language: 'en', guesses: nlu.ranking });
    expect(route('tell me a joke', { ...nlu, outOfScope: { name: 'chitchat', confidence: 0.8 } }).effects.filter((e) => e.type === 'intentMissed')).toEqual([]);
    expect(route('how much?', nluOf('price', 0.8)).effects.filter((e) => e.type === 'intentMissed')).toEqual([]);
    const c = new Convo(flow);
    c.start();
    expect(c.step({ type: 'message', message: postback('x', 'x') }).effects.filter((e) => e.type === 'intentMissed')).toEqual([]);
  });

  it('takes every intent the NLU gives (it applied the bot\'s threshold) unless the block or route asks for more', () => {
    expect(texts(route('hmm', nluOf('shipping', 0.3)))).toEqual(['ship']);
    const strict = (router: object, confidence: number) => {
      const f = makeFlow([{ id: 'router', type: 'intent', routes: [{ intent: 'shipping', next: 'ship' }], fallback: 'faq', ...router }, { id: 'ship', type: 'message', text: 'ship' }, { id: 'faq', type: 'message', text: 'faq' }], { intents: [{ name: 'shipping', examples: { en: ['shipping'] } }] });
      const c = new Convo(f);
      c.start();
      return texts(c.say('hmm', nluOf('shipping', confidence)));
    };
    expect(strict({ minConfidence: 0.5 }, 0.3)).toEqual(['faq']);
    expect(strict({ minConfidence: 0.5 }, 0.6)).toEqual(['ship']);
  });

  it('routes the unconsumed message right away when reached from an ended conversation', () => {
    const f = makeFlow(
      [{ id: 'hi', type: 'message', text: 'hi' }, { id: 'router', type: 'intent', routes: [{ intent: 'shipping', next: 'ship' }], fallback: 'hi' }, { id: 'ship', type: 'message', text: 'ship' }],
      { intents: [{ name: 'shipping', examples: { en: ['shipping'] } }], settings: { idleBlock: 'router' } },
    );
    const c = new Convo(f);
    c.start();
    expect(c.state.current).toBeNull();
    const r = c.say('shipping?', nluOf('shipping'));
    expect(r.trace).toEqual(['router', 'ship']);
  });
});

describe('intent router: "did you mean…?"', () => {
  const flowWith = (router: Record<string, unknown>) => makeFlow(
    [
      { id: 'router', type: 'intent', prompt: 'How can I help?', routes: [{ intent: 'price', next: 'sales' }, { intent: 'shipping', next: 'ship' }, { intent: 'delivery', next: 'ship' }], fallback: 'faq', ...router },
      { id: 'sales', type: 'message', text: 'sales', next: 'done' },
      { id: 'ship', type: 'message', text: 'ship', next: 'done' },
      { id: 'faq', type: 'message', text: 'faq', next: 'done' },
      { id: 'done', type: 'end' },
    ],
    { intents: [
      { name: 'price', examples: { en: ['how much is it'], pl: ['ile to kosztuje'] } },
      { name: 'shipping', examples: { en: ['how long is delivery'], pl: ['ile trwa wysyłka'] } },
      { name: 'delivery', examples: { en: ['where is my parcel'] } },
    ] },
  );
  const clarifying = flowWith({ clarify: { en: 'Did you mean…?', pl: 'Czy chodzi o…?' } });
  const ranked = (...pairs: [string, number][]): NluSnapshot => ({ intent: { name: pairs[0][0], confidence: pairs[0][1] }, ranking: pairs.map(([name, confidence]) => ({ name, confidence })), entities: [] });
  const say = (flow: ReturnType<typeof flowWith>, nlu: NluSnapshot, locale = 'en') => {
    const c = new Convo(flow, makeCtx({ locale }));
    c.start();
    return { c, r: c.say('how much for delivery', nlu) };
  };

  it('asks with the two intents as buttons when the message could be either, and routes the button', () => {
    const { c, r } = say(clarifying, ranked(['price', 0.45], ['shipping', 0.4]));
    expect(texts(r)).toEqual(['Did you mean…?']);
    expect(r.effects).toContainEqual({ type: 'intentMissed', flowId: 'test', blockId: 'router', reason: 'unsure', guesses: [{ name: 'price', confidence: 0.45 }, { name: 'shipping', confidence: 0.4 }] });
    expect(r.outputs[0]).toMatchObject({ quickReplies: [{ title: 'how much is it', payload: 'intent:price' }, { title: 'how long is delivery', payload: 'intent:shipping' }] });
    const pressed = c.step({ type: 'message', message: postback('intent:shipping', 'how long is delivery') });
    expect(texts(pressed)).toEqual(['ship']);
    expect(pressed.effects).toContainEqual({ type: 'intentChosen', blockId: 'router', intent: 'shipping' });
    // In Polish the buttons are the Polish phrases.
    expect(say(clarifying, ranked(['price', 0.45], ['shipping', 0.4]), 'pl').r.outputs[0]).toMatchObject({ text: 'Czy chodzi o…?', quickReplies: [{ title: 'ile to kosztuje' }, { title: 'ile trwa wysyłka' }] });
  });

  it('an intent\'s label, when it has one, names its button', () => {
    const labelled = flowWith({ clarify: 'Which?' });
    labelled.intents[0] = { ...labelled.intents[0], label: { en: 'Prices', pl: 'Ceny' } };
    expect(say(labelled, ranked(['price', 0.45], ['shipping', 0.4]), 'pl').r.outputs[0]).toMatchObject({ quickReplies: [{ title: 'Ceny', payload: 'intent:price' }, { title: 'ile trwa wysyłka' }] });
  });

  it('routes straight on when sure, when the second is far behind, when both lead to the same block, without clarify, or when the chat model chose', () => {
    expect(texts(say(clarifying, ranked(['price', 0.8], ['shipping', 0.19])).r)).toEqual(['sales']);
    expect(texts(say(clarifying, ranked(['price', 0.6], ['shipping', 0.2])).r)).toEqual(['sales']);
    expect(texts(say(clarifying, ranked(['shipping', 0.45], ['delivery', 0.4])).r)).toEqual(['ship']);
    expect(texts(say(flowWith({}), ranked(['price', 0.45], ['shipping', 0.4])).r)).toEqual(['sales']);
    // The chat model settled it: the intent comes sure, whatever the local ranking.
    expect(texts(say(clarifying, { ...ranked(['price', 0.45], ['shipping', 0.4]), intent: { name: 'price', confidence: 0.9 } }).r)).toEqual(['sales']);
  });
});

describe('condition block', () => {
  const cond = (when: unknown, ctxOver = {}, vars: Record<string, unknown> = {}) => {
    const f = makeFlow([
      { id: 'set', type: 'setVariable', set: Object.entries(vars).map(([k, v]) => ({ var: k, value: v })).concat([{ var: 'x', value: 1 }]), next: 'c' },
      { id: 'c', type: 'condition', branches: [{ when, next: 'yes' }], else: 'no' },
      { id: 'yes', type: 'end' },
      { id: 'no', type: 'end' },
    ], { settings: { timezone: 'Europe/Warsaw' } });
    return new Convo(f, makeCtx(ctxOver)).start().trace.at(-1);
  };

  it.each([
    [{ left: 'vars.budget', op: 'gt', value: 40 }, { budget: 50 }, 'yes'],
    [{ left: 'vars.budget', op: 'lte', value: 40 }, { budget: 50 }, 'no'],
    [{ left: 'vars.budget', op: 'gte', value: '50' }, { budget: '50' }, 'yes'],
    [{ left: 'vars.budget', op: 'lt', value: 10 }, {}, 'no'],
    [{ left: 'vars.skin', op: 'eq', value: 'DRY' }, { skin: 'dry' }, 'yes'],
    [{ left: 'vars.skin', op: 'ne', value: 'dry' }, { skin: 'oily' }, 'yes'],
    [{ left: 'vars.skin', op: 'in', value: ['dry', 'sensitive'] }, { skin: 'sensitive' }, 'yes'],
    [{ left: 'vars.skin', op: 'notIn', value: ['dry', 'sensitive'] }, { skin: 'sensitive' }, 'no'],
    [{ left: 'vars.tags', op: 'contains', value: 'vegan' }, { tags: ['vegan', 'spf'] }, 'yes'],
    [{ left: 'vars.name', op: 'startsWith', value: 'an' }, { name: 'Anna' }, 'yes'],
    [{ left: 'vars.name', op: 'matches', value: '^a.+a$' }, { name: 'Anna' }, 'yes'],
    [{ left: 'vars.name', op: 'exists' }, {}, 'no'],
    [{ left: 'vars.name', op: 'notExists' }, {}, 'yes'],
    [{ left: 'vars.budget', op: 'between', value: [10, 50] }, { budget: 50 }, 'yes'],
    [{ all: [{ left: 'vars.a', op: 'eq', value: 1 }, { left: 'vars.b', op: 'eq', value: 2 }] }, { a: 1, b: 2 }, 'yes'],
    [{ all: [{ left: 'vars.a', op: 'eq', value: 1 }, { left: 'vars.b', op: 'eq', value: 3 }] }, { a: 1, b: 2 }, 'no'],
    [{ any: [{ left: 'vars.a', op: 'eq', value: 9 }, { left: 'vars.b', op: 'eq', value: 2 }] }, { a: 1, b: 2 }, 'yes'],
    [{ not: { left: 'vars.a', op: 'eq', value: 1 } }, { a: 1 }, 'no'],
  ])('%j with %j → %s', (when, vars, expected) => {
    expect(cond(when, {}, vars)).toBe(expected);
  });

  it('reads contact fields, lead score, channel, locale and time of day in the flow time zone', () => {
    expect(cond({ left: 'contact.fields.vip', op: 'eq', value: true }, { contact: { id: 'c', fields: { vip: true } } })).toBe('yes');
    expect(cond({ left: 'lead.score', op: 'gte', value: 50 }, { lead: { score: 60, fields: {} } })).toBe('yes');
    expect(cond({ left: 'channel', op: 'eq', value: 'whatsapp' }, { channel: 'telegram' })).toBe('no');
    expect(cond({ left: 'locale', op: 'eq', value: 'fa' }, { locale: 'fa' })).toBe('yes');
    // 10:00 UTC on a Monday is 11:00 in Warsaw (winter)
    expect(cond({ left: 'time.hour', op: 'eq', value: 11 })).toBe('yes');
    expect(cond({ left: 'time.hhmm', op: 'between', value: ['09:00', '17:00'] })).toBe('yes');
    expect(cond({ left: 'time.hhmm', op: 'between', value: ['09:00', '17:00'] }, { now: new Date('2025-01-06T20:00:00Z') })).toBe('no');
    expect(cond({ left: 'time.weekday', op: 'in', value: [1, 2, 3, 4, 5] })).toBe('yes');
  });
});

describe('set variable, update contact, update lead', () => {
  it('sets (templated), increments, appends, unsets', () => {
    const f = makeFlow([
      { id: 's', type: 'setVariable', set: [
        { var: 'greeting', value: 'Hi {{contact.firstName}}' },
        { var: 'n', op: 'increment', value: 5 },
        { var: 'n', op: 'increment' },
        { var: 'list', op: 'append', value: 'a' },
        { var: 'list', op: 'append', value: 'b' },
        { var: 'tmp', value: 1 },
        { var: 'tmp', op: 'unset' },
      ] },
    ]);
    const r = new Convo(f, makeCtx({ contact: { id: 'c', firstName: 'Jan', fields: {} } })).start();
    expect(r.state.vars).toEqual({ greeting: 'Hi Jan', n: 6, list: ['a', 'b'] });
  });

  it('emits updateContact and updateLead (score +20, status) and later blocks see the change', () => {
    const f = makeFlow([
      { id: 'uc', type: 'updateContact', fields: { firstName: 'Ana', city: 'Shiraz' }, next: 'ul' },
      { id: 'ul', type: 'updateLead', scoreDelta: 20, status: 'hot', fields: { intent: 'buy' }, next: 'm' },
      { id: 'm', type: 'message', text: '{{contact.firstName}} {{contact.fields.city}} {{lead.score}} {{lead.status}}' },
    ]);
    const r = new Convo(f, makeCtx({ lead: { score: 5, fields: {} } })).start();
    expect(r.effects).toEqual([
      { type: 'updateContact', fields: { firstName: 'Ana', city: 'Shiraz' } },
      { type: 'updateLead', fields: { intent: 'buy' }, scoreDelta: 20, status: 'hot' },
    ]);
    expect(texts(r)).toEqual(['Ana Shiraz 25 hot']);
  });
});

describe('recommend block', () => {
  const catalog: Product[] = [
    { id: 'a', name: { en: 'Rich Cream', pl: 'Krem' }, price: 38, currency: 'USD', tags: ['dry', 'sensitive'], url: 'https://x/a', imageUrl: 'https://x/a.jpg' },
    { id: 'b', name: 'Gel', price: 29, currency: 'USD', tags: ['oily'] },
    { id: 'c', name: 'Serum', price: 45, currency: 'USD', tags: ['dry'] },
    { id: 'd', name: 'Oil', price: 62, currency: 'USD', tags: ['dry'] },
    { id: 'e', name: 'Balm', price: 9, currency: 'USD', tags: ['dry', 'sensitive'] },
  ];
  const flow = makeFlow([
    { id: 'set', type: 'setVariable', set: [{ var: 'budget', value: 50 }, { var: 'skin', value: 'dry' }, { var: 'extra', value: ['sensitive'] }], next: 'rec' },
    { id: 'rec', type: 'recommend', budgetVar: 'budget', needVars: ['skin', 'extra'], limit: 2, tagLabels: { dry: { en: 'dry skin', pl: 'sucha skóra' }, sensitive: { en: 'sensitive skin', pl: 'skóra wrażliwa' } }, next: 'after', empty: 'none' },
    { id: 'after', type: 'end' },
    { id: 'none', type: 'end' },
  ]);

  it('filters by budget and needs, best match first, with the reason shown', () => {
    const r = new Convo(flow, makeCtx({ catalog })).start();
    expect(texts(r)).toEqual(['Here are my picks for you, because you said under 50 and dry skin and sensitive skin:', 'Rich Cream', 'Balm']);
    expect(r.outputs[1]).toEqual({ type: 'card', title: 'Rich Cream', subtitle: '38 USD', imageUrl: 'https://x/a.jpg', url: 'https://x/a', buttons: [{ type: 'url', title: 'View', url: 'https://x/a' }] });
    expect(r.state.vars.recommended).toEqual(['a', 'e']);
    expect(r.trace.at(-1)).toBe('after');
    const pl = new Convo(flow, makeCtx({ catalog, locale: 'pl' })).start();
    expect(texts(pl)[0]).toContain('na podstawie Twoich odpowiedzi: do 50 i sucha skóra i skóra wrażliwa');
    expect(texts(pl)[1]).toBe('Krem');
  });

  it('goes to the empty branch when nothing fits (and with an empty catalog)', () => {
    const cheap = makeFlow([
      { id: 'set', type: 'setVariable', set: [{ var: 'budget', value: 'about 5 dollars' }, { var: 'skin', value: 'dry' }], next: 'rec' },
      { id: 'rec', type: 'recommend', budgetVar: 'budget', needVars: ['skin'], next: 'after', empty: 'none', emptyText: 'Nothing {{rec.reason}}' },
      { id: 'after', type: 'end' },
      { id: 'none', type: 'end' },
    ]);
    const r = new Convo(cheap, makeCtx({ catalog })).start();
    expect(texts(r)).toEqual(['Nothing because you said under 5 and dry']);
    expect(r.trace.at(-1)).toBe('none');
    expect(new Convo(flow, makeCtx({ catalog: [] })).start().trace.at(-1)).toBe('none');
  });
});

describe('knowledge block', () => {
  const flow = makeFlow([
    { id: 'kb', type: 'knowledge', showSources: true, next: 'after', unanswered: 'miss', notFoundText: 'No idea.' },
    { id: 'after', type: 'message', text: 'anything else?' },
    { id: 'miss', type: 'message', text: 'try agent' },
  ], { settings: { idleBlock: 'kb' } });

  it('asks the runtime (pending), then says the answer with sources and continues', () => {
    const c = new Convo(flow);
    const r = c.say('do you ship to Iran?');
    expect(r.pending).toEqual({ type: 'knowledge', blockId: 'kb', query: 'do you ship to Iran?', locale: 'en' });
    expect(r.outputs).toEqual([]);
    expect(r.state).toMatchObject({ current: 'kb', waitingFor: 'knowledge' });
    const a = c.step({ type: 'knowledge', result: { answered: true, text: 'Yes, in 5 days.', sources: [{ title: 'Shipping', url: 'https://x/ship' }, { title: 'no url' }] } });
    expect(a.outputs[0]).toEqual({ type: 'text', text: 'Yes, in 5 days.', buttons: [{ type: 'url', title: 'Shipping', url: 'https://x/ship' }] });
    expect(texts(a)).toEqual(['Yes, in 5 days.', 'anything else?']);
    expect(a.pending).toBeUndefined();
  });

  it('not found → notFoundText and the unanswered branch', () => {
    const c = new Convo(flow);
    c.say('??? xyz');
    expect(texts(c.step({ type: 'knowledge', result: { answered: false } }))).toEqual(['No idea.', 'try agent']);
  });

  it('answerer asks for a human → handoff', () => {
    const c = new Convo(flow);
    c.say('I want a refund now!!!');
    const r = c.step({ type: 'knowledge', result: { answered: false, handoff: true } });
    expect(r.effects).toContainEqual({ type: 'handoff', reason: 'knowledge answer needs a human', priority: 'normal' });
    expect(r.state.status).toBe('handoff');
  });

  it('searches for the request when the NLU set a greeting or thanks around it aside', () => {
    const nlu = { intent: { name: 'shipping', confidence: 0.9 }, entities: [], request: 'how long does delivery take?' };
    const r = new Convo(flow).say('good morning, how long does delivery take?', nlu);
    expect(r.pending).toMatchObject({ type: 'knowledge', query: 'how long does delivery take?' });
  });

  it('ignores a knowledge answer nobody waits for, with a log effect', () => {
    const c = new Convo(flow);
    const r = c.step({ type: 'knowledge', result: { answered: true, text: 'stray' } });
    expect(r.outputs).toEqual([]);
    expect(r.effects).toEqual([{ type: 'log', level: 'warn', message: 'knowledge answer arrived but no knowledge block is waiting; ignored' }]);
  });
});

describe('handoff block', () => {
  const flow = makeFlow([
    { id: 'ask', type: 'ask', var: 'q', answer: 'text', question: 'Question?', next: 'h', giveUp: 'h', retryText: 'again' },
    { id: 'h', type: 'handoff', reason: 'asked: {{vars.q}}', priority: 'high', note: 'lead {{lead.score}}', text: { en: 'Connecting…', pl: 'Łączę…' }, next: 'back' },
    { id: 'back', type: 'message', text: 'Welcome back!', next: 'ask' },
  ]);

  it('emits the handoff effect, tells the customer, stays silent, resumes at next', () => {
    const c = new Convo(flow);
    c.start();
    const r = c.say('where is my order');
    expect(r.effects).toEqual([{ type: 'handoff', reason: 'asked: where is my order', priority: 'high', note: 'lead 0' }]);
    expect(r.outputs).toEqual([{ type: 'handoff', status: 'queued', text: 'Connecting…' }]);
    expect(r.state).toMatchObject({ status: 'handoff', resumeAt: 'back', current: null });

    const silent = c.say('hello??');
    expect(silent.outputs).toEqual([]);
    expect(silent.effects).toEqual([]);
    expect(c.step({ type: 'start' }).outputs).toEqual([]);
    expect(c.say('agent').outputs).toEqual([]);

    const back = c.step({ type: 'resume' });
    expect(texts(back)).toEqual(['Welcome back!', 'Question?']);
    expect(back.state).toMatchObject({ status: 'bot', current: 'ask' });
    expect(c.step({ type: 'resume' }).outputs).toEqual([]); // not in handoff: nothing to resume
  });
});

describe('crm and webhook blocks', () => {
  it('emit outbox effects with templated payloads', () => {
    const f = makeFlow([
      { id: 'crm', type: 'crm', action: 'upsertLead', payload: { email: '{{contact.email}}', nested: { score: '{{lead.score}}' }, fixed: 3 }, next: 'hook' },
      { id: 'hook', type: 'webhook', event: 'lead.created', url: 'https://hooks.example/x', payload: { id: '{{contact.id}}' } },
    ]);
    const r = new Convo(f, makeCtx({ contact: { id: 'c9', email: 'e@x.io', fields: {} }, lead: { score: 30, fields: {} } })).start();
    expect(r.effects).toEqual([
      { type: 'crm', action: 'upsertLead', payload: { email: 'e@x.io', nested: { score: '30' }, fixed: 3 } },
      { type: 'webhook', url: 'https://hooks.example/x', event: 'lead.created', payload: { id: 'c9' } },
    ]);
  });
});

describe('A/B split', () => {
  const flow = (sticky: 'contact' | 'conversation', weights = [80, 20]) =>
    makeFlow([
      { id: 'ab', type: 'abSplit', experimentId: 'welcome-test', sticky, variants: [{ name: 'A', weight: weights[0], next: 'a' }, { name: 'B', weight: weights[1], next: 'b' }] },
      { id: 'a', type: 'message', text: 'A', next: 'ab2' },
      { id: 'b', type: 'message', text: 'B', next: 'ab2' },
      { id: 'ab2', type: 'intent', routes: [{ keywords: ['again'], next: 'ab' }], fallback: 'ab' },
    ]);

  it('records the assignment once and keeps the contact in its variant', () => {
    const c = new Convo(flow('conversation'), makeCtx(), 7);
    const first = c.start();
    expect(first.effects).toEqual([{ type: 'experiment', experimentId: 'welcome-test', variant: first.state.experiments['welcome-test'] }]);
    const variant = texts(first)[0];
    for (let i = 0; i < 5; i++) {
      const r = c.say('again');
      expect(texts(r)).toEqual([variant]);
      expect(r.effects).toEqual([]);
    }
  });

  it('same seed same variant; weights are respected over many conversations', () => {
    const f = flow('conversation');
    const v = (seed: number) => new Convo(f, makeCtx(), seed).start().state.experiments['welcome-test'];
    expect(v(123)).toBe(v(123));
    const counts = { A: 0, B: 0 } as Record<string, number>;
    for (let seed = 0; seed < 2000; seed++) counts[v(seed)]++;
    expect(counts.A / 2000).toBeGreaterThan(0.75);
    expect(counts.A / 2000).toBeLessThan(0.85);
  });

  it('contact stickiness: the same contact gets the same variant in every conversation; weights hold across contacts', () => {
    const f = flow('contact', [50, 50]);
    const v = (contactId: string, seed: number) => new Convo(f, makeCtx({ contact: { id: contactId, fields: {} } }), seed).start().state.experiments['welcome-test'];
    expect(new Set([1, 2, 3, 4, 5].map((s) => v('contact-42', s))).size).toBe(1);
    let a = 0;
    for (let i = 0; i < 2000; i++) if (v(`contact-${i}`, 1) === 'A') a++;
    expect(a / 2000).toBeGreaterThan(0.45);
    expect(a / 2000).toBeLessThan(0.55);
    const never = flow('contact', [0, 1]);
    expect(new Convo(never, makeCtx({ contact: { id: 'x', fields: {} } })).start().state.experiments['welcome-test']).toBe('B');
  });
});

describe('follow-up block', () => {
  const flow = makeFlow([
    { id: 'fu', type: 'followUp', delay: '1d', due: 'nudge', next: 'ask' },
    { id: 'ask', type: 'ask', var: 'email', answer: 'email', question: 'Email?', next: 'buy', giveUp: 'done', retryText: 'Email please' },
    { id: 'buy', type: 'updateLead', conversion: { value: 99 }, next: 'done' },
    { id: 'nudge', type: 'message', text: 'Complete your order!' },
    end,
  ]);

  it('schedules a deterministic follow-up and continues', () => {
    const c = new Convo(flow);
    const r = c.start();
    expect(r.effects).toEqual([{ type: 'scheduleFollowUp', id: 'fu#1', blockId: 'fu', delayMs: 86_400_000, cancelOn: ['reply', 'convert'] }]);
    expect(r.state.followUps).toEqual({ 'fu#1': { blockId: 'fu', cancelOn: ['reply', 'convert'] } });
    expect(texts(r)).toEqual(['Email?']);
  });

  it('when due: says the follow-up and keeps waiting where the customer was', () => {
    const c = new Convo(flow);
    c.start();
    const due = c.step({ type: 'followup', followUpId: 'fu#1', blockId: 'fu' });
    expect(texts(due)).toEqual(['Complete your order!']);
    expect(due.state).toMatchObject({ current: 'ask', waitingFor: 'input', followUps: {} });
    expect(c.say('a@b.io').trace).toEqual(['ask', 'buy', 'done']);
    // delivered twice (a retried job): nothing happens
    expect(c.step({ type: 'followup', followUpId: 'fu#1', blockId: 'fu' }).outputs).toEqual([]);
  });

  it('is cancelled when the contact replies', () => {
    const c = new Convo(flow);
    c.start();
    const r = c.say('not an email');
    expect(r.effects[0]).toEqual({ type: 'cancelFollowUps', reason: 'reply', ids: ['fu#1'] });
    expect(c.step({ type: 'followup', followUpId: 'fu#1', blockId: 'fu' }).outputs).toEqual([]);
  });

  it('is cancelled on conversion when it only waits for that', () => {
    const f = makeFlow([
      { id: 'fu', type: 'followUp', delay: 3_600_000, cancelOn: ['convert'], due: 'nudge', next: 'ask' },
      { id: 'ask', type: 'ask', var: 'email', answer: 'email', question: 'Email?', next: 'buy', giveUp: 'done', retryText: 'Email please' },
      { id: 'buy', type: 'updateLead', conversion: { value: 99 }, next: 'done' },
      { id: 'nudge', type: 'message', text: 'Complete your order!' },
      end,
    ]);
    const c = new Convo(f);
    expect(c.start().effects[0]).toMatchObject({ delayMs: 3_600_000, cancelOn: ['convert'] });
    const r = c.say('a@b.io');
    expect(r.effects).toEqual([
      { type: 'updateLead', fields: {} },
      { type: 'conversion', value: 99 },
      { type: 'cancelFollowUps', reason: 'convert', ids: ['fu#1'] },
    ]);
    expect(r.state.followUps).toEqual({});
  });
});

describe('go to and end', () => {
  it('jumps inside the flow and ends; the next message starts at the idle block', () => {
    const f = makeFlow([
      { id: 'g', type: 'goto', target: 'm' },
      { id: 'skipped', type: 'message', text: 'never' },
      { id: 'm', type: 'message', text: 'jumped', next: 'e' },
      { id: 'e', type: 'end' },
      { id: 'idle', type: 'message', text: 'welcome back' },
    ], { settings: { idleBlock: 'idle' } });
    const c = new Convo(f);
    const r = c.start();
    expect(r.trace).toEqual(['g', 'm', 'e']);
    expect(texts(r)).toEqual(['jumped']);
    expect(r.state.current).toBeNull();
    expect(texts(c.say('hi'))).toEqual(['welcome back']);
  });

  it('goes to another flow of the bot through ctx.flows and stays there', () => {
    const main = makeFlow([{ id: 'g', type: 'goto', flowId: 'returns', target: 'r2' }]);
    const returns = makeFlow([
      { id: 'r1', type: 'message', text: 'returns start' },
      { id: 'r2', type: 'ask', var: 'order', answer: 'text', question: 'Order number?', next: 'r3', giveUp: 'r3', retryText: '?' },
      { id: 'r3', type: 'message', text: 'Thanks for {{vars.order}}' },
    ], { id: 'returns' });
    const c = new Convo(main, makeCtx({ flows: { returns } }));
    const r = c.start();
    expect(texts(r)).toEqual(['Order number?']);
    expect(r.state.flowId).toBe('returns');
    expect(texts(c.say('A-1'))).toEqual(['Thanks for A-1']);
  });

  it('a missing flow gives the fallback reply and a log effect', () => {
    const main = makeFlow([{ id: 'g', type: 'goto', flowId: 'nope' }]);
    const r = new Convo(main).start();
    expect(texts(r)).toEqual(["Sorry, something went wrong on my side. Let's start again."]);
    expect(r.effects).toEqual([{ type: 'log', level: 'error', message: 'go to missing flow "nope"', blockId: 'g' }]);
  });
});
