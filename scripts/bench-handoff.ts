/**
 * Handoff routing benchmark: 10,000 conversations waiting in PostgreSQL, how long "assign the next one to an
 * agent" takes (one transaction: the assignment lock, next waiting request by priority/age among the agent's
 * languages with `for update skip locked`, the owner compare-and-set, the event, the request update).
 *
 *   npm run bench:handoff   (BENCH_POSTGRES_URL or TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase } from '../core/db/client';
import { createLogger } from '../core/logger';
import type { AppContext } from '../server/context';
import { InboxService } from '../server/inbox/service';

const serverUrl = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const WAITING = Number(process.env.BENCH_WAITING ?? 10_000);
const ASSIGNMENTS = Number(process.env.BENCH_ASSIGNMENTS ?? 1_000);

async function admin(query: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function measure(label: string, service: InboxService, agentId: string, runs: number): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = process.hrtime.bigint();
    const assigned = await service.assignNextInTransaction({ agentId });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (!assigned) throw new Error(`${label}: nothing was assigned at run ${i}`);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  console.log(`${label.padEnd(44)} n=${runs}  p50 ${percentile(times, 50).toFixed(2)} ms  p99 ${percentile(times, 99).toFixed(2)} ms  max ${times.at(-1)!.toFixed(2)} ms  mean ${mean.toFixed(2)} ms`);
}

async function main(): Promise<void> {
  const name = `omnibot_bench_${randomBytes(4).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = serverUrl.replace(/\/[^/]*$/, `/${name}`);
  const handle = await openDatabase({ url, poolSize: 4 });
  try {
    const q = (text: string) => handle.db.execute(text as never);
    await q(`insert into bots (id, name, settings) values ('bench', 'Bench', '{"handoff": {"autoAssign": true}}')`);
    await q(`insert into channel_instances (id, bot_id, channel) values ('bench-web', 'bench', 'web')`);
    await q(`insert into users (email, name, role, password_hash) values ('en@bench', 'English agent', 'agent', 'x'), ('fa@bench', 'Persian agent', 'agent', 'x')`);
    await q(`insert into agent_profiles (user_id, status, max_open, languages)
      select id, 'online', 1000000, case when email = 'fa@bench' then '{fa}'::text[] else '{en}'::text[] end from users`);
    const started = Date.now();
    await q(`insert into contacts (id, bot_id) select md5('c' || g)::uuid, 'bench' from generate_series(1, ${WAITING}) g`);
    await q(`insert into conversations (id, bot_id, contact_id, channel_instance_id, external_user_id, owner, locale)
      select md5('v' || g)::uuid, 'bench', md5('c' || g)::uuid, 'bench-web', 'visitor-' || g, 'queue', case when g % 10 = 0 then 'fa' else 'en' end
      from generate_series(1, ${WAITING}) g`);
    await q(`insert into handoff_requests (conversation_id, bot_id, reason, priority, priority_label, language, channel, lead_score, requested_at)
      select md5('v' || g)::uuid, 'bench', case when g % 7 = 0 then 'buying intent' else 'customer asked for a person' end,
        case when g % 7 = 0 then 120 else 20 end + (g % 11), 'normal', case when g % 10 = 0 then 'fa' else 'en' end, 'web', g % 100,
        now() - (g || ' seconds')::interval
      from generate_series(1, ${WAITING}) g`);
    await q('analyze');
    console.log(`seeded ${WAITING} waiting conversations in ${Date.now() - started} ms (10% Persian, 1 in 7 buying intent)`);

    const logger = createLogger({ level: 'silent' });
    const ctx = { db: handle.db, logger, bus: { publish: () => undefined } } as unknown as AppContext;
    const service = new InboxService(ctx);
    const idOf = async (email: string) => ((await handle.db.execute(`select id from users where email = '${email}'` as never)) as unknown as { rows: { id: string }[] }).rows[0].id;
    const enId = await idOf('en@bench');
    const faId = await idOf('fa@bench');
    await measure('assign next (English agent, 90% of queue)', service, enId, ASSIGNMENTS);
    await measure('assign next (Persian agent, 10% of queue)', service, faId, Math.min(ASSIGNMENTS, WAITING / 10 - 1));
    const left = ((await handle.db.execute(`select count(*)::int as n from handoff_requests where status = 'waiting'` as never)) as unknown as { rows: { n: number }[] }).rows[0].n;
    console.log(`still waiting: ${left}`);
  } finally {
    await handle.close();
    if (process.env.BENCH_KEEP) console.log(`kept database ${name}`);
    else await admin(`drop database if exists ${name} with (force)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
