import type { IntentExample } from '../nlu/types';
import type { FlowDefinition } from './flow';

const byLocale = ([a]: [string, string[]], [b]: [string, string[]]) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What the intent classifier trains on: every intent's example phrases per locale, and its description. Locales come
 * in one order whatever the flow's: PostgreSQL's JSONB reorders an object's keys, and the model trained from a stored
 * flow must be the one `flows:test` trains from the YAML file.
 */
export function intentExamples(flow: Pick<FlowDefinition, 'intents'>): IntentExample[] {
  return flow.intents.flatMap((intent) => {
    const scope = intent.outOfScope ? { outOfScope: true } : {};
    return [
      ...Object.entries(intent.examples).sort(byLocale).flatMap(([lang, texts]) => texts.map((text) => ({ intent: intent.name, text, lang, ...scope }))),
      ...(intent.description ? [{ intent: intent.name, text: intent.description, describes: true, ...scope }] : []),
    ];
  });
}
