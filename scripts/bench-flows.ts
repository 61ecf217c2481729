/**
 * Flow engine benchmark: validation of a 1,000-block flow and the cost of one interpreter step.
 *   npm run bench:flows
 * Prints figures; targets: validate 1,000 blocks < 100 ms, one step < 0.5 ms.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FlowState, type StepContext, type StepInput, initialState, loadFlow, parseFlowData, step, validateFlow } from '../flows/index';
import { createKeywordNlu, generateFlow, loadBotDir } from '../flows/testing/index';

function time<T>(fn: () => T): [T, number] {
  const t0 = process.hrtime.bigint();
  const out = fn();
  return [out, Number(process.hrtime.bigint() - t0) / 1e6];
}

/** CPU time of this process (user + system), which other load on the machine does not inflate. */
function cpuTime(fn: () => unknown): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

function stats(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(3)} ms, p95 ${q(0.95).toFixed(3)} ms, min ${s[0].toFixed(3)} ms`;
}

function benchValidate(): void {
  const raw = generateFlow(1000);
  const cold = time(() => validateFlow(raw));
  if (!cold[0].ok) throw new Error('generated flow is invalid');
  const samples: number[] = [];
  for (let i = 0; i < 30; i++) samples.push(time(() => validateFlow(raw))[1]);
  console.log(`validate 1,000 blocks: first run ${cold[1].toFixed(1)} ms; warm ${stats(samples)}`);
  const cpu = cpuTime(() => {
    for (let i = 0; i < 30; i++) validateFlow(raw);
  });
  console.log(`validate 1,000 blocks, CPU time (30 runs, mean): ${(cpu / 30).toFixed(1)} ms`);
  const yaml = readFileSync(join(__dirname, '..', 'bots', 'demo', 'flow.yaml'), 'utf8');
  const demo: number[] = [];
  for (let i = 0; i < 30; i++) demo.push(time(() => validateFlow(parseFlowData(yaml, 'yaml')))[1]);
  console.log(`parse + validate demo flow.yaml: ${stats(demo)}`);
}

function benchStep(): void {
  const bot = loadBotDir(join(__dirname, '..', 'bots', 'demo'));
  const nlu = createKeywordNlu(bot.flow.intents);
  const ctx: StepContext = { now: new Date('2025-01-06T10:00:00Z'), locale: 'pl', channel: 'web', contact: { id: 'c1', fields: {} }, lead: { score: 0, fields: {} }, catalog: bot.catalog };
  const msg = (text: string): StepInput => ({
    type: 'message',
    message: { channelInstanceId: 'b', channel: 'web', externalUserId: 'u', externalMessageId: text, receivedAt: ctx.now, type: 'text', text },
    nlu: nlu(text),
  });
  const journey = [msg('tak'), msg('sucha'), msg('do 50'), msg('Ola'), msg('ola@example.pl')];
  // states before each turn of the journey, so each sample measures exactly one step
  const states: FlowState[] = [];
  let s = step(bot.flow, initialState(bot.flow, { seed: 1 }), { type: 'start' }, ctx).state;
  for (const input of journey) {
    states.push(s);
    s = step(bot.flow, s, input, ctx).state;
  }
  const perTurn = journey.map(() => [] as number[]);
  const rounds = 2000;
  for (let r = 0; r < rounds; r++) {
    journey.forEach((input, i) => {
      const t0 = process.hrtime.bigint();
      step(bot.flow, states[i], input, ctx);
      perTurn[i].push(Number(process.hrtime.bigint() - t0) / 1e6);
    });
  }
  const all = perTurn.flat();
  const labels = ['consent', 'skin type', 'budget → recommend', 'name', 'email → lead, CRM, follow-up'];
  const cpuAll = cpuTime(() => {
    for (let r = 0; r < 1000; r++) journey.forEach((input, i) => step(bot.flow, states[i], input, ctx));
  });
  console.log(`step (demo flow), CPU time: ${((cpuAll / (1000 * journey.length)) * 1000).toFixed(1)} µs per step`);
  console.log(`step (demo flow, ${rounds} × ${journey.length} turns, NLU not included): ${stats(all)} (= ${(all.reduce((a, b) => a + b, 0) / all.length * 1000).toFixed(1)} µs mean)`);
  perTurn.forEach((p, i) => console.log(`  ${labels[i]}: ${stats(p)}`));

  const big = loadFlow(generateFlow(1000));
  const bigCtx = { ...ctx, locale: 'en' };
  const bigStates: FlowState[] = [];
  let bs = step(big, initialState(big, { seed: 1 }), { type: 'start' }, bigCtx).state;
  for (let i = 0; i < 50; i++) {
    bigStates.push(bs);
    bs = step(big, bs, msg(i % 2 ? 'dry' : 'next'), bigCtx).state;
  }
  const bigSamples: number[] = [];
  for (let r = 0; r < 100; r++) for (const st of bigStates) bigSamples.push(time(() => step(big, st, msg('dry'), bigCtx))[1]);
  console.log(`step (1,000-block flow): ${stats(bigSamples)}`);
}

benchValidate();
benchStep();
