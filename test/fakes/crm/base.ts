import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  body: unknown;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Injected {
  kind: 'status' | 'timeout';
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Only requests to this path take it; other requests pass it by. */
  path?: string;
}

/**
 * A local stand-in for a third-party HTTP API: records every request and can be told to fail —
 * the next n requests answer a status (500, 429 with Retry-After, 401), hang (timeout), or the whole
 * server is "down" (connections are reset) — and to be slow before or after applying a write.
 */
export abstract class FakeHttpServer {
  readonly requests: FakeRequest[] = [];
  /** Delay before a request is handled. */
  delayMs = 0;
  /** Delay after a write was applied, before answering: lets a test kill the client mid-request. */
  respondDelayMs = 0;
  /** Per-request variant of respondDelayMs (e.g. hold only the note creation). */
  holdResponse?: (req: FakeRequest) => number;
  private down = false;
  private injected: Injected[] = [];
  private server?: http.Server;
  private waiters: { predicate: (r: FakeRequest) => boolean; resolve: (r: FakeRequest) => void }[] = [];
  private hanging = new Set<http.ServerResponse>();
  url = '';

  protected abstract route(req: FakeRequest): FakeResponse | Promise<FakeResponse>;
  /** The API's own auth check; return a response to reject. */
  protected abstract authenticate(req: FakeRequest): FakeResponse | undefined;
  /** The body this API sends for an injected status. */
  protected errorBody(status: number): unknown {
    return { message: `injected ${status}` };
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.onRequest(req, res));
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  failNext(n: number, status: number, headers?: Record<string, string>, body?: unknown, path?: string): void {
    for (let i = 0; i < n; i++) this.injected.push({ kind: 'status', status, headers, body, path });
  }

  /** The next n requests to `path` answer `status` with `body` (e.g. only an OAuth token endpoint fails). */
  failNextAt(path: string, n: number, status: number, body: unknown): void {
    this.failNext(n, status, undefined, body, path);
  }

  /** The next n requests never get an answer (the client times out). */
  timeoutNext(n: number): void {
    for (let i = 0; i < n; i++) this.injected.push({ kind: 'timeout' });
  }

  setDown(down: boolean): void {
    this.down = down;
  }

  /** Resolves with the first request (already received or future) matching the predicate. */
  waitForRequest(predicate: (r: FakeRequest) => boolean, timeoutMs = 15_000): Promise<FakeRequest> {
    const seen = this.requests.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching request arrived')), timeoutMs);
      this.waiters.push({ predicate, resolve: (r) => (clearTimeout(timer), resolve(r)) });
    });
  }

  count(method: string, pathPrefix: string): number {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix)).length;
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (this.down) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    let body: unknown = undefined;
    if (rawBody && isFormEncoded(req.headers)) {
      body = Object.fromEntries(new URLSearchParams(rawBody));
    } else if (rawBody) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        return this.send(res, { status: 400, body: { message: 'malformed JSON body' } });
      }
    }
    const request: FakeRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, rawBody, body };
    this.requests.push(request);
    for (const w of [...this.waiters]) {
      if (w.predicate(request)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(request);
      }
    }
    if (this.delayMs > 0) await sleep(this.delayMs);
    const injected = this.takeInjected(request);
    if (injected?.kind === 'timeout') {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    if (injected?.kind === 'status') {
      return this.send(res, { status: injected.status!, headers: injected.headers, body: injected.body ?? this.errorBody(injected.status!) });
    }
    const rejected = this.authenticate(request);
    if (rejected) return this.send(res, rejected);
    let response: FakeResponse;
    try {
      response = await this.route(request);
    } catch (error) {
      response = { status: 500, body: { message: (error as Error).message } };
    }
    const hold = this.holdResponse?.(request) ?? this.respondDelayMs;
    if (hold > 0) await sleep(hold);
    if (res.destroyed) return;
    this.send(res, response);
  }

  private takeInjected(request: FakeRequest): Injected | undefined {
    const index = this.injected.findIndex((i) => i.path === undefined || i.path === request.path);
    return index === -1 ? undefined : this.injected.splice(index, 1)[0];
  }

  private send(res: http.ServerResponse, response: FakeResponse): void {
    const headers: Record<string, string> = { ...response.headers };
    if (response.body === undefined) {
      res.writeHead(response.status, headers).end();
      return;
    }
    headers['content-type'] = 'application/json';
    res.writeHead(response.status, headers).end(JSON.stringify(response.body));
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export function isFormEncoded(headers: http.IncomingHttpHeaders): boolean {
  return (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

export function bearer(req: FakeRequest): string | undefined {
  const header = req.headers.authorization;
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
}
