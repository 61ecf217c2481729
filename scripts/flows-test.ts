/**
 * Runs conversation test scripts (YAML) against a bot in memory.
 *   npm run flows:test -- bots/demo/tests/en.yaml [more files or folders] [--nlu=keyword|real] [--verbose]
 * `--nlu=real` (default) trains flows/nlu from the flow's intents; `--nlu=keyword` uses the simple keyword matcher.
 * Exit code 1 when a script fails.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { nluSnapshot, trainNlu, type MessageHint } from '../flows/nlu/index';
import { intentExamples, type FlowDefinition, type NluSnapshot } from '../flows/index';
import { createKeywordNlu, createMemoryDriver, formatReport, loadScript, runConversation } from '../flows/testing/index';

function realNlu(flow: FlowDefinition, clock: () => Date, hint: Pick<MessageHint, 'lang' | 'timeZone' | 'country'>): (text: string) => NluSnapshot {
  const model = trainNlu(intentExamples(flow), { now: clock });
  return (text) => nluSnapshot(model.analyze(text, hint));
}

function expand(path: string): string[] {
  if (statSync(path).isDirectory()) return readdirSync(path).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(path, f));
  return [path];
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const nluArg = args.find((a) => a.startsWith('--nlu='))?.slice(6) ?? 'real';
  const verbose = args.includes('--verbose');
  const files = args.filter((a) => !a.startsWith('--')).flatMap(expand);
  if (!files.length) {
    console.error('usage: npm run flows:test -- FILE.yaml|DIR [...] [--nlu=keyword|real] [--verbose]');
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    try {
      const { script, bot } = loadScript(file, resolve(__dirname, '..', 'bots'));
      // The NLU reads dates against the conversation's clock, which the driver owns.
      let clock = () => new Date();
      const analyze = nluArg === 'keyword' ? createKeywordNlu(bot.flow.intents) : realNlu(bot.flow, () => clock(), { lang: script.locale, timeZone: script.timeZone, country: script.country });
      const knowledge = script.knowledge ?? [];
      const driver = createMemoryDriver({
        flow: bot.flow,
        catalog: bot.catalog,
        locale: script.locale,
        ...(script.channel ? { channel: script.channel } : {}),
        seed: script.seed ?? 1,
        ...(script.now ? { now: new Date(script.now) } : {}),
        ...(script.timeZone ? { timeZone: script.timeZone } : {}),
        ...(script.country ? { country: script.country } : {}),
        ...(script.contact ? { contact: script.contact } : {}),
        analyze,
        knowledge: (query) => {
          const hit = knowledge.find((k) => new RegExp(k.match, 'iu').test(query));
          return hit ? { answered: true, text: hit.answer } : { answered: false };
        },
      });
      clock = () => driver.now;
      const report = await runConversation(script, driver);
      if (!report.passed) failed++;
      console.log(verbose || !report.passed ? formatReport(report) : `PASS ${report.name} (${file})`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${file}: ${(e as Error).message}`);
    }
  }
  console.log(`\n${files.length - failed}/${files.length} scripts passed`);
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (e: unknown) => {
  console.error(e);
  process.exit(1);
});
