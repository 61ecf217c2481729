import { ConnectorError, parseRetryAfter } from './errors';

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
  headers: Headers;
  body: T;
}

export interface HttpClientOptions {
  baseUrl: string;
  timeoutMs?: number;
  /** Pulls a human message out of an error body ("401 invalid token" rather than a JSON dump). */
  errorMessage?: (body: unknown, status: number) => string | undefined;
  fetch?: typeof fetch;
}

/** JSON over HTTP with a timeout; every failure becomes a classified ConnectorError. */
export class HttpClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: HttpClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetchImpl = options.fetch ?? fetch;
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
    let response: Response;
    try {
      response = await this.fetchImpl(this.url(req.path, req.query), { method: req.method, headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const err = error as Error;
      const reason = err.name === 'TimeoutError' || err.name === 'AbortError' ? `timeout after ${this.timeoutMs} ms` : `network error: ${describeCause(err)}`;
      throw new ConnectorError(`${req.method} ${req.path}: ${reason}`, 'transient', undefined, undefined, { cause: error });
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new ConnectorError(`${req.method} ${req.path}: response interrupted`, 'transient', response.status, undefined, { cause: error });
    }
    const parsed = parseBody(text);
    if (!response.ok) {
      const detail = this.options.errorMessage?.(parsed, response.status) ?? (typeof parsed === 'string' ? parsed.slice(0, 200) : response.statusText);
      throw ConnectorError.fromStatus(response.status, detail ?? '', parseRetryAfter(response.headers.get('retry-after')));
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
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

function describeCause(error: Error): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}
