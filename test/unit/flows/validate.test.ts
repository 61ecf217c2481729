import {
  CURRENT_SCHEMA_VERSION,
  FlowValidationError,
  type FlowIssue,
  formatIssue,
  migrateFlow,
  parseFlowText,
  serializeFlow,
  validateFlow,
} from '../../../flows/index';
import { generateFlow } from '../../../flows/testing/index';

const base = (blocks: unknown[], extra: Record<string, unknown> = {}) => ({
  schemaVersion: 2,
  id: 'f',
  name: 'F',
  start: 'a',
  fallbackLocale: 'en',
  locales: ['en', 'pl'],
  blocks,
  ...extra,
});

function problems(raw: unknown, severity: 'error' | 'warning' = 'error'): string[] {
  const r = validateFlow(raw);
  const issues: FlowIssue[] = r.ok ? r.warnings : r.issues;
  return issues.filter((i) => i.severity === severity).map(formatIssue);
}

describe('validateFlow: precise errors with block id and field', () => {
  it('accepts a good flow', () => {
    const r = validateFlow(base([{ id: 'a', type: 'message', text: { en: 'Hi', pl: 'Cześć' }, next: 'b' }, { id: 'b', type: 'end' }]));
    expect(r.ok).toBe(true);
    expect(r.ok && r.warnings).toEqual([]);
  });

  it('unknown transition targets', () => {
    expect(problems(base([
      { id: 'a', type: 'message', text: 'Hi', next: 'nowhere' },
      { id: 'b', type: 'ask', var: 'x', answer: 'choice', question: 'Q', retryText: 'R', options: [{ value: '1', label: 'One', next: 'ghost' }, { value: '2', label: 'Two' }], next: 'a', giveUp: 'a' },
    ]))).toEqual(['a.next: unknown block "nowhere"', 'b.options[0].next: unknown block "ghost"']);
  });

  it('duplicate ids, missing start, fallback locale not in locales', () => {
    expect(problems(base([{ id: 'x', type: 'end' }, { id: 'x', type: 'end' }], { fallbackLocale: 'de' }))).toEqual([
      'fallbackLocale: "de" is not in locales',
      'x.id: duplicate block id "x"',
      'start: start block "a" does not exist',
    ]);
  });

  it('schema errors point at the block and field', () => {
    const errs = problems(base([
      { id: 'a', type: 'ask', var: 'x', answer: 'colour', question: 'Q', next: 'a', giveUp: 'a' },
      { id: 'b', type: 'message', text: { en: '' } },
      { id: 'c', type: 'teleport' },
      { type: 'end' },
      { id: 'd', type: 'followUp', delay: 'tomorrow', due: 'a' },
    ]));
    expect(errs).toEqual(expect.arrayContaining([
      expect.stringMatching(/^a\.answer: /),
      expect.stringMatching(/^b\.text/),
      expect.stringMatching(/^c\.type: unknown block type "teleport" \(expected one of message, ask, /),
      expect.stringMatching(/^blocks\[3\]\.id: /),
      'd.delay: must be a duration like 30m, 12h or 1d',
    ]));
  });

  it('missing text for the fallback locale is an error; for other locales a warning', () => {
    const raw = base([{ id: 'a', type: 'message', text: { pl: 'Cześć' } }]);
    expect(problems(raw)).toEqual(['a.text: missing text for the fallback locale "en"']);
    const warn = base([{ id: 'a', type: 'message', text: { en: 'Hi' }, quickReplies: [{ title: { en: 'Yes' }, payload: 'y' }] }]);
    expect(problems(warn, 'warning')).toEqual([
      'a.text: missing text for pl (the en text will be shown)',
      'a.quickReplies[0].title: missing text for pl (the en text will be shown)',
    ]);
  });

  it('ask blocks need a giveUp target; missing retry text is a warning', () => {
    const raw = base([{ id: 'a', type: 'ask', var: 'x', answer: 'yesno', question: 'Q?', routes: { yes: 'a', maybe: 'a' } }]);
    expect(problems(raw)).toEqual(['a.giveUp: an ask block needs a giveUp target for when the answers keep failing', 'a.routes.maybe: yes/no routes must be "yes" or "no"']);
    expect(problems(raw, 'warning')).toContain('a.retryText: no retry message: a generic one will be used');
    expect(problems(base([{ id: 'a', type: 'ask', var: 'x', answer: 'choice', question: 'Q?', options: [{ value: 'v', label: 'V' }], next: 'a', giveUp: 'a', retryText: 'r' }]))).toEqual([
      'a.options: a choice question needs at least 2 options',
    ]);
  });

  it('a "did you mean…?" question that can never be asked is a warning', () => {
    const intents = { intents: [{ name: 'price', examples: { en: ['how much'] } }, { name: 'shipping', examples: { en: ['delivery'] } }] };
    const router = (routes: unknown[]) => base([{ id: 'a', type: 'intent', clarify: { en: 'Which?', pl: 'Które?' }, routes, fallback: 'b' }, { id: 'b', type: 'end' }, { id: 'c', type: 'end' }], intents);
    const never = 'a.clarify: never asked: it needs intent routes to at least two different blocks';
    expect(problems(router([{ intent: 'price', next: 'b' }, { intent: 'shipping', next: 'b' }]), 'warning')).toContain(never);
    expect(problems(router([{ intent: 'price', next: 'b' }, { intent: 'shipping', next: 'c' }]), 'warning')).not.toContain(never);
  });

  it('a question asked to digress without an intent router as the idle block is a warning', () => {
    const ask = { id: 'a', type: 'ask', var: 'x', answer: 'yesno', question: 'Q?', retryText: 'r', next: 'b', giveUp: 'b', digressions: true };
    const never = 'a.digressions: never digresses: settings.idleBlock must be an intent block';
    const router = { id: 'b', type: 'intent', routes: [{ keywords: ['hi'], next: 'a' }], fallback: 'a' };
    expect(problems(base([ask, router]), 'warning')).toContain(never);
    expect(problems(base([ask, router], { settings: { idleBlock: 'a' } }), 'warning')).toContain(never);
    expect(problems(base([ask, router], { settings: { idleBlock: 'b' } }), 'warning')).not.toContain(never);
    expect(problems(base([{ ...ask, digressions: undefined }, router]), 'warning')).not.toContain(never);
  });

  it('an intent label is checked like any text: the fallback locale is required, others are warned about', () => {
    const withLabel = (label: unknown) => base([{ id: 'a', type: 'end' }], { intents: [{ name: 'price', label, examples: { en: ['how much'], pl: ['ile'] } }] });
    expect(problems(withLabel({ pl: 'Ceny' }))).toEqual(['intents[0].label: missing text for the fallback locale "en"']);
    expect(problems(withLabel({ en: 'Prices' }), 'warning')).toContain('intents[0].label: missing text for pl (the en text will be shown)');
    expect(problems(withLabel({ en: 'Prices', pl: 'Ceny' }))).toEqual([]);
  });

  it('A/B weights and variants', () => {
    expect(problems(base([{ id: 'a', type: 'abSplit', variants: [{ name: 'x', weight: 0, next: 'b' }, { name: 'x', weight: 0, next: 'b' }] }, { id: 'b', type: 'end' }]))).toEqual([
      'a.variants: weights must add up to more than 0',
      'a.variants[1].name: duplicate variant "x"',
    ]);
    expect(problems(base([{ id: 'a', type: 'abSplit', variants: [{ name: 'x', weight: -1, next: 'a' }, { name: 'y', weight: 1, next: 'a' }] }]))[0]).toMatch(/^a\.variants\[0\]\.weight: /);
    expect(problems(base([{ id: 'a', type: 'abSplit', variants: [{ name: 'x', weight: 1, next: 'a' }] }]))).toEqual(['a.variants: an A/B split needs at least 2 variants']);
  });

  it('intent routers and settings refer to known intents and blocks', () => {
    expect(problems(base([{ id: 'a', type: 'intent', routes: [{ intent: 'buy', next: 'a' }, { next: 'a' }], fallback: 'a' }], {
      intents: [{ name: 'greet', examples: { en: ['hi'], pl: ['cześć'] } }],
      settings: { idleBlock: 'zzz', handoffIntents: ['human'], entryPoints: { promo: 'p' } },
    }))).toEqual([
      'a.routes[0].intent: unknown intent "buy" (not in the flow\'s intents)',
      'a.routes[1]: a route needs intent, buying, entity, keywords or payload',
      'settings.idleBlock: unknown block "zzz"',
      'settings.entryPoints.promo: unknown block "p"',
      'settings.handoffIntents[0]: unknown intent "human"',
    ]);
  });

  it('out-of-scope intents cannot be routed, handed off on, or be buying intents', () => {
    expect(problems(base([{ id: 'a', type: 'intent', routes: [{ intent: 'off_topic', next: 'a' }, { intent: 'greet', next: 'a' }], fallback: 'a' }], {
      intents: [
        { name: 'greet', examples: { en: ['hi'], pl: ['cześć'] } },
        { name: 'off_topic', outOfScope: true, buying: true, examples: { en: ['tell me a joke'], pl: ['opowiedz dowcip'] } },
      ],
      settings: { handoffIntents: ['off_topic'] },
    }))).toEqual([
      'intents[1].buying: intent "off_topic" is out of scope, so it cannot be a buying intent',
      'a.routes[0].intent: intent "off_topic" is out of scope: it never matches, so nothing can route on it',
      'settings.handoffIntents[0]: intent "off_topic" is out of scope: it never matches, so nothing can route on it',
    ]);
  });

  it('condition values and regular expressions', () => {
    expect(problems(base([{ id: 'a', type: 'condition', branches: [
      { when: { left: 'vars.x', op: 'in', value: 'dry' }, next: 'a' },
      { when: { any: [{ left: 'vars.x', op: 'matches', value: '([' }] }, next: 'a' },
      { when: { left: 'vars.x', op: 'gt' }, next: 'a' },
    ], else: 'a' }]))).toEqual([
      'a.branches[0].when.value: operator in needs a list',
      expect.stringMatching(/^a\.branches\[1\]\.when\.any\[0\]\.value: invalid regular expression/),
      'a.branches[2].when.value: operator gt needs a value',
    ]);
    expect(problems(base([{ id: 'a', type: 'condition', branches: [{ when: { left: 'budget', op: 'gt', value: 1 }, next: 'a' }], else: 'a' }]))).toEqual([
      'a.branches[0].when.left: must be a path like vars.budget, contact.fields.city, lead.score, time.hour, channel or locale',
    ]);
  });

  it('warnings: unreachable blocks, loops without a waiting block, unknown fields, unknown template variables', () => {
    const w = problems(base([
      { id: 'a', type: 'setVariable', set: [{ var: 'n', value: 1 }], next: 'b' },
      { id: 'b', type: 'condition', branches: [{ when: { left: 'vars.n', op: 'gt', value: 5 }, next: 'c' }], else: 'a' },
      { id: 'c', type: 'message', text: 'Hi {{user.name}}', nxt: 'a' },
      { id: 'island', type: 'end' },
    ]), 'warning');
    expect(w).toEqual(expect.arrayContaining([
      'island: unreachable from the start',
      expect.stringMatching(/^a: cycle without a block that waits for input \(a → b\)/),
      'c.nxt: unknown field "nxt" for a message block (ignored)',
      'c.text: unknown template variable {{user.name}} (use contact., vars., lead., channel or locale)',
    ]));
  });

  it('rejects non-objects and future schema versions', () => {
    expect(problems('hello')).toEqual(['(flow): a flow must be an object']);
    expect(problems({ ...base([{ id: 'a', type: 'end' }]), schemaVersion: 99 })).toEqual([`schemaVersion: version 99 is newer than this platform supports (${CURRENT_SCHEMA_VERSION})`]);
  });

  it('validates a 1,000-block flow', () => {
    const raw = generateFlow(1000);
    const r = validateFlow(raw);
    if (!r.ok) throw new Error(r.issues.slice(0, 5).map(formatIssue).join('\n'));
    expect(r.flow.blocks).toHaveLength(1000);
    expect(r.warnings).toEqual([]);
  });
});

describe('migration', () => {
  const v1 = {
    id: 'old',
    name: 'Old flow',
    startBlock: 'hi',
    languages: ['en', 'pl'],
    defaultLocale: 'en',
    blocks: {
      hi: { type: 'text', text: { en: 'Hi', pl: 'Cześć' }, next: 'q' },
      q: { type: 'question', variable: 'name', answer: 'text', question: { en: 'Name?', pl: 'Imię?' }, retries: 2, retryText: { en: 'Again', pl: 'Jeszcze raz' }, next: 'bye', giveUp: 'bye' },
      bye: { type: 'end' },
    },
  };

  it('upgrades schema version 1 (no schemaVersion) to the current version on load', () => {
    expect(migrateFlow(v1)).toMatchObject({ schemaVersion: 2, start: 'hi', locales: ['en', 'pl'], fallbackLocale: 'en' });
    const r = validateFlow(v1);
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    expect(r.flow.blocks.map((b) => [b.id, b.type])).toEqual([['hi', 'message'], ['q', 'ask'], ['bye', 'end']]);
    expect(r.flow.blocks[1]).toMatchObject({ var: 'name', maxTries: 2 });
  });

  it('leaves current flows and non-objects alone', () => {
    const current = base([{ id: 'a', type: 'end' }]);
    expect(migrateFlow(current)).toBe(current);
    expect(migrateFlow(null)).toBeNull();
  });
});

describe('parse and serialize', () => {
  const yamlFlow = `
schemaVersion: 2
id: y
name: YAML flow
start: hi
fallbackLocale: en
locales: [en, fa]
blocks:
  - id: hi
    type: message
    text: { en: "Hi {{contact.firstName|there}}", fa: "سلام" }
    next: q
  - id: q
    type: ask
    var: ok
    answer: yesno
    question: { en: "OK?", fa: "باشه؟" }
    retryText: { en: "Yes or no", fa: "بله یا نه" }
    routes: { yes: done, no: done }
    giveUp: done
  - { id: done, type: end }
intents:
  - name: greet
    examples: { en: [hi], fa: [سلام] }
`;

  it('YAML → flow → JSON → flow → YAML round trip keeps the flow', () => {
    const flow = parseFlowText(yamlFlow);
    const json = serializeFlow(flow, 'json');
    const fromJson = parseFlowText(json);
    expect(fromJson).toEqual(flow);
    const yaml = serializeFlow(fromJson, 'yaml');
    expect(parseFlowText(yaml, 'yaml')).toEqual(flow);
    expect(parseFlowText(json, 'json')).toEqual(flow);
  });

  it('throws FlowValidationError with issues for bad YAML, bad JSON and invalid flows', () => {
    const catchIt = (fn: () => unknown): FlowValidationError => {
      try {
        fn();
      } catch (e) {
        return e as FlowValidationError;
      }
      throw new Error('did not throw');
    };
    const yamlErr = catchIt(() => parseFlowText('blocks: [a, b\nname: x'));
    expect(yamlErr).toBeInstanceOf(FlowValidationError);
    expect(yamlErr.issues[0].path).toMatch(/^\(yaml line \d+\)$/);
    const jsonErr = catchIt(() => parseFlowText('{"id": ', 'json'));
    expect(jsonErr.issues[0].path).toBe('(json)');
    const invalid = catchIt(() => parseFlowText(yamlFlow.replace('giveUp: done', 'giveUp: nowhere')));
    expect(invalid).toBeInstanceOf(FlowValidationError);
    expect(invalid.status).toBe(422);
    expect(invalid.code).toBe('invalid_flow');
    expect(invalid.issues.map(formatIssue)).toEqual(['q.giveUp: unknown block "nowhere"']);
    expect(invalid.message).toBe('invalid flow: q.giveUp: unknown block "nowhere"');
  });
});
