/**
 * CRM sync benchmark: N lead events written as outbox rows → relay → BullMQ crm-sync → a local fake CRM.
 * Prints events/s, duplicates and losses. Uses a throwaway database and Redis prefix; stops by itself.
 *   npx tsx scripts/bench-crm.ts [--events 10000] [--concurrency 64] [--target webhook|hubspot] [--timeout 120]
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server; REDIS_URL the Redis.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { Redis } from 'ioredis';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../core/db/client';
import { bots } from '../core/db/schema/index';
import { createLogger } from '../core/logger';
import { insertCrmConnection } from '../core/repositories/crm';
import { countSyncRecordsByStatus } from '../core/repositories/crm-sync';
import { appendOutbox, type OutboxEvent } from '../core/repositories/outbox';
import { startWorkers } from '../server/workers';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '64' },
    target: { type: 'string', default: 'webhook' },
    timeout: { type: 'string', default: '120' },
    /** Worker processes (scripts/workers.ts) besides this one; 0 = crm-sync runs in this process. */
    processes: { type: 'string', default: '0' },
  },
});
const N = Number(args.events);
const concurrency = Number(args.concurrency);
const target = args.target === 'hubspot' ? 'hubspot' : 'webhook';
const timeoutMs = Number(args.timeout) * 1000;
const processes = Number(args.processes);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function main(): Promise<number> {
  const dbName = `bench_crm_${randomBytes(4).toString('hex')}`;
  const prefix = `bench-crm-${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 30 });
  const db = database.db;
  const logger = createLogger({ level: 'warn', name: 'bench-crm' });
  const secret = 'whsec_bench_0123456789abcdef';
  const token = 'pat-bench-token';
  // The fake CRM runs in its own process, like a real remote would.
  const fake = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../test/fakes/crm/serve.ts'), target], {
    env: { ...process.env, FAKE_WEBHOOK_SECRET: secret, FAKE_HUBSPOT_TOKEN: token },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stop: (() => Promise<void>) | undefined;
  try {
    await db.insert(bots).values({ id: 'bench', name: 'Bench' });
    const { url: fakeUrl, control } = await fakeAddress(fake);
    const stats = async () => (await (await fetch(`${control}/stats`)).json()) as { delivered: number; duplicates?: number; upserts?: number; uniqueEmails?: number };
    const conn = await insertCrmConnection(db, {
      botId: 'bench', type: target, name: target,
      config: target === 'hubspot' ? { accessToken: token, baseUrl: fakeUrl, rateLimitPerSecond: 0 } : { url: `${fakeUrl}/hook`, secret },
    });
    await db.execute(sql`insert into contacts (bot_id, email, first_name) select 'bench', 'lead' || g || '@bench.example', 'Lead' || g from generate_series(1, ${N}) g`);
    await db.execute(sql`insert into leads (bot_id, contact_id, fields, score) select bot_id, id, '{"company":"Bench Inc"}'::jsonb, 10 from contacts where bot_id = 'bench'`);
    const result = (await db.execute(sql`select id, contact_id from leads where bot_id = 'bench'`)) as unknown as { rows: { id: string; contact_id: string }[] };
    const leadRows = result.rows;

    const children: ChildProcess[] = [];
    for (let i = 0; i < processes; i++) {
      children.push(spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'workers.ts')], {
        env: { ...process.env, DATABASE_URL: url.toString(), REDIS_URL: redisUrl, WORKER_QUEUE_PREFIX: prefix, WORKER_RELAY: 'false', WORKER_CONCURRENCY: String(concurrency), LOG_LEVEL: 'info', CRM_BACKOFF_MS: '200' },
        stdio: ['ignore', 'pipe', 'inherit'],
      }));
    }
    // measure sync, not process start-up: wait until every worker process says it started
    await Promise.all(children.map((c) => new Promise<void>((resolve, reject) => {
      const lines = createInterface({ input: c.stdout! });
      lines.on('line', (line) => line.includes('workers started') && resolve());
      c.once('exit', (code) => reject(new Error(`worker process exited with ${code}`)));
    })));
    // Events as turns write them: small batches through appendOutbox.
    const t0 = performance.now();
    for (let i = 0; i < leadRows.length; i += 200) {
      const batch: OutboxEvent[] = leadRows.slice(i, i + 200).map((l) => ({
        topic: 'lead.updated', botId: 'bench', aggregateId: l.id, idempotencyKey: `lead:${l.id}:v1`,
        payload: { leadId: l.id, contactId: l.contact_id, conversationId: null, version: 1, fields: { company: 'Bench Inc' }, score: 10, status: 'new' },
      }));
      await appendOutbox(db, batch);
    }
    const insertSeconds = (performance.now() - t0) / 1000;

    const started = performance.now();
    const workers = startWorkers({ db, redisUrl, logger, prefix, concurrency, crmSync: processes === 0, relayBatchSize: 1000, relayPollMs: 50, crm: { attempts: 8, backoffMs: 200, maxBackoffMs: 5000 } });
    const stopChildren = () => Promise.all(children.map((c) => new Promise<void>((resolve) => (c.exitCode !== null ? resolve() : (c.once('exit', () => resolve()), c.kill('SIGTERM'))))));
    stop = async () => {
      await workers.stop();
      await stopChildren();
    };
    let last = 0;
    let delivered = 0;
    while (delivered < N && performance.now() - started < timeoutMs) {
      await new Promise((r) => setTimeout(r, 100));
      delivered = (await stats()).delivered;
      if (performance.now() - last > 2000) {
        last = performance.now();
        process.stdout.write(`  … ${delivered}/${N} delivered\n`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 500)); // let stragglers (duplicates, if any) arrive
    await stop();
    stop = undefined;

    const statuses = await countSyncRecordsByStatus(db, conn.id);
    const final = await stats();
    const unique = target === 'hubspot' ? (final.uniqueEmails ?? 0) : final.delivered;
    // webhook: deliveries of an event id already received; HubSpot: upserts beyond one per lead + duplicate contacts
    const duplicates = target === 'hubspot' ? (final.upserts ?? 0) - unique + (final.delivered - unique) : (final.duplicates ?? 0);
    const losses = N - unique;
    console.log(`\nCRM sync benchmark (${target}, ${N} lead events, ${processes === 0 ? 'in-process worker' : `${processes} worker processes`}, concurrency ${concurrency} each)`);
    console.log(`  outbox insert:   ${insertSeconds.toFixed(2)} s (${Math.round(N / insertSeconds)} rows/s)`);
    console.log(`  outbox → CRM:    ${seconds.toFixed(2)} s`);
    console.log(`  throughput:      ${Math.round(unique / seconds)} events/s (target ≥ 1000)`);
    console.log(`  delivered once:  ${unique}`);
    console.log(`  duplicates:      ${duplicates} (target 0)`);
    console.log(`  losses:          ${losses} (target 0)`);
    console.log(`  sync records:    ${JSON.stringify(statuses)}`);
    return losses === 0 && duplicates === 0 ? 0 : 1;
  } finally {
    await stop?.().catch(() => undefined);
    fake.kill('SIGTERM');
    await database.close().catch(() => undefined);
    await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
    await admin.end();
    const redis = new Redis(redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    redis.disconnect();
  }
}

function fakeAddress(child: ChildProcess): Promise<{ url: string; control: string }> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`fake CRM exited with ${code}`)));
  });
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`bench-crm failed: ${error.message}`);
    process.exit(1);
  },
);
