import type { Executor } from '../../core/db/client';
import { findVersion } from '../../core/repositories/flows';
import { intentExamples, loadFlowDefinition, type FlowDefinition } from '../../flows/index';
import { trainNluInSlices, type NluModel, type NluOptions } from '../../flows/nlu/index';

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
 * state another instance needs. Concurrent loads of one version share one training, which runs in
 * slices so the server keeps answering meanwhile.
 */
export class FlowCache {
  private readonly entries = new Map<string, Promise<LoadedFlow | undefined>>();

  constructor(private readonly maxEntries = 200) {}

  load(db: Executor, versionId: string, nluOptions: FlowNluOptions = {}): Promise<LoadedFlow | undefined> {
    const key = `${versionId}:${nluOptions.oosThreshold ?? ''}:${nluOptions.llmBelow ?? ''}`;
    const cached = this.entries.get(key);
    if (cached) return cached;
    const loading = (async () => {
      const row = await findVersion(db, versionId);
      return row ? buildLoadedFlow(row.id, row.definition, nluOptions) : undefined;
    })();
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, loading);
    // A failed or missing load is not remembered: the next turn tries again.
    loading.then(
      (loaded) => loaded || this.entries.delete(key),
      () => this.entries.delete(key),
    );
    return loading;
  }
}

export async function buildLoadedFlow(versionId: string, definition: unknown, nluOptions: FlowNluOptions = {}): Promise<LoadedFlow> {
  const flow = loadFlowDefinition(definition);
  return { versionId, flow, nlu: await trainNluInSlices(intentExamples(flow), nluOptions) };
}
