import type { Executor } from '../../core/db/client';
import { findVersion } from '../../core/repositories/flows';
import { intentExamples, loadFlowDefinition, type FlowDefinition } from '../../flows/index';
import { trainNluInSlices, type NluModel, type NluOptions } from '../../flows/nlu/index';
import { SharedLoads } from './shared-loads';

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
  private readonly loads: SharedLoads<LoadedFlow>;

  constructor(maxEntries = 200) {
    this.loads = new SharedLoads(maxEntries);
  }

  load(db: Executor, versionId: string, nluOptions: FlowNluOptions = {}): Promise<LoadedFlow | undefined> {
    return this.loads.get(`${versionId}:${nluOptions.oosThreshold ?? ''}:${nluOptions.llmBelow ?? ''}`, async () => {
      const row = await findVersion(db, versionId);
      return row ? buildLoadedFlow(row.id, row.definition, nluOptions) : undefined;
    });
  }
}

export async function buildLoadedFlow(versionId: string, definition: unknown, nluOptions: FlowNluOptions = {}): Promise<LoadedFlow> {
  const flow = loadFlowDefinition(definition);
  return { versionId, flow, nlu: await trainNluInSlices(intentExamples(flow), nluOptions) };
}
