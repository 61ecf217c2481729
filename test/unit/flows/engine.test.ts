import { type FlowState, initialState, step } from '../../../flows/index';
import { Convo, makeCtx, makeFlow, nluOf, postback, say, texts } from './helpers';

const journey = makeFlow(
  [
    { id: 'welcome', type: 'message', text: { en: 'Welcome', pl: 'Witaj', ar: 'أهلا', fa: 'خوش آمدید' }, next: 'fu' },
    { id: 'fu', type: 'followUp', delay: '2h', cancelOn: ['convert'], due: 'nudge', next: 'name' },
    { id: 'name', type: 'ask', var: 'name', answer: 'text', question: 'Name?', next: 'ab', giveUp: 'ab', retryText: 'Name please' },
    { id: 'ab', type: 'abSplit', sticky: 'conversation', variants: [{ name: 'x', weight: 1, next: 'x' }, { name: 'y', weight: 1, next: 'y' }] },
    { id: 'x', type: 'message', text: ['Hi {{vars.name}} (x1)', 'Hi {{vars.name}} (x2)'], next: 'menu' },
    { id: 'y', type: 'message', text: ['Hi {{vars.name}} (y1)', 'Hi {{vars.name}} (y2)'], next: 'menu' },
    { id: 'menu', type: 'intent', routes: [{ intent: 'price', next: 'price' }], fallback: 'menu' },
    { id: 'price', type: 'message', text: 'It costs 10', next: 'menu' },
    { id: 'nudge', type: 'message', text: 'Still there?' },
  ],
  { intents: [{ name: 'price', examples: { en: ['price'] } }], settings: { idleBlock: 'menu', entryPoints: { promo: 'name' } } },
);

describe('global commands', () => {
  const handoffWords = ['agent', 'Human', 'talk to a person', 'can I talk to a human please?', 'konsultant', 'człowiek', 'Człowiek!', 'موظف', 'إنسان', 'انسان', 'اپراتور', 'پشتیبان', 'poshtibani', 'mowazaf'];
  it.each(handoffWords)('"%s" asks for a human from the middle of a question, and resumes there', (word) => {
    const c = new Convo(journey);
    c.start();
    const r = c.say(word);
    expect(r.effects).toEqual([{ type: 'handoff', reason: 'customer asked for a human', priority: 'normal' }]);
    expect(r.outputs[0]).toMatchObject({ type: 'handoff', status: 'queued' });
    expect(r.state).toMatchObject({ status: 'handoff', resumeAt: 'name' });
    expect(c.say('hello?').outputs).toEqual([]);
    expect(texts(c.step({ type: 'resume' }))).toEqual(['Name?']);
  });

  it('says the handoff notice in the contact language', () => {
    const c = new Convo(journey, makeCtx({ locale: 'fa' }));
    c.start();
    expect(texts(c.say('اپراتور'))).toEqual(['شما را به یکی از همکارانمان وصل می‌کنم. لطفاً کمی صبر کنید.']);
  });

  it.each(['stop', 'STOP', 'unsubscribe', 'wypisz', 'لغو', 'لغو اشتراک', 'إلغاء الاشتراك', 'الغاء الاشتراك'])('"%s" opts out, cancels follow-ups and ends', (word) => {
    const c = new Convo(journey);
    c.start();
    const r = c.say(word);
    expect(r.effects).toEqual([{ type: 'optOut' }, { type: 'cancelFollowUps', reason: 'optOut', ids: ['fu#1'] }]);
    expect(r.state).toMatchObject({ optedOut: true, current: null, followUps: {} });
    expect(texts(r)[0]).toContain('unsubscribed');
  });

  it('does not opt out on a sentence that merely contains "stop"', () => {
    const c = new Convo(journey);
    c.start();
    expect(c.say('Stop Motion').state.vars.name).toBe('Stop Motion');
  });

  it.each(['restart', 'start over', 'od nowa', 'ابدأ من جديد', 'از اول', 'شروع مجدد'])('"%s" starts over with fresh variables', (word) => {
    const c = new Convo(journey);
    c.start();
    c.say('Ola');
    expect(c.state.vars.name).toBe('Ola');
    const r = c.say(word);
    expect(r.effects[0]).toEqual({ type: 'restart' });
    expect(r.trace.slice(0, 3)).toEqual(['welcome', 'fu', 'name']);
    expect(r.state.vars).toEqual({});
    expect(r.state.current).toBe('name');
  });

  it('works from button payloads and from handoff intents; flows can add words or replace the defaults', () => {
    const c = new Convo(journey);
    c.start();
    expect(c.step({ type: 'message', message: postback('cmd:handoff', 'Talk to a person') }).state.status).toBe('handoff');

    const custom = makeFlow([{ id: 'q', type: 'ask', var: 'v', answer: 'text', question: 'Q?', next: 'q', giveUp: 'q', retryText: 'r' }], {
      intents: [{ name: 'human', examples: { en: ['person'] } }],
      settings: { handoffIntents: ['human'], commands: { replaceDefaults: true, handoff: { en: ['beam me up'] }, optOut: { pl: ['spadaj'] } } },
    });
    const k = new Convo(custom);
    k.start();
    expect(k.say('agent').state.vars.v).toBe('agent'); // default word removed
    expect(k.say('Beam me up!').state.status).toBe('handoff');
    const i = new Convo(custom);
    i.start();
    expect(i.say('could a colleague help', nluOf('human', 0.8)).state.status).toBe('handoff');
    const o = new Convo(custom);
    o.start();
    expect(o.say('spadaj').state.optedOut).toBe(true);
  });

  describe('a command phrase inside a longer message', () => {
    const flow = makeFlow(
      [
        { id: 'q', type: 'ask', var: 'ok', answer: 'yesno', question: 'Agree?', next: 'menu', giveUp: 'menu', retryText: 'Yes or no?' },
        { id: 'menu', type: 'intent', routes: [{ intent: 'about_bot', next: 'about' }, { intent: 'recommend', next: 'picks' }], fallback: 'menu' },
        { id: 'about', type: 'message', text: 'I am an AI assistant', next: 'menu' },
        { id: 'picks', type: 'message', text: 'Here are my picks', next: 'menu' },
      ],
      {
        intents: [
          { name: 'about_bot', examples: { en: ['are you a bot', 'are you a real person'] } },
          { name: 'recommend', examples: { en: ['start again with recommendations'] } },
          { name: 'order_status', examples: { en: ['where is my order'] } },
          { name: 'human', examples: { en: ['I want a real person'] } },
        ],
        settings: { idleBlock: 'menu', handoffIntents: ['human'] },
      },
    );
    const said = (text: string, nlu?: ReturnType<typeof nluOf>) => {
      const c = new Convo(flow);
      c.start();
      return c.say(text, nlu);
    };

    it('gives way to a sure intent whose examples hold it, also in the middle of a question', () => {
      const asked = said('am I talking to a real person?', nluOf('about_bot', 0.9));
      expect(asked.state.status).toBe('bot');
      expect(texts(asked)).toEqual(['I am an AI assistant', 'Agree?']);
      expect(said('start again with recommendations', nluOf('recommend', 0.9)).effects).not.toContainEqual({ type: 'restart' });
    });

    it('still counts when the intent is unsure, does not hold the phrase, or is a handoff intent', () => {
      expect(said('am I talking to a real person?', nluOf('about_bot', 0.6)).state.status).toBe('handoff');
      expect(said('a real person please, where is my order', nluOf('order_status', 0.95)).state.status).toBe('handoff');
      expect(said('I want a real person now', nluOf('human', 0.95)).state.status).toBe('handoff');
      expect(said('start again with recommendations', undefined).effects[0]).toEqual({ type: 'restart' });
    });
  });

  it('does not read an answer to a closed question as a handoff intent, but command words still work there', () => {
    const closed = makeFlow([{ id: 'q', type: 'ask', var: 'ok', answer: 'yesno', question: 'Agree?', next: 'q', giveUp: 'q', retryText: 'r' }], {
      intents: [{ name: 'human', examples: { en: ['person'] } }],
      settings: { handoffIntents: ['human'] },
    });
    const c = new Convo(closed);
    c.start();
    const answered = c.say('yes', nluOf('human', 0.9)).state;
    expect(answered.status).toBe('bot');
    expect(answered.vars.ok).toBe(true);
    const d = new Convo(closed);
    d.start();
    expect(d.say('agent').state.status).toBe('handoff');
  });
});

describe('engine rules', () => {
  it('is deterministic: same seed, state and input give the same result; different seeds can differ', () => {
    const play = (seed: number) => {
      const c = new Convo(journey, makeCtx(), seed);
      return [c.start(), c.say('Ola'), c.say('price', nluOf('price'))].map((r) => JSON.stringify([r.outputs, r.effects, r.state, r.trace]));
    };
    expect(play(99)).toEqual(play(99));
    const variety = new Set(Array.from({ length: 20 }, (_, s) => play(s)[1]));
    expect(variety.size).toBeGreaterThan(1);
  });

  it('does not mutate the state it is given', () => {
    const state = initialState(journey, { seed: 3 });
    const frozen = JSON.stringify(state);
    const r = step(journey, state, { type: 'start' }, makeCtx());
    expect(JSON.stringify(state)).toBe(frozen);
    const again = JSON.stringify(r.state);
    step(journey, r.state, say('Ola'), makeCtx());
    expect(JSON.stringify(r.state)).toBe(again);
  });

  it('state is JSON: survives a round trip through JSON', () => {
    const c = new Convo(journey);
    c.start();
    c.state = JSON.parse(JSON.stringify(c.state)) as FlowState;
    expect(texts(c.say('Ola'))[0]).toMatch(/^Hi Ola/);
  });

  it('start payloads pick an entry point and are stored', () => {
    const c = new Convo(journey);
    const r = c.start('promo');
    expect(r.trace).toEqual(['name']);
    expect(r.state.vars.startPayload).toBe('promo');
    expect(new Convo(journey).start('unknown-campaign').trace[0]).toBe('welcome');
  });

  it('loop protection: a cycle of non-waiting blocks stops with the fallback reply and an error log', () => {
    const loop = makeFlow(
      [
        { id: 'a', type: 'setVariable', set: [{ var: 'n', op: 'increment' }], next: 'b' },
        { id: 'b', type: 'condition', branches: [{ when: { left: 'vars.n', op: 'gt', value: 1e9 }, next: 'c' }], else: 'a' },
        { id: 'c', type: 'end' },
      ],
      { settings: { maxBlocksPerTurn: 20, fallbackText: { en: 'Oops', pl: 'Ups' } } },
    );
    const errors: unknown[] = [];
    const c = new Convo(loop, makeCtx({ logger: { warn: () => undefined, error: (obj) => errors.push(obj) } }));
    const r = c.start();
    expect(texts(r)).toEqual(['Oops']);
    expect(r.trace).toHaveLength(20);
    expect(r.effects).toEqual([{ type: 'log', level: 'error', message: 'loop protection: more than 20 blocks in one turn without waiting for input', blockId: 'a' }]);
    expect(errors).toHaveLength(1);
    expect(r.state.current).toBeNull();
  });

  it('recovers from a removed block: restarts at the start with a log effect, keeping variables', () => {
    const c = new Convo(journey);
    c.start();
    const stale: FlowState = { ...c.state, current: 'deleted-block', waitingFor: 'input', vars: { name: 'Ola' } };
    const warns: string[] = [];
    const r = step(journey, stale, say('hello'), makeCtx({ logger: { warn: (_o, msg) => warns.push(msg), error: () => undefined } }));
    expect(r.effects).toContainEqual({ type: 'log', level: 'warn', message: 'conversation was at block "deleted-block" which no longer exists; starting over', blockId: 'deleted-block' });
    expect(warns).toHaveLength(1);
    expect(r.trace[0]).toBe('welcome');
    expect(r.state.current).toBe('name');
    expect(r.state.vars.name).toBe('Ola');
  });

  it.each([
    ['null', null],
    ['garbage', { foo: 1 }],
    ['wrong types', { ...initialState(journey, { seed: 1 }), vars: 'x' }],
    ['future version', { ...initialState(journey, { seed: 1 }), v: 9 }],
  ])('recovers from an invalid state (%s) without throwing', (_name, bad) => {
    const r = step(journey, bad as unknown as FlowState, say('hi'), makeCtx());
    expect(r.effects[0]).toMatchObject({ type: 'log', level: 'warn' });
    expect(r.effects[0].type === 'log' && r.effects[0].message).toMatch(/^invalid conversation state/);
    expect(r.trace[0]).toBe('welcome');
    expect(r.state.current).toBe('name');
  });

  it('a follow-up for a block removed since it was scheduled is dropped with a log', () => {
    const c = new Convo(journey);
    c.start();
    const state: FlowState = { ...c.state, followUps: { 'gone#1': { blockId: 'gone', cancelOn: ['reply'] } } };
    const r = step(journey, state, { type: 'followup', followUpId: 'gone#1', blockId: 'gone' }, makeCtx());
    expect(r.outputs).toEqual([]);
    expect(r.effects[0]).toMatchObject({ type: 'log', level: 'warn' });
    expect(r.state.followUps).toEqual({});
  });

  it('follow-ups are not sent after opt-out or during a handoff', () => {
    const c = new Convo(journey);
    c.start();
    const state = c.state;
    const handoff = step(journey, { ...state, status: 'handoff' }, { type: 'followup', followUpId: 'fu#1', blockId: 'fu' }, makeCtx());
    expect(handoff.outputs).toEqual([]);
    const optedOut = step(journey, { ...state, optedOut: true }, { type: 'followup', followUpId: 'fu#1', blockId: 'fu' }, makeCtx());
    expect(optedOut.outputs).toEqual([]);
  });

  it('a block that throws does not crash the turn', () => {
    const flow = makeFlow([{ id: 'c', type: 'condition', branches: [{ when: { left: 'time.hour', op: 'gt', value: 1 }, next: 'c2' }], else: 'c2' }, { id: 'c2', type: 'end' }], { settings: { timezone: 'Not/AZone' } });
    const r = new Convo(flow).start();
    expect(r.effects.some((e) => e.type === 'log')).toBe(true);
  });

  it('a message waiting for a knowledge answer re-asks with the new text', () => {
    const flow = makeFlow([{ id: 'kb', type: 'knowledge' }], { settings: { idleBlock: 'kb' } });
    const c = new Convo(flow);
    expect(c.say('first').pending?.query).toBe('first');
    expect(c.say('second').pending?.query).toBe('second');
  });
});
