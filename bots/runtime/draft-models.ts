import { createHash } from 'node:crypto';
import { intentExamples, type FlowDefinition } from '../../flows/index';
import { reportNluInSlices, trainNluInSlices, type NluModel, type NluReport } from '../../flows/nlu/index';
import type { FlowNluOptions } from './flow-cache';
import { SharedLoads } from './shared-loads';

/**
 * Intent models of unpublished flows (a marketer trying phrases against a draft) and intent reports of any flow.
 * Drafts change with every edit, but models and reports depend only on the intents (and a model on the bot's
 * NLU settings), so they are kept by a hash of those: editing a message block does not retrain, and the last few
 * intent sets stay warm (a model of 15,000 phrases and 150 intents takes about 12 MB).
 */
export class DraftModels {
  private readonly models = new SharedLoads<NluModel>(5);
  private readonly reports = new SharedLoads<NluReport>(5);

  model(flow: Pick<FlowDefinition, 'intents'>, nluOptions: FlowNluOptions): Promise<NluModel> {
    const examples = intentExamples(flow);
    const key = hash([examples, nluOptions.oosThreshold ?? null, nluOptions.llmBelow ?? null]);
    return this.models.get(key, () => trainNluInSlices(examples, nluOptions)) as Promise<NluModel>;
  }

  report(flow: Pick<FlowDefinition, 'intents'>): Promise<NluReport> {
    const examples = intentExamples(flow);
    return this.reports.get(hash(examples), () => reportNluInSlices(examples)) as Promise<NluReport>;
  }
}

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('base64url');
