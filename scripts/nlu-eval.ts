import { parseArgs } from 'node:util';
import { loadDataset, evaluate, ourPrediction, scriptError, trainingExamples } from '../flows/nlu/evaluate.js';
import { trainNlu } from '../flows/nlu/index.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, lang: { type: 'string' }, threshold: { type: 'string' } },
  });
  if (!values.data) {
    console.error('usage: npm run nlu:eval -- --data DIR [--lang xx] [--threshold 0.5]');
    process.exit(2);
  }
  const hint = values.lang ? { lang: values.lang } : undefined;
  const oosThreshold = values.threshold !== undefined ? Number(values.threshold) : undefined;
  if (oosThreshold !== undefined && !(oosThreshold >= 0 && oosThreshold <= 1)) {
    console.error(`--threshold must be a number from 0 to 1, not "${values.threshold}"`);
    process.exit(2);
  }
  const { name, train, test } = loadDataset(values.data);
  const report = await evaluate(name, train, test, {
    train(rows) {
      const model = trainNlu(trainingExamples(rows, values.lang), { oosThreshold });
      return (text) => ourPrediction(model.analyze(text, hint));
    },
  });
  console.log(JSON.stringify(report));
}

main().catch((err: unknown) => {
  console.error(scriptError(err));
  process.exit(1);
});
