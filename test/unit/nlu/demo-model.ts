import { join } from 'node:path';
import { intentExamples } from '../../../flows/index';
import { readFlowFile } from '../../../flows/testing/index';
import { trainNlu, type IntentExample, type NluModel } from '../../../flows/nlu/index';

/** The demo bot's intent phrases, in its four languages. */
export function demoExamples(): IntentExample[] {
  return intentExamples(readFlowFile(join(__dirname, '..', '..', '..', 'bots', 'demo', 'flow.yaml')));
}

let trained: NluModel | undefined;

/** The demo bot's NLU, trained once per test file. */
export function demoNlu(): NluModel {
  return (trained ??= trainNlu(demoExamples()));
}
