import type { NluSnapshot } from '../engine/types.js';
import type { NluResult } from './types.js';

/** What the flow engine gets of an analysis: language, intent, the best intents and the entities. */
export function nluSnapshot(result: NluResult): NluSnapshot {
  return {
    language: { code: result.language.code, confidence: result.language.confidence },
    intent: result.intent,
    ranking: result.ranking,
    entities: result.entities.map(({ type, value, text, currency, grain, until }) => ({ type, value, text, ...(currency && { currency }), ...(grain && { grain }), ...(until && { until }) })),
    ...(result.readAs && { readAs: result.readAs }),
    ...(result.request && { request: result.request }),
    ...(result.outOfScope && { outOfScope: result.outOfScope }),
  };
}
