import type { IntentExample } from '../nlu/types';
import type { FlowDefinition, FlowIntent } from './flow';

/** The intent's button titles as describing rows: per locale when it has variants, else one for every language. */
function labelRows(intent: FlowIntent): IntentExample[] {
  const { label } = intent;
  if (label === undefined) return [];
  const variants: [string | undefined, string][] = typeof label === 'string' ? [[undefined, label]] : Object.entries(label);
  return variants.map(([lang, text]) => ({ intent: intent.name, text, describes: true, ...(lang ? { lang } : {}) }));
}

/**
 * What the intent classifier trains on: every intent's example phrases per locale, and what describes it (its
 * description and its button labels, which say in a few words what the intent means, in each language).
 */
export function intentExamples(flow: Pick<FlowDefinition, 'intents'>): IntentExample[] {
  return flow.intents.flatMap((intent) => {
    const scope = intent.outOfScope ? { outOfScope: true } : {};
    return [
      ...Object.entries(intent.examples).flatMap(([lang, texts]) => texts.map((text) => ({ intent: intent.name, text, lang, ...scope }))),
      ...(intent.description ? [{ intent: intent.name, text: intent.description, describes: true, ...scope }] : []),
      ...labelRows(intent).map((row) => ({ ...row, ...scope })),
    ];
  });
}
