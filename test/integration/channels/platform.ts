import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createLogger } from '../../../core/logger';
import { startPlatform, type RunningPlatform } from '../../../server/bootstrap';
import { loadConfig } from '../../../server/config';

export const adminEmail = 'admin@example.com';
export const adminPassword = 'admin-password-1';
const serverUrl = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestPlatform {
  platform: RunningPlatform;
  url: string;
  dataDir: string;
  /** Signs in the admin created from ADMIN_EMAIL / ADMIN_PASSWORD; returns the bearer token. */
  adminToken(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The whole platform in-process on a throwaway PostgreSQL database (created here, dropped on stop),
 * a temporary DATA_DIR, the local Redis, PORT=0 and the demo bot seeded.
 */
export async function startTestPlatform(env: Record<string, string> = {}): Promise<TestPlatform> {
  const database = `omnibot_channels_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${database}`);
  await admin.end();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'omnibot-channels-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: serverUrl.replace(/\/[^/]*$/, `/${database}`),
    DATA_DIR: dataDir,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    APP_SECRET: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: adminPassword,
    SEED_DEMO: 'true',
    WORKERS: 'off',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SHUTDOWN_TIMEOUT_MS: '2000',
    ...env,
  });
  const platform = await startPlatform(config, { logger: createLogger({ level: config.LOG_LEVEL }) });
  let token: string | undefined;
  return {
    platform,
    url: platform.url,
    dataDir,
    async adminToken() {
      if (token) return token;
      const res = await fetch(`${platform.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: adminEmail, password: adminPassword }) });
      if (!res.ok) throw new Error(`admin login failed: ${res.status} ${await res.text()}`);
      token = ((await res.json()) as { token: string }).token;
      return token;
    },
    async stop() {
      await platform.stop();
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${database} with (force)`);
      await client.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function api<T = Record<string, unknown>>(url: string, options: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: body as T };
}

export async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 10000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
