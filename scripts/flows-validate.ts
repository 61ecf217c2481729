/**
 * Validates flow files kept in git (JSON or YAML).
 *   npm run flows:validate -- FILE [FILE...] [--quiet]
 * Prints each problem as `blockId.field: message` (warnings prefixed with `warning:`); exit 1 on errors.
 */
import { readFileSync } from 'node:fs';
import { FlowValidationError, formatIssue, parseFlowData, validateFlow } from '../flows/index';

function main(): number {
  const args = process.argv.slice(2);
  const quiet = args.includes('--quiet');
  const files = args.filter((a) => !a.startsWith('--'));
  if (!files.length) {
    console.error('usage: npm run flows:validate -- FILE.yaml|FILE.json [...] [--quiet]');
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      console.log(`${file}: cannot read: ${(e as Error).message}`);
      failed++;
      continue;
    }
    try {
      const format = file.endsWith('.json') ? 'json' : /\.ya?ml$/.test(file) ? 'yaml' : undefined;
      const r = validateFlow(parseFlowData(text, format));
      const issues = r.ok ? r.warnings : r.issues;
      for (const issue of issues) {
        if (issue.severity === 'warning' && quiet) continue;
        console.log(`${file}: ${issue.severity === 'warning' ? 'warning: ' : ''}${formatIssue(issue)}`);
      }
      const errors = issues.filter((i) => i.severity === 'error').length;
      const warnings = issues.length - errors;
      console.log(`${file}: ${r.ok ? `ok (${r.flow.blocks.length} blocks)` : `${errors} error(s)`}${warnings ? `, ${warnings} warning(s)` : ''}`);
      if (!r.ok) failed++;
    } catch (e) {
      if (!(e instanceof FlowValidationError)) throw e;
      for (const issue of e.issues) console.log(`${file}: ${formatIssue(issue)}`);
      failed++;
    }
  }
  return failed ? 1 : 0;
}

process.exit(main());
