/**
 * Telegram webhook throughput: the whole platform on PostgreSQL with a one-block flow ("Hi!"), a Telegram
 * instance in webhook mode pointed at the fake Bot API, then N distinct updates fired at the webhook at high
 * concurrency. Prints webhook updates/s and latency percentiles (the webhook answers once the update is in
 * the durable inbound queue), then the end-to-end rate (turn stored, reply sent), and checks every update
 * produced exactly one sendMessage.
 *
 *   npx tsx scripts/bench-telegram.ts [--updates 20000] [--concurrency 128] [--chats 2000]
 * Env: TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres), REDIS_URL.
 */
import http from 'node:http';
import { Worker } from 'node:worker_threads';
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
import { channelManagerFor, channelsFor } from '../server/channels/index';
import { loadConfig } from '../server/config';
import { FakeTelegramServer, tg } from '../test/fakes/telegram/server';

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

const updates = arg('updates', 10000);
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

/** Posts updates from a worker thread, so the load generator does not share the server's event loop. */
function fireInWorker(job: { url: string; secret: string; from: number; count: number; concurrency: number; chats: number; deadline: number }): Promise<{ latencies: number[]; statuses: [number, number][]; seconds: number }> {
  const code = `
    const { parentPort, workerData: job } = require('node:worker_threads');
    const http = require('node:http');
    const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
    const target = new URL(job.url);
    const latencies = []; const statuses = new Map(); let next = job.from; const end = job.from + job.count;
    const post = (body) => new Promise((resolve) => {
      const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': job.secret } }, (res) => {
        res.resume(); res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', () => resolve(0)); req.end(body);
    });
    (async () => {
      const t0 = process.hrtime.bigint();
      await Promise.all(Array.from({ length: job.concurrency }, async () => {
        while (next < end && Date.now() < job.deadline) {
          const i = next++; const chat = 100000 + (i % job.chats) + 1; const now = Math.floor(Date.now() / 1000);
          const body = JSON.stringify({ update_id: 10000 + i, message: { message_id: i + 1, date: now, chat: { id: chat, type: 'private', first_name: 'Ada' },
            from: { id: chat, is_bot: false, first_name: 'Ada', language_code: 'en' }, text: 'message ' + i } });
          const t = process.hrtime.bigint(); const status = await post(body);
          latencies.push(Number(process.hrtime.bigint() - t) / 1e6); statuses.set(status, (statuses.get(status) || 0) + 1);
        }
      }));
      parentPort.postMessage({ latencies, statuses: [...statuses], seconds: Number(process.hrtime.bigint() - t0) / 1e9 });
      agent.destroy();
    })();`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: job });
    worker.once('message', (result) => {
      resolve(result as { latencies: number[]; statuses: [number, number][]; seconds: number });
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

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

    const intake = channelsFor(platform.ctx).intake;
    const fire = (from: number, count: number) => fireInWorker({ url: webhook.url, secret: webhook.secret!, from, count, concurrency, chats, deadline });
    // Phase 1 measures the webhook alone (turn workers paused, updates pile up in the durable queue);
    // phase 2 runs the queued turns while the webhook takes the second half.
    const phaseOne = Math.floor(updates / 2);
    const started = process.hrtime.bigint();
    intake.pause();
    const first = await fire(0, phaseOne);
    intake.resume();
    if (process.argv.includes('--webhook-only')) {
      console.log(`webhook only: ${(first.latencies.length / first.seconds).toFixed(0)} updates/s, p50 ${percentile(first.latencies.sort((a, b) => a - b), 50).toFixed(1)} ms`);
      await platform.ctx.redis.del(intake.stream); // the queued updates belong to this throwaway database
      return;
    }
    const second = await fire(phaseOne, updates - phaseOne);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const webhookOnly = first.latencies;
    const mixed = second.latencies;
    const phaseOneSeconds = first.seconds;
    const mixedSeconds = second.seconds;
    const statuses = new Map<number, number>();
    for (const [status, n] of [...first.statuses, ...second.statuses]) statuses.set(status, (statuses.get(status) ?? 0) + n);
    const sent = webhookOnly.length + mixed.length;
    let deliveredAt = seconds;
    try {
      await fake.waitFor(() => fake.count('sendMessage') - warmSends >= sent, Math.max(5000, deadline - Date.now()));
      deliveredAt = Number(process.hrtime.bigint() - started) / 1e9;
    } catch {
      /* reported below */
    }
    await channelsFor(platform.ctx).intake.idle(5000);
    const [{ pending }] = await db.select({ pending: count() }).from(messages).where(and(eq(messages.direction, 'out'), eq(messages.deliveryStatus, 'pending')));
    const [{ failed }] = await db.select({ failed: count() }).from(messages).where(and(eq(messages.direction, 'out'), eq(messages.deliveryStatus, 'failed')));
    webhookOnly.sort((a, b) => a - b);
    mixed.sort((a, b) => a - b);
    const replies = fake.count('sendMessage') - warmSends;

    console.log(`Telegram webhook benchmark (${os.cpus().length} CPUs, PostgreSQL, pool ${config.DATABASE_POOL_SIZE})`);
    console.log(`  updates sent        ${sent} (${chats} chats, concurrency ${concurrency})`);
    console.log(`  HTTP statuses       ${[...statuses].map(([s, n]) => `${s}: ${n}`).join(', ')}`);
    const line = (label: string, values: number[], secs: number, note: string) => {
      console.log(`  ${label.padEnd(18)}  ${(values.length / secs).toFixed(0)} updates/s (${values.length} updates, ${note})`);
      console.log(`  ${''.padEnd(18)}  latency p50 ${percentile(values, 50).toFixed(1)} ms  p99 ${percentile(values, 99).toFixed(1)} ms  max ${(values[values.length - 1] ?? 0).toFixed(1)} ms`);
    };
    line('webhook only', webhookOnly, phaseOneSeconds, 'turn workers paused, updates queue up');
    line('webhook + turns', mixed, mixedSeconds, 'while the queued turns run');
    console.log(`  all updates         ${(sent / seconds).toFixed(0)} updates/s over ${seconds.toFixed(2)} s`);
    console.log(`  end to end          ${replies} replies (sendMessage) after ${deliveredAt.toFixed(2)} s = ${(replies / deliveredAt).toFixed(0)} turns/s (queued webhook → turn → Bot API)`);
    console.log(`  deliveries          pending ${pending}, failed ${failed}`);
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
