import http from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import express from 'express';
import { createLogger } from '../core/logger';
import { startPlatform } from '../server/bootstrap';
import { loadConfig } from '../server/config';
import { createPostgresDatabase } from '../test/support/databases';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * npm run bench:web [-- --seconds 10 --connections 100]
 * Drives the web channel endpoint of the demo bot on a throwaway PostgreSQL database with many concurrent
 * visitors (each request a new message id, visitors reused so conversations progress), then a bare
 * Express JSON echo in the same run, and prints both.
 */
const args = new Map(process.argv.slice(2).map((arg, i, all) => [arg.replace(/^--/, ''), all[i + 1]]));
const seconds = Number(args.get('seconds') ?? 10);
const connections = Number(args.get('connections') ?? 64);
const visitors = Number(args.get('visitors') ?? 2000);

interface Figures { name: string; requestsPerSecond: number; p50: number; p99: number; errors: number; non2xx: number; total: number }

async function run(name: string, url: string, body: () => string): Promise<Figures> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }],
  });
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

async function main() {
  const database = await createPostgresDatabase('omnibot_bench');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'omnibot-bench-'));
  const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', DATA_DIR: dataDir, DATABASE_URL: database.url, DATABASE_POOL_SIZE: '20', SEED_DEMO: 'true' });
  const platform = await startPlatform(config, { logger: createLogger({ level: 'error' }) });
  let sequence = 0;
  try {
    const greetings = ['hello', 'hi', 'I want a moisturiser', 'dry skin', 'under 50', 'what is your return policy?'];
    const turnBody = () => {
      sequence += 1;
      return JSON.stringify({ visitorId: `bench-${sequence % visitors}`, messageId: `bench-m-${sequence}`, text: greetings[sequence % greetings.length] });
    };
    // warm up: create the visitors' conversations and JIT the code paths
    await run('warm-up', `${platform.url}/api/channels/web/demo/messages`, turnBody).catch(() => undefined);

    const turns = await run('web channel turn (PostgreSQL)', `${platform.url}/api/channels/web/demo/messages`, turnBody);

    const echoApp = express();
    echoApp.use(express.json());
    echoApp.post('/echo', (req, res) => {
      res.json({ replies: [{ type: 'text', text: req.body.text }] });
    });
    const echo = http.createServer(echoApp);
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const echoFigures = await run('bare Express JSON echo', `http://127.0.0.1:${(echo.address() as AddressInfo).port}/echo`, turnBody);
    echo.close();

    const rows = [turns, echoFigures];
    console.log(`\nconnections=${connections} duration=${seconds}s visitors=${visitors}`);
    console.log('name'.padEnd(34), 'req/s'.padStart(8), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'errors'.padStart(7), 'non2xx'.padStart(7));
    for (const r of rows) console.log(r.name.padEnd(34), String(r.requestsPerSecond).padStart(8), String(r.p50).padStart(8), String(r.p99).padStart(8), String(r.errors).padStart(7), String(r.non2xx).padStart(7));
    const ratio = turns.requestsPerSecond / Math.max(1, echoFigures.requestsPerSecond);
    console.log(`turns/s is ${(ratio * 100).toFixed(1)}% of the echo's throughput (goal: at least 50%)`);
    console.log(JSON.stringify({ turns, echo: echoFigures, ratio: Number(ratio.toFixed(3)) }));
  } finally {
    await platform.stop();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
