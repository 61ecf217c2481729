/**
 * Telegram webhook throughput: the whole platform on PostgreSQL with a one-block flow ("Hi!"), a Telegram
 * instance in webhook mode pointed at the fake Bot API, then N distinct updates fired at the webhook at high
 * concurrency. Prints updates/s, latency percentiles and checks every update produced one sendMessage.
 *
 *   npx tsx scripts/bench-telegram.ts [--updates 20000] [--concurrency 128] [--chats 2000]
 * Env: TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres), REDIS_URL.
 */
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { and, count, eq } from 'drizzle-orm';
import { messages } from '../core/db/schema/index';
import { createLogger } from '../core/logger';
import { upsertBot, upsertChannelInstance } from '../core/repositories/bots';
import { publishVersion, saveDraft } from '../core/repositories/flows';
import { startPlatform } from '../server/bootstrap';
import { channelManagerFor } from '../server/channels/index';
import { loadConfig } from '../server/config';
import { FakeTelegramServer, tg } from '../test/fakes/telegram/server';

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

const updates = arg('updates', 20000);
const concurrency = arg('concurrency', 128);
const chats = arg('chats', Math.max(1, Math.floor(updates / 10)));
const timeLimitMs = arg('time-limit', 180) * 1000;
const pgServer = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const botToken = '424242:BENCH-token-cccccccccccccccccccccccc';

const flow = {
  schemaVersion: 2,
  id: 'main',
  name: 'Benchmark',
  start: 'hello',
  fallbackLocale: 'en',
  locales: ['en'],
  blocks: [{ id: 'hello', type: 'message', text: 'Hi!' }],
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const deadline = Date.now() + timeLimitMs;
  const database = `omnibot_bench_tg_${randomBytes(4).toString('hex')}`;
  const pg = new Client({ connectionString: pgServer });
  await pg.connect();
  await pg.query(`create database ${database}`);
  await pg.end();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'omnibot-bench-'));
  const fake = new FakeTelegramServer();
  fake.recordCalls = false;
  const apiRoot = await fake.start();
  fake.addBot(botToken, 'bench_bot');
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: pgServer.replace(/\/[^/]*$/, `/${database}`),
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '40',
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    WORKERS: 'off',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    APP_SECRET: randomBytes(32).toString('hex'),
  });
  const platform = await startPlatform(config, { logger: createLogger({ level: config.LOG_LEVEL }) });
  try {
    const { db } = platform.ctx;
    await upsertBot(db, { id: 'bench', name: 'Benchmark bot', settings: {} });
    await saveDraft(db, { botId: 'bench', flowId: 'main', name: flow.name, draft: flow });
    await publishVersion(db, { botId: 'bench', flowId: 'main', definition: flow, note: 'benchmark' });
    await upsertChannelInstance(db, { id: 'bench-telegram', botId: 'bench', channel: 'telegram', config: { botToken, mode: 'webhook', apiRoot } });
    const running = await channelManagerFor(platform.ctx).reload('bench-telegram');
    if (running?.connection?.status().state !== 'connected') throw new Error(`telegram instance did not start: ${JSON.stringify(running?.connection?.status() ?? running?.error)}`);
    const webhook = fake.webhookOf(botToken)!;
    for (let chat = 1; chat <= chats; chat += 1) fake.addChat(100000 + chat);

    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    const target = new URL(webhook.url);
    const post = (body: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': webhook.secret } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(body);
      });

    // Warm-up: a few updates so connections, caches and JIT are ready.
    for (let i = 0; i < 50; i += 1) await post(JSON.stringify({ update_id: i + 1, ...tg.text(100000 + (i % chats) + 1, 1_000_000 + i, 'warm up') }));
    await fake.waitFor(() => fake.count('sendMessage') >= 50, 30000);
    const warmSends = fake.count('sendMessage');

    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < updates && Date.now() < deadline) {
          const i = next++;
          const chat = 100000 + (i % chats) + 1;
          const body = JSON.stringify({ update_id: 10_000 + i, ...tg.text(chat, i + 1, `message ${i}`) });
          const t0 = process.hrtime.bigint();
          const status = await post(body).catch(() => 0);
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const sent = latencies.length;
    let deliveredAt = seconds;
    try {
      await fake.waitFor(() => fake.count('sendMessage') - warmSends >= sent, Math.max(5000, deadline - Date.now()));
      deliveredAt = Number(process.hrtime.bigint() - started) / 1e9;
    } catch {
      /* reported below */
    }
    await platform.ctx.redis.ping();
    const [{ pending }] = await db.select({ pending: count() }).from(messages).where(and(eq(messages.direction, 'out'), eq(messages.deliveryStatus, 'pending')));
    const [{ failed }] = await db.select({ failed: count() }).from(messages).where(and(eq(messages.direction, 'out'), eq(messages.deliveryStatus, 'failed')));
    latencies.sort((a, b) => a - b);
    const replies = fake.count('sendMessage') - warmSends;

    console.log(`Telegram webhook benchmark (${os.cpus().length} CPUs, PostgreSQL, pool ${config.DATABASE_POOL_SIZE})`);
    console.log(`  updates sent        ${sent} (${chats} chats, concurrency ${concurrency})`);
    console.log(`  HTTP statuses       ${[...statuses].map(([s, n]) => `${s}: ${n}`).join(', ')}`);
    console.log(`  webhook throughput  ${(sent / seconds).toFixed(0)} updates/s over ${seconds.toFixed(2)} s`);
    console.log(`  webhook latency     p50 ${percentile(latencies, 50).toFixed(1)} ms  p90 ${percentile(latencies, 90).toFixed(1)} ms  p99 ${percentile(latencies, 99).toFixed(1)} ms  max ${latencies[latencies.length - 1].toFixed(1)} ms`);
    console.log(`  replies delivered   ${replies} sendMessage calls (${(replies / deliveredAt).toFixed(0)}/s end to end), pending ${pending}, failed ${failed}`);
    const okAll = replies === sent && statuses.get(200) === sent && Number(pending) === 0 && Number(failed) === 0;
    console.log(okAll ? '  check               OK: every update produced exactly one sendMessage' : '  check               FAILED: updates and replies do not match');
    process.exitCode = okAll ? 0 : 1;
  } finally {
    await platform.stop();
    await fake.stop();
    const client = new Client({ connectionString: pgServer });
    await client.connect();
    await client.query(`drop database if exists ${database} with (force)`);
    await client.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
