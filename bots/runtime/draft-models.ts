import { createHash } from 'node:crypto';
import { intentExamples, type FlowDefinition } from '../../flows/index';
import { trainNluInSlices, type NluModel } from '../../flows/nlu/index';
import type { FlowNluOptions } from './flow-cache';
import { SharedLoads } from './shared-loads';

/**
 * Intent models of unpublished flows (a marketer trying phrases against a draft). Drafts change with every
 * edit, but the model depends only on the intents and the bot's NLU settings, so models are kept by a hash of
 * those: editing a message block does not retrain, and the last few intent sets stay warm (a model of 15,000
 * phrases and 150 intents takes about 12 MB).
 */
export class DraftModels {
  private readonly models = new SharedLoads<NluModel>(5);

  model(flow: Pick<FlowDefinition, 'intents'>, nluOptions: FlowNluOptions): Promise<NluModel> {
    const examples = intentExamples(flow);
    const key = createHash('sha256').update(JSON.stringify([examples, nluOptions.oosThreshold ?? null, nluOptions.llmBelow ?? null])).digest('base64url');
    return this.models.get(key, () => trainNluInSlices(examples, nluOptions)) as Promise<NluModel>;
  }
}
