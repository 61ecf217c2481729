import type { Executor } from '../../core/db/client';
import { findVersion } from '../../core/repositories/flows';
import { loadFlowDefinition, type FlowDefinition } from '../../flows/index';
import { trainNlu, type NluModel, type NluOptions } from '../../flows/nlu/index';

/** The bot's NLU settings a trained model carries. */
export type FlowNluOptions = Pick<NluOptions, 'oosThreshold' | 'llmBelow'>;

export interface LoadedFlow {
  versionId: string;
  flow: FlowDefinition;
  nlu: NluModel;
}

/**
 * Published flow versions are immutable, so a parsed flow and its trained intent model can be kept
 * per version id. Any instance rebuilds the same model from the stored definition: nothing here is
 * state another instance needs.
 */
export class FlowCache {
  private readonly entries = new Map<string, LoadedFlow>();

  constructor(private readonly maxEntries = 200) {}

  async load(db: Executor, versionId: string, nluOptions: FlowNluOptions = {}): Promise<LoadedFlow | undefined> {
    const key = `${versionId}:${nluOptions.oosThreshold ?? ''}:${nluOptions.llmBelow ?? ''}`;
    const cached = this.entries.get(key);
    if (cached) return cached;
    const row = await findVersion(db, versionId);
    if (!row) return undefined;
    const loaded = buildLoadedFlow(row.id, row.definition, nluOptions);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, loaded);
    return loaded;
  }
}

export function buildLoadedFlow(versionId: string, definition: unknown, nluOptions: FlowNluOptions = {}): LoadedFlow {
  const flow = loadFlowDefinition(definition);
  const examples = flow.intents.flatMap((intent) => [
    ...Object.entries(intent.examples).flatMap(([lang, texts]) => texts.map((text) => ({ intent: intent.name, text, lang }))),
    ...(intent.description ? [{ intent: intent.name, text: intent.description, describes: true }] : []),
  ]);
  return { versionId, flow, nlu: trainNlu(examples, nluOptions) };
}
