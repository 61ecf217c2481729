import { type FlowDefinition, validateFlow } from '../../../flows/index';
import { Convo, makeCtx, makeFlow, nluOf, postback, texts, type RawBlock } from './helpers';

const intents = [
  { name: 'recommend', examples: { en: ['recommend me something'] } },
  { name: 'book', examples: { en: ['book a consultation'] } },
];

/** A router sending `recommend` to a skin choice then a budget, and `book` to a date then an email. */
function shop(prefill: boolean, extra: RawBlock[] = []): FlowDefinition {
  return makeFlow(
    [
      { id: 'main', type: 'intent', routes: [{ intent: 'recommend', next: 'skin' }, { intent: 'book', next: 'day' }], fallback: 'main' },
      {
        id: 'skin',
        type: 'ask',
        var: 'skin',
        answer: 'choice',
        prefill,
        question: 'Skin type?',
        options: [
          { value: 'dry', label: { en: 'Dry', ar: 'جافة' } },
          { value: 'oily', label: { en: 'Oily', ar: 'دهنية' } },
          { value: 'normal', label: 'Normal' },
        ],
        retryText: 'Please pick one.',
        next: 'budget',
        giveUp: 'budget',
      },
      { id: 'budget', type: 'ask', var: 'budget', answer: 'number', prefill, min: 1, max: 500, question: 'Budget?', retryText: 'A number please.', next: 'done', giveUp: 'done' },
      { id: 'done', type: 'message', text: 'Noted: {{vars.skin}}, {{vars.budget}}.', next: 'main' },
      { id: 'day', type: 'ask', var: 'day', answer: 'date', prefill, question: 'Which day?', retryText: 'A date please.', next: 'email', giveUp: 'email' },
      { id: 'email', type: 'ask', var: 'email', answer: 'email', prefill, saveTo: { contact: 'auto' }, question: 'Your email?', retryText: 'An email please.', next: 'booked', giveUp: 'booked' },
      { id: 'booked', type: 'message', text: 'Booked {{vars.day}} for {{vars.email}}.', next: 'main' },
      ...extra,
    ],
    { intents },
  );
}

describe('answers given in advance (prefill)', () => {
  it('the message that led to the questions answers them: an option it names and an amount with a currency', () => {
    const c = new Convo(shop(true));
    const r = c.say('recommend me something for dry skin under $40', nluOf('recommend'));
    expect(texts(r)).toEqual(['Noted: dry, 40.']);
    expect(r.trace).toEqual(['main', 'skin', 'budget', 'done', 'main']);
  });

  it('an amount range in the message is a budget of its far end, as the same answer typed at the question', () => {
    const c = new Convo(shop(true));
    expect(texts(c.say('recommend me something for dry skin, between 100 and 200 dollars', nluOf('recommend')))).toEqual(['Noted: dry, 200.']);
    const typed = new Convo(shop(true));
    typed.say('recommend me something for dry skin', nluOf('recommend'));
    expect(texts(typed.say('between 100 and 200 dollars'))).toEqual(['Noted: dry, 200.']);
  });

  it('asks what the message does not hold, and a bare number in a sentence is no budget', () => {
    const c = new Convo(shop(true));
    expect(texts(c.say('recommend me 2 creams for oily skin', nluOf('recommend')))).toEqual(['Budget?']);
    expect(c.state.vars.skin).toBe('oily');
    expect(texts(c.say('30'))).toEqual(['Noted: oily, 30.']);
  });

  it('two options named, an amount out of range, or no prefill: the question is asked', () => {
    expect(texts(new Convo(shop(true)).say('recommend me something for dry or oily skin', nluOf('recommend')))).toEqual(['Skin type?']);
    const c = new Convo(shop(true));
    expect(texts(c.say('recommend me something for dry skin under 900 dollars', nluOf('recommend')))).toEqual(['Budget?']);
    expect(texts(new Convo(shop(false)).say('recommend me something for dry skin under $40', nluOf('recommend')))).toEqual(['Skin type?']);
  });

  it('an option said in another form of its words, and the exact word first ("normally" is not "normal")', () => {
    const c = new Convo(shop(true), makeCtx({ locale: 'ar' }));
    c.say('انصحني بشيء للبشرة الجافة', nluOf('recommend'));
    expect(c.state.vars.skin).toBe('dry');
    const d = new Convo(shop(true));
    d.say('I normally have oily skin, recommend me something', nluOf('recommend'));
    expect(d.state.vars.skin).toBe('oily');
  });

  it('what the message says replaces what is known, and a question known and not answered in advance is skipped', () => {
    const f = makeFlow([
      { id: 'main', type: 'intent', routes: [{ intent: 'recommend', next: 'skin' }], fallback: 'main' },
      { id: 'skin', type: 'ask', var: 'skin', answer: 'choice', prefill: true, skipIfKnown: true, question: 'Skin type?', options: [{ value: 'dry', label: 'Dry' }, { value: 'oily', label: 'Oily' }], retryText: 'Pick.', next: 'done', giveUp: 'done' },
      { id: 'done', type: 'message', text: 'For {{vars.skin}} skin.', next: 'main' },
    ], { intents });
    const c = new Convo(f);
    expect(texts(c.say('recommend me something for dry skin', nluOf('recommend')))).toEqual(['For dry skin.']);
    expect(texts(c.say('now recommend me something for oily skin', nluOf('recommend')))).toEqual(['For oily skin.']);
    expect(texts(c.say('recommend me something', nluOf('recommend')))).toEqual(['For oily skin.']);
  });

  it('one answer can hold the next one too', () => {
    const c = new Convo(shop(true));
    expect(texts(c.say('recommend me something', nluOf('recommend')))).toEqual(['Skin type?']);
    expect(texts(c.say('dry, and no more than 25 euros'))).toEqual(['Noted: dry, 25.']);
  });

  it('a date and an email from the request, stored on the contact as an answer would be', () => {
    const c = new Convo(shop(true), makeCtx({ now: new Date('2025-05-31T12:00:00Z') }));
    const r = c.say('book a consultation tomorrow, my email is Anna@Example.com', nluOf('book'));
    expect(texts(r)).toEqual(['Booked Sunday, June 1 for anna@example.com.']);
    expect(r.effects).toContainEqual({ type: 'updateContact', fields: { email: 'anna@example.com' } });
  });

  it('a button press answers only the question it came with; a typed answer may answer the next too', () => {
    const twice = (first: RawBlock['id']) =>
      makeFlow([
        { id: first, type: 'ask', var: 'skin', answer: 'choice', question: 'Skin type?', options: [{ value: 'dry', label: 'Dry' }, { value: 'oily', label: 'Oily' }], retryText: 'Pick.', next: 'partner', giveUp: 'partner' },
        { id: 'partner', type: 'ask', var: 'partnerSkin', answer: 'choice', prefill: true, question: 'And your partner?', options: [{ value: 'dry', label: 'Dry' }, { value: 'oily', label: 'Oily' }], retryText: 'Pick.', next: 'done', giveUp: 'done' },
        { id: 'done', type: 'message', text: '{{vars.skin}} and {{vars.partnerSkin}}' },
      ]);
    const pressed = new Convo(twice('skin'));
    pressed.start();
    expect(texts(pressed.step({ type: 'message', message: postback('dry', 'Dry') }))).toEqual(['And your partner?']);
    const typed = new Convo(twice('skin'));
    typed.start();
    expect(texts(typed.say('dry'))).toEqual(['dry and dry']);
  });

  it('a budget asked in a currency refuses an amount in another, typed or given in advance, and takes one without any', () => {
    const inDollars = (prefill: boolean) => shop(prefill).blocks.map((block) => (block.id === 'budget' ? { ...block, currency: 'USD' } : block));
    const flow = (prefill: boolean): FlowDefinition => ({ ...shop(prefill), blocks: inDollars(prefill) as FlowDefinition['blocks'] });
    expect(texts(new Convo(flow(true)).say('recommend me something for dry skin under 40 euros', nluOf('recommend')))).toEqual(['Budget?']);
    expect(texts(new Convo(flow(true)).say('recommend me something for dry skin under 40 dollars', nluOf('recommend')))).toEqual(['Noted: dry, 40.']);
    const c = new Convo(flow(false));
    c.say('recommend me something', nluOf('recommend'));
    c.say('dry');
    expect(texts(c.say('300 zł'))).toEqual(['A number please.', 'Budget?']);
    expect(texts(c.say('fifty euros'))).toEqual(['A number please.', 'Budget?']);
    expect(texts(c.say('45'))).toEqual(['Noted: dry, 45.']);
    const withoutCurrency = new Convo(shop(false));
    withoutCurrency.say('recommend me something', nluOf('recommend'));
    withoutCurrency.say('dry');
    expect(texts(withoutCurrency.say('300 zł'))).toEqual(['Noted: dry, 300.']);
    // A dinar is the bot's country's: a Jordanian shop asking in dollars refuses it; with no country it is no other currency.
    const inJordan = new Convo(flow(false), makeCtx({ country: 'JO' }));
    inJordan.say('recommend me something', nluOf('recommend'));
    inJordan.say('dry');
    expect(texts(inJordan.say('50 dinars'))).toEqual(['A number please.', 'Budget?']);
    const nowhere = new Convo(flow(false));
    nowhere.say('recommend me something', nluOf('recommend'));
    nowhere.say('dry');
    expect(texts(nowhere.say('50 dinars'))).toEqual(['Noted: dry, 50.']);
  });

  it('validation warns that a currency is only for number questions, and refuses one that is no currency code', () => {
    const email = (currency: string) => validateFlow(JSON.parse(JSON.stringify({ ...shop(false), blocks: shop(false).blocks.map((b) => (b.id === 'email' ? { ...b, currency } : b)) })));
    const warned = email('USD');
    expect(warned.ok && warned.warnings).toContainEqual(expect.objectContaining({ blockId: 'email', path: 'currency', severity: 'warning' }));
    const refused = email('dollars');
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.issues).toContainEqual(expect.objectContaining({ blockId: 'email', message: expect.stringMatching(/ISO 4217/) }));
  });

  it('validation warns that text and yes/no questions take nothing in advance', () => {
    const f = shop(true, [{ id: 'ok', type: 'ask', var: 'ok', answer: 'yesno', prefill: true, question: 'OK?', retryText: 'Yes or no?', next: 'main', giveUp: 'main' }]);
    const r = validateFlow(JSON.parse(JSON.stringify(f)));
    expect(r.ok && r.warnings).toContainEqual(expect.objectContaining({ blockId: 'ok', path: 'prefill', severity: 'warning' }));
  });
});
