import http from 'node:http';
import https from 'node:https';
import { ConnectorError, parseRetryAfter } from './errors';

/** Shared keep-alive agents: one pool of sockets per remote for the whole process. */
const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 }),
};

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Absolute path below the base URL, e.g. /crm/v3/objects/contacts */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** Serialized as JSON unless `rawBody` is given. */
  body?: unknown;
  rawBody?: string;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: { get(name: string): string | null };
  body: T;
}

export interface HttpClientOptions {
  baseUrl: string;
  timeoutMs?: number;
  /** Pulls a human message out of an error body ("401 invalid token" rather than a JSON dump). */
  errorMessage?: (body: unknown, status: number) => string | undefined;
  /** Use this fetch instead of node:http (tests, proxies). */
  fetch?: typeof fetch;
}

/** JSON over HTTP with a timeout; every failure becomes a classified ConnectorError. */
export class HttpClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl?: typeof fetch;

  constructor(private readonly options: HttpClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetchImpl = options.fetch;
  }

  url(path: string, query?: HttpRequest['query']): string {
    const url = new URL(path === '' ? this.options.baseUrl : this.baseUrl + path);
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    return url.toString();
  }

  async request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
    const body = req.rawBody ?? (req.body === undefined ? undefined : JSON.stringify(req.body));
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    let status: number;
    let getHeader: (name: string) => string | null;
    let text: string;
    try {
      ({ status, getHeader, text } = await this.send(req.method, this.url(req.path, req.query), headers, body));
    } catch (error) {
      const err = error as Error & { code?: string };
      const reason = err.name === 'TimeoutError' || err.name === 'AbortError' ? `timeout after ${this.timeoutMs} ms` : `network error: ${describeCause(err)}`;
      throw new ConnectorError(`${req.method} ${req.path}: ${reason}`, 'transient', undefined, undefined, { cause: error });
    }
    const parsed = parseBody(text);
    if (status < 200 || status >= 300) {
      const detail = this.options.errorMessage?.(parsed, status) ?? (typeof parsed === 'string' ? parsed.slice(0, 200) : http.STATUS_CODES[status]);
      throw ConnectorError.fromStatus(status, detail ?? '', parseRetryAfter(getHeader('retry-after')));
    }
    return { status, headers: { get: getHeader }, body: parsed as T };
  }

  private async send(method: string, url: string, headers: Record<string, string>, body: string | undefined) {
    if (this.fetchImpl) {
      const res = await this.fetchImpl(url, { method, headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
      return { status: res.status, getHeader: (n: string) => res.headers.get(n), text: await res.text() };
    }
    return new Promise<{ status: number; getHeader: (n: string) => string | null; text: string }>((resolve, reject) => {
      const target = new URL(url);
      const lib = target.protocol === 'https:' ? https : http;
      const req = lib.request(target, { method, headers, agent: target.protocol === 'https:' ? agents.https : agents.http }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          const h = res.headers;
          resolve({ status: res.statusCode ?? 0, getHeader: (n) => { const v = h[n.toLowerCase()]; return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v; }, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', (e) => { clearTimeout(timer); reject(e); });
      });
      const timer = setTimeout(() => {
        const e = new Error('timeout');
        e.name = 'TimeoutError';
        req.destroy(e);
      }, this.timeoutMs);
      req.on('error', (e) => { clearTimeout(timer); reject(e); });
      req.end(body);
    });
  }
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function describeCause(error: Error & { code?: string }): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return error.code ?? cause?.code ?? cause?.message ?? error.message;
}
