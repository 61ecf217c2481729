import type { IntentExample } from '../nlu/types';
import type { FlowDefinition } from './flow';

/** What the intent classifier trains on: every intent's example phrases per locale, and its description. */
export function intentExamples(flow: Pick<FlowDefinition, 'intents'>): IntentExample[] {
  return flow.intents.flatMap((intent) => {
    const scope = intent.outOfScope ? { outOfScope: true } : {};
    return [
      ...Object.entries(intent.examples).flatMap(([lang, texts]) => texts.map((text) => ({ intent: intent.name, text, lang, ...scope }))),
      ...(intent.description ? [{ intent: intent.name, text: intent.description, describes: true, ...scope }] : []),
    ];
  });
}
