import { randomBytes } from 'node:crypto';
import type { RunningPlatform } from '../../../server/bootstrap';
import { authHeader, startTestPlatform as startPlatformForTests, testAdmin } from '../../support/platform';

export const adminEmail = testAdmin.email;
export const adminPassword = testAdmin.password;

export interface TestPlatform {
  platform: RunningPlatform;
  url: string;
  dataDir: string;
  /** Signs in the admin created from ADMIN_EMAIL / ADMIN_PASSWORD; returns the bearer token. */
  adminToken(): Promise<string>;
  stop(): Promise<void>;
}

/** The shared test platform (throwaway PostgreSQL database, temporary DATA_DIR) with queue workers off. */
export async function startTestPlatform(env: Record<string, string> = {}): Promise<TestPlatform> {
  const started = await startPlatformForTests({ env: { APP_SECRET: randomBytes(32).toString('hex'), WORKERS: 'off', SHUTDOWN_TIMEOUT_MS: '2000', ...env } });
  let token: string | undefined;
  return {
    platform: started,
    url: started.url,
    dataDir: started.dataDir,
    async adminToken() {
      token ??= (await authHeader(started)).authorization.slice('Bearer '.length);
      return token;
    },
    stop: () => started.close(),
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
