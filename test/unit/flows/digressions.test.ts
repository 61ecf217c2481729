import { type FlowDefinition } from '../../../flows/index';
import { Convo, makeFlow, nluOf, postback, texts, type RawBlock } from './helpers';

const intents = [
  { name: 'order_status', examples: { en: ['where is my order'] } },
  { name: 'price', examples: { en: ['how much is it'] } },
  { name: 'recommend', examples: { en: ['recommend me something'] } },
  { name: 'human', examples: { en: ['a person please'] } },
  { name: 'returns', examples: { en: ['can i send it back'] } },
];

function shop(skin: Partial<RawBlock> = {}, settings: Record<string, unknown> = { idleBlock: 'main' }): FlowDefinition {
  return makeFlow(
    [
      {
        id: 'skin',
        type: 'ask',
        var: 'skin',
        answer: 'choice',
        question: 'Skin type?',
        options: [
          { value: 'dry', label: 'Dry' },
          { value: 'oily', label: 'Oily' },
        ],
        retryText: 'Please pick one.',
        next: 'budget',
        giveUp: 'budget',
        ...skin,
      },
      { id: 'budget', type: 'ask', var: 'budget', answer: 'number', question: 'Budget?', retryText: 'A number please.', next: 'done', giveUp: 'done' },
      { id: 'done', type: 'message', text: 'Noted: {{vars.skin}}, {{vars.budget}}.', next: 'main' },
      {
        id: 'main',
        type: 'intent',
        routes: [
          { intent: 'price', next: 'price' },
          { intent: 'recommend', next: 'skin' },
          { intent: 'human', next: 'person' },
          { intent: 'order_status', next: 'faq' },
        ],
        fallback: 'faq',
      },
      { id: 'price', type: 'message', text: 'From 10 USD.', next: 'main' },
      { id: 'person', type: 'handoff', reason: 'asked for a person', next: 'main' },
      { id: 'faq', type: 'knowledge', next: 'main' },
    ],
    { intents, settings },
  );
}

describe('digressions from a question', () => {
  it('a sure intent that is no answer is routed by the idle block, then the question is asked again', () => {
    const c = new Convo(shop());
    c.start();
    const r = c.say('how much is it?', nluOf('price', 0.9));
    expect(texts(r)).toEqual(['From 10 USD.', 'Skin type?']);
    expect(r.outputs.at(-1)).toMatchObject({ quickReplies: [{ payload: 'dry' }, { payload: 'oily' }] });
    expect(r.state).toMatchObject({ current: 'skin', waitingFor: 'input', retries: {} });
    expect(r.state.digressedFrom).toBeUndefined();
    expect(c.say('oily').state.vars.skin).toBe('oily');
  });

  it('comes back after the knowledge answer the digression waited for', () => {
    const c = new Convo(shop());
    c.start();
    const asked = c.say('where is my order?', nluOf('order_status', 0.95));
    expect(asked.pending?.query).toBe('where is my order?');
    expect(asked.state.digressedFrom).toBe('skin');
    const r = c.step({ type: 'knowledge', result: { answered: true, text: 'Orders ship in 2 days.' } });
    expect(texts(r)).toEqual(['Orders ship in 2 days.', 'Skin type?']);
    expect(r.state.current).toBe('skin');
    expect(r.state.digressedFrom).toBeUndefined();
  });

  it('counts a digression as no try: the question is asked afresh', () => {
    const c = new Convo(shop({ maxTries: 2 }));
    c.start();
    expect(texts(c.say('purple'))).toEqual(['Please pick one.', 'Skin type?']);
    expect(texts(c.say('how much?', nluOf('price', 0.9)))).toEqual(['From 10 USD.', 'Skin type?']);
    expect(texts(c.say('purple'))).toEqual(['Please pick one.', 'Skin type?']);
    expect(c.last.state.current).toBe('skin');
  });

  it('asks again as before when the intent is unsure or not routed, the message is about the question, the answer is valid, a button was pressed or the question opts out', () => {
    const unsure = new Convo(shop());
    unsure.start();
    expect(texts(unsure.say('how much', nluOf('price', 0.6)))).toEqual(['Please pick one.', 'Skin type?']);

    const valid = new Convo(shop());
    valid.start();
    expect(valid.say('dry', nluOf('price', 0.9)).state).toMatchObject({ current: 'budget', vars: { skin: 'dry' } });

    const button = new Convo(shop());
    button.start();
    expect(texts(button.step({ type: 'message', message: postback('intent:price', 'Prices'), nlu: nluOf('price', 0.9) }))).toEqual(['Please pick one.', 'Skin type?']);

    const optedOut = new Convo(shop({ digressions: false }));
    optedOut.start();
    expect(texts(optedOut.say('how much?', nluOf('price', 0.9)))).toEqual(['Please pick one.', 'Skin type?']);

    // The router would leave it to its fallback: a remark about the question may look like some intent.
    const unrouted = new Convo(shop());
    unrouted.start();
    expect(texts(unrouted.say('none of these, can i send it back', nluOf('returns', 0.9)))).toEqual(['Please pick one.', 'Skin type?']);

    const aboutTheQuestion = new Convo(shop());
    aboutTheQuestion.start();
    expect(texts(aboutTheQuestion.say('my skin type is not there', nluOf('order_status', 0.99)))).toEqual(['Please pick one.', 'Skin type?']);

    const noIdleBlock = new Convo(shop({}, {}));
    noIdleBlock.start();
    expect(texts(noIdleBlock.say('how much?', nluOf('price', 0.9)))).toEqual(['Please pick one.', 'Skin type?']);
  });

  it('is forgotten when the digression becomes a conversation of its own or a person takes over', () => {
    const c = new Convo(shop());
    c.start();
    c.say('dry');
    const restarted = c.say('recommend me something', nluOf('recommend', 0.9));
    expect(texts(restarted)).toEqual(['Skin type?']);
    expect(restarted.state.digressedFrom).toBeUndefined();
    expect(c.say('oily').state.current).toBe('budget');

    const d = new Convo(shop());
    d.start();
    const handedOff = d.say('a person please', nluOf('human', 0.9));
    expect(handedOff.state).toMatchObject({ status: 'handoff', resumeAt: 'main' });
    expect(handedOff.state.digressedFrom).toBeUndefined();
  });

  it('digresses from a text question only on a question asked back', () => {
    const flow = shop({ answer: 'text', options: undefined, question: 'Your name?' });
    const c = new Convo(flow);
    c.start();
    expect(texts(c.say('how much is it?', nluOf('price', 0.9)))).toEqual(['From 10 USD.', 'Your name?']);
    expect(texts(c.say('قیمتش چنده؟', nluOf('price', 0.9)))).toEqual(['From 10 USD.', 'Your name?']);
    expect(c.say('Anna?', nluOf(null)).state.vars.skin).toBe('Anna?');
    const d = new Convo(flow);
    d.start();
    expect(d.say('how much is it', nluOf('price', 0.9)).state.vars.skin).toBe('how much is it');
  });

  it('takes a question asked back to a text question to the idle block whatever its intent, as a name it is not', () => {
    // "What's" in both is a function word, not a sign the message is about the question.
    const flow = shop({ answer: 'text', options: undefined, question: "What's your name?" });
    const c = new Convo(flow);
    c.start();
    // No intent: the router's fallback, the knowledge base, gets the question.
    const asked = c.say("what's in it?", nluOf(null));
    expect(asked.pending?.query).toBe("what's in it?");
    expect(asked.state.vars.skin).toBeUndefined();
    expect(texts(c.step({ type: 'knowledge', result: { answered: true, text: 'Aloe and niacinamide.' } }))).toEqual(['Aloe and niacinamide.', "What's your name?"]);
    // An unsure intent does not count: the router would ask "did you mean…?" about it. A sure one is routed.
    expect(c.say('a co jest w środku?', nluOf('price', 0.3)).pending?.query).toBe('a co jest w środku?');
    expect(texts(c.step({ type: 'knowledge', result: { answered: false } })).at(-1)).toBe("What's your name?");
    expect(texts(c.say('how much is it?', nluOf('price', 0.9)))).toEqual(['From 10 USD.', "What's your name?"]);
    expect(c.say('Anna Maria?', nluOf(null)).state.vars.skin).toBe('Anna Maria?');
  });

  it('answers a question asked back about the question, which a remark about it does not get', () => {
    const flow = shop({ answer: 'emailOrPhone', options: undefined, question: 'Your email or phone?', retryText: 'That is no email.' });
    const remark = new Convo(flow);
    remark.start();
    expect(texts(remark.say('my email is not valid', nluOf('order_status', 0.99)))).toEqual(['That is no email.', 'Your email or phone?']);
    const asked = new Convo(flow);
    asked.start();
    expect(asked.say('why do you need my email?', nluOf(null)).pending?.query).toBe('why do you need my email?');
    expect(texts(asked.step({ type: 'knowledge', result: { answered: true, text: 'To send you your picks.' } }))).toEqual(['To send you your picks.', 'Your email or phone?']);
  });

  it('works from a number question too', () => {
    const c = new Convo(shop());
    c.start();
    c.say('dry');
    expect(texts(c.say('how much is it', nluOf('price', 0.8)))).toEqual(['From 10 USD.', 'Budget?']);
    expect(c.say('is that in dollars?', nluOf(null)).pending?.query).toBe('is that in dollars?');
    expect(texts(c.step({ type: 'knowledge', result: { answered: true, text: 'Prices are in USD.' } }))).toEqual(['Prices are in USD.', 'Budget?']);
    expect(texts(c.say('lots?', nluOf(null)))).toEqual(['A number please.', 'Budget?']);
    expect(texts(c.say('40'))).toEqual(['Noted: dry, 40.']);
  });
});
