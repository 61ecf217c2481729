import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPlatform, type RunningPlatform } from '../../server/bootstrap';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../core/logger';
import { createPostgresDatabase, redisUrl, type TestDatabase } from './databases';

export interface TestPlatform extends RunningPlatform {
  database?: TestDatabase;
  dataDir: string;
  /** Stops the platform and removes its database and data dir. */
  close(): Promise<void>;
  post(pathname: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  get(pathname: string, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  put(pathname: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
}

export const testAdmin = { email: 'admin@example.com', password: 'admin-password-1' };

export interface TestPlatformOptions {
  backend?: 'postgres' | 'pglite';
  env?: Record<string, string>;
  /** Reuse this database (several instances of one deployment); it is not dropped on close. */
  databaseUrl?: string;
  inboxClock?: () => Date;
  inboxSweepIntervalMs?: number;
  botClock?: () => Date;
}

/** The whole platform in-process on a random port, on a fresh PostgreSQL database (or PGlite). */
export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const backend = options.backend ?? 'postgres';
  const database = backend === 'postgres' && !options.databaseUrl ? await createPostgresDatabase() : undefined;
  const databaseUrl = options.databaseUrl ?? database?.url;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'omnibot-test-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: dataDir,
    REDIS_URL: redisUrl,
    ADMIN_EMAIL: testAdmin.email,
    ADMIN_PASSWORD: testAdmin.password,
    SEED_DEMO: 'true',
    NODE_ENV: 'test',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  });
  const platform = await startPlatform(config, {
    logger: createLogger({ level: config.LOG_LEVEL }),
    inboxClock: options.inboxClock,
    botClock: options.botClock,
    inboxSweepIntervalMs: options.inboxSweepIntervalMs,
  });
  const request = async (method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${platform.url}${pathname}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as any };
  };
  return {
    ...platform,
    database,
    dataDir,
    post: (p, b, h) => request('POST', p, b, h),
    get: (p, h) => request('GET', p, undefined, h),
    put: (p, b, h) => request('PUT', p, b, h),
    close: async () => {
      await platform.stop();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Logs in and returns an Authorization header. */
export async function authHeader(platform: TestPlatform, credentials = testAdmin): Promise<Record<string, string>> {
  const login = await platform.post('/api/auth/login', credentials);
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return { authorization: `Bearer ${login.body.token}` };
}
