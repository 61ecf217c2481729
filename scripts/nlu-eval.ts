import { parseArgs } from 'node:util';
import { loadDataset, evaluate, trainingExamples, warmUp } from '../flows/nlu/evaluate.js';
import { trainNlu } from '../flows/nlu/index.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, lang: { type: 'string' }, threshold: { type: 'string' } },
  });
  if (!values.data) {
    console.error('usage: npm run nlu:eval -- --data DIR [--lang xx] [--threshold 0.5]');
    process.exit(2);
  }
  const { name, train, test } = loadDataset(values.data);
  const hint = values.lang ? { lang: values.lang } : undefined;
  const oosThreshold = values.threshold ? Number(values.threshold) : undefined;
  const report = await evaluate(name, train, test, {
    train(rows) {
      const model = trainNlu(trainingExamples(rows, values.lang), { oosThreshold });
      warmUp(model, rows, hint);
      return (text) => model.analyze(text, hint).intent?.name ?? null;
    },
  });
  console.log(JSON.stringify(report));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
