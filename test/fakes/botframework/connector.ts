import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedActivity {
  conversationId: string;
  replyToId?: string;
  authorization?: string;
  activity: Record<string, unknown>;
}

/**
 * A local Bot Framework connector service: the `serviceUrl` botbuilder replies to.
 * `POST /v3/conversations/:conversationId/activities[/:replyToId]` records the activity and answers `{id}`.
 */
export class FakeConnector {
  readonly activities: RecordedActivity[] = [];
  private server?: http.Server;
  private next = 1;
  private failures: { status: number; times: number }[] = [];
  url = '';

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
        const send = (status: number, body: unknown) => {
          const text = JSON.stringify(body);
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(text);
        };
        if (!match || req.method !== 'POST') return send(404, { error: { code: 'NotFound', message: 'not found' } });
        const failure = this.failures[0];
        if (failure) {
          if (--failure.times <= 0) this.failures.shift();
          return send(failure.status, { error: { code: 'ServiceError', message: 'injected failure' } });
        }
        let activity: Record<string, unknown>;
        try {
          activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        } catch {
          return send(400, { error: { code: 'BadArgument', message: 'invalid JSON' } });
        }
        if (typeof activity.type !== 'string') return send(400, { error: { code: 'BadArgument', message: 'activity type required' } });
        this.activities.push({ conversationId: decodeURIComponent(match[1]), replyToId: match[2] && decodeURIComponent(match[2]), authorization: req.headers.authorization, activity });
        send(200, { id: `reply-${this.next++}` });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  failNext(status: number, times = 1): void {
    this.failures.push({ status, times });
  }

  messages(conversationId?: string): Record<string, unknown>[] {
    return this.activities.filter((a) => a.activity.type === 'message' && (!conversationId || a.conversationId === conversationId)).map((a) => a.activity);
  }

  async waitFor(predicate: () => boolean, timeoutMs = 10000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > until) throw new Error('timed out waiting for the fake connector');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

let activityCounter = 0;

/** An activity as the Emulator / a channel sends it to the bot. */
export function activity(serviceUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  activityCounter += 1;
  return {
    type: 'message',
    id: `act-${Date.now()}-${activityCounter}`,
    timestamp: new Date().toISOString(),
    channelId: 'emulator',
    serviceUrl,
    from: { id: 'user-1', name: 'Ada' },
    recipient: { id: 'bot-1', name: 'Shop bot' },
    conversation: { id: 'conv-1' },
    locale: 'en-US',
    ...overrides,
  };
}
