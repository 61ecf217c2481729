import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import WebSocket from 'ws';
import type { RunningPlatform } from '../../../server/bootstrap';
import { startInbox, type RunningInbox } from '../../../server/inbox/index';
import { createPostgresDatabase, type TestDatabase } from '../../support/databases';
import { startTestPlatform, testAdmin } from '../../support/platform';

export const admin = testAdmin;
const appSecret = randomBytes(32).toString('hex');

export interface InboxPlatform {
  platform: RunningPlatform;
  url: string;
  inbox: RunningInbox;
  call(method: string, pathname: string, body?: unknown, token?: string): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/** A mutable clock for SLA tests. */
export function testClock(start = Date.now()) {
  let now = start;
  const clock = () => new Date(now);
  return Object.assign(clock, { advance: (ms: number) => void (now += ms), set: (at: number) => void (now = at) });
}

/** One platform instance with the inbox started, on the given database (several instances may share one). */
export async function startInboxPlatform(databaseUrl: string, options: { clock?: () => Date; env?: Record<string, string> } = {}): Promise<InboxPlatform> {
  const platform = await startTestPlatform({
    databaseUrl,
    env: { APP_SECRET: appSecret, WORKERS: 'off', SHUTDOWN_TIMEOUT_MS: '2000', ...options.env },
    inboxClock: options.clock,
    inboxSweepIntervalMs: 3_600_000,
  });
  // bootstrap started the inbox; this returns the same running instance
  const inbox = await startInbox(platform.ctx, { server: platform.server });
  const call = async (method: string, pathname: string, body?: unknown, token?: string) => {
    const res = await fetch(`${platform.url}${pathname}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed as any };
  };
  return {
    platform,
    url: platform.url,
    inbox,
    call,
    async stop() {
      await inbox.stop();
      await platform.close();
    },
  };
}

export async function freshDatabase(): Promise<TestDatabase> {
  return createPostgresDatabase('omnibot_inbox');
}

export async function sql<T = any>(databaseUrl: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function login(p: InboxPlatform, credentials: { email: string; password: string }): Promise<string> {
  const res = await p.call('POST', '/api/auth/login', credentials);
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

let agentSeq = 0;
/** Creates an agent (as admin), signs them in and sets their inbox profile. */
export async function createAgent(p: InboxPlatform, adminToken: string, profile: { name?: string; status?: string; languages?: string[]; maxOpen?: number; skills?: string[] } = {}) {
  agentSeq += 1;
  const email = `agent${agentSeq}-${randomBytes(3).toString('hex')}@example.com`;
  const created = await p.call('POST', '/api/users', { email, password: 'agent-password-1', role: 'agent', name: profile.name ?? `Agent ${agentSeq}` }, adminToken);
  if (created.status !== 201) throw new Error(`could not create agent: ${JSON.stringify(created.body)}`);
  const token = await login(p, { email, password: 'agent-password-1' });
  const { name: _name, ...rest } = profile;
  const patched = await p.call('PATCH', '/api/inbox/me', { status: 'away', ...rest }, token);
  if (patched.status !== 200) throw new Error(`could not set the profile: ${JSON.stringify(patched.body)}`);
  return { id: created.body.user.id as string, email, token };
}

let messageSeq = 0;
/** A web visitor message through the web channel endpoint; returns the turn answer. */
export async function customerSays(p: InboxPlatform, visitorId: string, text: string) {
  messageSeq += 1;
  const res = await p.call('POST', '/api/channels/web/demo/messages', { visitorId, messageId: `m-${Date.now()}-${messageSeq}`, text });
  if (res.status !== 200) throw new Error(`customer message failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { replies: { type: string; text?: string }[]; conversationId: string };
}

export async function waitFor<T>(probe: () => Promise<T | undefined | false | null> | T | undefined | false | null, what: string, timeoutMs = 8000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** An agent's inbox websocket that records every frame. */
export class AgentSocket {
  readonly frames: any[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.frames.push(JSON.parse(data.toString())));
  }

  static async connect(p: InboxPlatform, token: string): Promise<AgentSocket> {
    const ws = new WebSocket(`${p.url.replace(/^http/, 'ws')}/api/inbox/ws?token=${encodeURIComponent(token)}`);
    const socket = new AgentSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`websocket refused: ${res.statusCode}`)));
      ws.once('open', () => resolve());
    });
    await waitFor(() => socket.frames.find((f) => f.type === 'ready'), 'ready frame');
    return socket;
  }

  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }

  waitFor(predicate: (frame: any) => boolean, what: string, timeoutMs = 8000): Promise<any> {
    return waitFor(() => this.frames.find(predicate), what, timeoutMs);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
