import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages';

export interface ModelCallResult {
  text: string;
  promptTokens: number;
  completionTokens: number;
  /** True when the provider reported usage; otherwise the counts are estimates. */
  usageReported: boolean;
  latencyMs: number;
}

/** A failed model call, classified for the log and the circuit breaker. */
export class ModelCallError extends Error {
  constructor(
    readonly kind: 'timeout' | 'error',
    message: string,
    readonly latencyMs: number,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ModelCallError';
  }
}

/** Rough token count (≈ 4 characters a token) for budgets before the call and when usage is missing. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function estimateMessagesTokens(messages: BaseMessage[]): number {
  return messages.reduce((sum, m) => sum + 4 + estimateTokens(contentText(m.content)), 2);
}

/**
 * Calls the model with a hard deadline (an abort signal plus a timer, whichever the client honours first).
 * With `onToken` the answer is streamed and each text delta is passed on as it arrives.
 */
export async function callChatModel(
  model: BaseChatModel,
  messages: BaseMessage[],
  options: { timeoutMs: number; onToken?: (delta: string) => void },
): Promise<ModelCallResult> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ModelCallError('timeout', `model did not answer within ${options.timeoutMs} ms`, performance.now() - started));
    }, options.timeoutMs);
  });
  const run = async (): Promise<{ text: string; message: AIMessageChunk | undefined }> => {
    if (!options.onToken) {
      const message = (await model.invoke(messages, { signal: controller.signal })) as AIMessageChunk;
      return { text: contentText(message.content), message };
    }
    let aggregate: AIMessageChunk | undefined;
    let text = '';
    const stream = await model.stream(messages, { signal: controller.signal });
    for await (const chunk of stream) {
      const delta = contentText(chunk.content);
      if (delta) {
        text += delta;
        options.onToken(delta);
      }
      aggregate = aggregate ? aggregate.concat(chunk) : chunk;
    }
    return { text, message: aggregate };
  };
  try {
    const { text, message } = await Promise.race([run(), deadline]);
    const latencyMs = performance.now() - started;
    const usage = message?.usage_metadata;
    return {
      text,
      promptTokens: usage?.input_tokens ?? estimateMessagesTokens(messages),
      completionTokens: usage?.output_tokens ?? estimateTokens(text),
      usageReported: Boolean(usage),
      latencyMs,
    };
  } catch (error) {
    if (error instanceof ModelCallError) throw error;
    const latencyMs = performance.now() - started;
    const status = statusOf(error);
    const timedOut = controller.signal.aborted || /timed? ?out|abort/i.test(String((error as Error)?.name) + String((error as Error)?.message));
    throw new ModelCallError(timedOut ? 'timeout' : 'error', describe(error), latencyMs, status, { cause: error });
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((part) => (typeof part === 'string' ? part : part && typeof part === 'object' && 'text' in part ? String((part as { text: unknown }).text ?? '') : '')).join('');
  }
  return '';
}

function statusOf(error: unknown): number | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth += 1) {
    const status = (e as { status?: unknown }).status;
    if (typeof status === 'number') return status;
  }
  return undefined;
}

/** Error class and status only: provider messages may echo parts of the prompt. */
function describe(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  const status = statusOf(error);
  return status ? `${name} (HTTP ${status})` : name;
}
