import { type FlowDefinitionInput } from '../schema/flow';

/**
 * A synthetic flow of `n` blocks (n ≥ 10) mixing every common block type, all reachable, fully localized — for the
 * validator test and the benchmark. Each group of 10: message, ask (choice), condition, setVariable, updateLead,
 * intent router, recommend, abSplit, followUp, knowledge.
 */
export function generateFlow(n: number): FlowDefinitionInput {
  const t = (s: string) => ({ en: s, pl: `${s} (pl)`, ar: `${s} (ar)`, fa: `${s} (fa)` });
  const blocks: Record<string, unknown>[] = [];
  const groups = Math.floor(n / 10);
  for (let g = 0; g < groups; g++) {
    const id = (k: number) => `g${g}_${k}`;
    const next = g + 1 < groups ? `g${g + 1}_0` : 'g0_0';
    blocks.push(
      { id: id(0), type: 'message', text: t(`Hello {{contact.firstName|there}}, step ${g}`), quickReplies: [{ title: t('Yes'), payload: 'yes' }], next: id(1) },
      { id: id(1), type: 'ask', var: `skin${g}`, answer: 'choice', question: t('Skin type?'), retryText: t('Pick one'), options: [{ value: 'dry', label: t('Dry') }, { value: 'oily', label: t('Oily') }], next: id(2), giveUp: id(2) },
      { id: id(2), type: 'condition', branches: [{ when: { all: [{ left: `vars.skin${g}`, op: 'eq', value: 'dry' }, { left: 'lead.score', op: 'lt', value: 100 }] }, next: id(3) }], else: id(3) },
      { id: id(3), type: 'setVariable', set: [{ var: 'budget', value: 50 }, { var: 'visits', op: 'increment' }], next: id(4) },
      { id: id(4), type: 'updateLead', scoreDelta: 1, fields: { step: `{{vars.visits}}` }, next: id(5) },
      { id: id(5), type: 'intent', routes: [{ intent: 'buy', next: id(6) }, { keywords: ['next'], next: id(6) }], fallback: id(6) },
      { id: id(6), type: 'recommend', budgetVar: 'budget', needVars: [`skin${g}`], next: id(7), empty: id(7) },
      { id: id(7), type: 'abSplit', variants: [{ name: 'a', weight: 1, next: id(8) }, { name: 'b', weight: 1, next: id(8) }] },
      { id: id(8), type: 'followUp', delay: '1d', due: id(0), next: id(9) },
      { id: id(9), type: 'knowledge', next: next, unanswered: next },
    );
  }
  for (let i = groups * 10; i < n; i++) blocks.push({ id: `extra${i}`, type: 'message', text: t('extra'), next: 'g0_0' });
  return {
    schemaVersion: 2,
    id: 'big',
    name: `Synthetic ${n}-block flow`,
    start: 'g0_0',
    fallbackLocale: 'en',
    locales: ['en', 'pl', 'ar', 'fa'],
    blocks: blocks as FlowDefinitionInput['blocks'],
    intents: [{ name: 'buy', buying: true, examples: { en: ['buy'], pl: ['kupić'], ar: ['أشتري'], fa: ['بخرم'] } }],
  };
}
