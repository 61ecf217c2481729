/**
 * How well a flow file's intents separate (see flows/nlu/report.ts), for flows kept in git.
 *   npm run --silent nlu:report -- FILE.yaml|FILE.json [--json]
 * Prints held-out accuracy per intent (weakest first) with its confusions, then conflicting phrases, thin
 * languages and misclassified phrases; `--json` prints the report object instead. Exit 1 when the flow is invalid.
 */
import { FlowValidationError, formatIssue, intentExamples, type FlowDefinition } from '../flows/index';
import { reportNluInSlices, type NluReport } from '../flows/nlu/index';
import { readFlowFile } from '../flows/testing/index';

const percent = (part: number, whole: number) => (whole ? `${Math.round((100 * part) / whole)}%` : '-');

function print(report: NluReport): void {
  console.log(`${report.intents} intents, ${report.phrases} phrases, held-out accuracy ${report.heldOutAccuracy === null ? '-' : percent(report.heldOutAccuracy, 1)}`);
  for (const r of report.perIntent) {
    const confusions = r.confusedWith.map((c) => `${c.intent} ×${c.count}`).join(', ');
    const languages = Object.entries(r.phrases).map(([lang, n]) => `${lang} ${n}`).join(', ');
    const name = r.outOfScope ? `${r.intent} (out of scope)` : r.intent;
    console.log(`  ${name.padEnd(24)} ${percent(r.correct, r.heldOut).padStart(4)} of ${String(r.heldOut).padStart(3)}  (${languages})${confusions ? `  confused with ${confusions}` : ''}`);
  }
  for (const c of report.conflicts) console.log(`conflict: "${c.text}" is a phrase of ${c.intents.join(' and ')}`);
  for (const f of report.fewPhrases) console.log(`few phrases: ${f.intent} has ${f.phrases} in ${f.lang} (5 or more help)`);
  for (const m of report.misclassified) console.log(`misclassified: "${m.text}" (${m.intent}) → ${m.predicted}`);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('usage: npm run --silent nlu:report -- FILE.yaml|FILE.json [--json]');
    return 2;
  }
  let flow: FlowDefinition;
  try {
    flow = readFlowFile(file);
  } catch (error) {
    if (!(error instanceof FlowValidationError)) throw error;
    for (const issue of error.issues) console.error(`${file}: ${formatIssue(issue)}`);
    return 1;
  }
  const report = await reportNluInSlices(intentExamples(flow));
  if (args.includes('--json')) console.log(JSON.stringify(report));
  else print(report);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
