import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible server for tests: `POST /v1/chat/completions` (JSON and SSE streaming with usage)
 * and `POST /v1/embeddings` (deterministic hashed vectors). It records every request and can be scripted
 * per request, or switched into failure modes (500, 429 with Retry-After, slow answers, malformed JSON).
 * Point `@langchain/openai` at `fake.baseURL`.
 */
export interface ChatMessage {
  role: string;
  content: string;
}

export interface RecordedRequest {
  path: string;
  body: Record<string, unknown>;
  headers: http.IncomingHttpHeaders;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream: boolean;
  maxTokens?: number;
  body: Record<string, unknown>;
}

export type FakeReply =
  | string
  | { content: string; delayMs?: number; usage?: { prompt_tokens: number; completion_tokens: number } }
  | { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  | { malformed: true }
  | { hang: true };

export type ChatResponder = (request: ChatRequest) => FakeReply | Promise<FakeReply>;

/** Answers from the first passage of the prompt and cites it, like a well-behaved grounded model. */
export const groundedResponder: ChatResponder = (request) => {
  const user = [...request.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const passage = /<passage id="(S\d+)"[^>]*>\n([\s\S]*?)\n<\/passage>/.exec(user);
  if (!passage) return '[[UNSURE]]';
  const answer = passage[2].replace(/^Q: .*\nA: /, '').split(/(?<=[.!?؟])\s/)[0];
  return `${answer} [[SOURCES: ${passage[1]}]]`;
};

export class FakeOpenAIServer {
  readonly requests: RecordedRequest[] = [];
  private server: http.Server | undefined;
  private responder: ChatResponder = groundedResponder;
  private readonly timers = new Set<NodeJS.Timeout>();
  port = 0;

  get baseURL(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  /** Chat completion requests only. */
  get chatRequests(): ChatRequest[] {
    return this.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => toChatRequest(r.body));
  }

  get embeddingRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.endsWith('/embeddings'));
  }

  respondWith(responder: ChatResponder): void {
    this.responder = responder;
  }

  /** Forget recorded requests and go back to the grounded responder. */
  reset(): void {
    this.requests.length = 0;
    this.responder = groundedResponder;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private delay(ms: number, req: http.IncomingMessage): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve(true);
      }, ms);
      this.timers.add(timer);
      req.once('close', () => {
        if (this.timers.delete(timer)) {
          clearTimeout(timer);
          resolve(false);
        }
      });
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    } catch {
      return json(res, 400, { error: { message: 'invalid JSON body', type: 'invalid_request_error' } });
    }
    const path = (req.url ?? '').split('?')[0];
    this.requests.push({ path, body, headers: req.headers });
    if (req.method !== 'POST') return json(res, 405, { error: { message: 'method not allowed' } });
    if (path.endsWith('/embeddings')) return this.embeddings(body, res);
    if (!path.endsWith('/chat/completions')) return json(res, 404, { error: { message: `no route ${path}` } });

    const request = toChatRequest(body);
    let reply: FakeReply;
    try {
      reply = await this.responder(request);
    } catch (error) {
      return json(res, 500, { error: { message: String(error), type: 'server_error' } });
    }
    if (typeof reply === 'object' && 'hang' in reply) {
      await this.delay(60_000, req);
      return void res.destroy();
    }
    if (typeof reply === 'object' && 'delayMs' in reply && reply.delayMs) {
      if (!(await this.delay(reply.delayMs, req))) return;
    }
    if (typeof reply === 'object' && 'malformed' in reply) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"id": "chatcmpl-broken", "choices": [ {"message": ');
    }
    if (typeof reply === 'object' && 'status' in reply) {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
      return void res.end(JSON.stringify(reply.body ?? { error: { message: `fake error ${reply.status}`, type: reply.status === 429 ? 'rate_limit_exceeded' : 'server_error' } }));
    }
    const content = typeof reply === 'string' ? reply : reply.content;
    const promptTokens = Math.ceil(request.messages.reduce((n, m) => n + m.content.length, 0) / 4);
    const usage = typeof reply === 'object' && 'usage' in reply && reply.usage ? reply.usage : { prompt_tokens: promptTokens, completion_tokens: Math.ceil(content.length / 4) };
    const fullUsage = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
    const id = `chatcmpl-${this.requests.length}`;
    const created = Math.floor(Date.now() / 1000);
    if (!request.stream) {
      return json(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model: request.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
        usage: fullUsage,
      });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    const base = { id, object: 'chat.completion.chunk', created, model: request.model };
    send({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
    for (const piece of content.match(/[\s\S]{1,6}/g) ?? []) send({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
    send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
    const options = body.stream_options as { include_usage?: boolean } | undefined;
    if (options?.include_usage) send({ ...base, choices: [], usage: fullUsage });
    res.end('data: [DONE]\n\n');
  }

  private embeddings(body: Record<string, unknown>, res: http.ServerResponse): void {
    const input = body.input;
    const texts = Array.isArray(input) ? input.map(String) : [String(input ?? '')];
    const dims = typeof body.dimensions === 'number' ? body.dimensions : 64;
    json(res, 200, {
      object: 'list',
      model: body.model,
      data: texts.map((text, index) => {
        const vector = hashedVector(text, dims);
        // The openai SDK asks for base64 (little-endian float32) by default and decodes it.
        const embedding = body.encoding_format === 'base64' ? Buffer.from(Float32Array.from(vector).buffer).toString('base64') : vector;
        return { object: 'embedding', index, embedding };
      }),
      usage: { prompt_tokens: Math.ceil(texts.join(' ').length / 4), total_tokens: Math.ceil(texts.join(' ').length / 4) },
    });
  }
}

/** A deterministic bag-of-words vector: texts sharing words are similar. */
export function hashedVector(text: string, dims = 64): number[] {
  const v = new Array<number>(dims).fill(0);
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean)) {
    let h = 2166136261;
    for (let i = 0; i < word.length; i += 1) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
    v[(h >>> 0) % dims] += (h & 1) === 0 ? 1 : -1;
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}

function toChatRequest(body: Record<string, unknown>): ChatRequest {
  const messages = ((body.messages as { role: string; content: unknown }[]) ?? []).map((m) => ({
    role: m.role,
    content: typeof m.content === 'string' ? m.content : Array.isArray(m.content) ? m.content.map((p: { text?: string }) => p.text ?? '').join('') : '',
  }));
  return {
    model: String(body.model ?? ''),
    messages,
    stream: body.stream === true,
    maxTokens: typeof body.max_tokens === 'number' ? body.max_tokens : typeof body.max_completion_tokens === 'number' ? body.max_completion_tokens : undefined,
    body,
  };
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startFakeOpenAI(): Promise<FakeOpenAIServer> {
  return new FakeOpenAIServer().start();
}
