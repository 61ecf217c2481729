import type { Embeddings } from '@langchain/core/embeddings';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';

/** Builds a chat model for a bot's model name and the turn's completion budget. */
export type ChatModelFactory = (options: { model?: string; maxTokens: number }) => BaseChatModel;

export interface OpenAIOptions {
  apiKey: string;
  /** Any OpenAI-compatible endpoint (OPENAI_BASE_URL); default api.openai.com. */
  baseURL?: string;
  /** Default chat model (OPENAI_MODEL); a bot's `llm.model` overrides it. */
  model: string;
  /** OPENAI_EMBEDDINGS_MODEL; no embeddings when absent. */
  embeddingsModel?: string;
  /** LLM_TIMEOUT_MS; the resolver enforces it too. */
  timeoutMs: number;
}

/**
 * `ChatOpenAI` / `OpenAIEmbeddings` against any OpenAI-compatible endpoint, no retries (a slow or failing
 * model must give the fallback within the turn). Chat models are cached per (model, max tokens).
 */
export function createOpenAIModels(options: OpenAIOptions): { chatModel: ChatModelFactory; embeddings?: Embeddings } {
  const cache = new Map<string, BaseChatModel>();
  const configuration = options.baseURL ? { baseURL: options.baseURL } : undefined;
  const chatModel: ChatModelFactory = ({ model, maxTokens }) => {
    const name = model ?? options.model;
    const bucket = Math.max(16, Math.ceil(maxTokens / 50) * 50);
    const key = `${name}\u0000${bucket}`;
    let instance = cache.get(key);
    if (!instance) {
      instance = new ChatOpenAI({
        apiKey: options.apiKey,
        model: name,
        maxTokens: bucket,
        temperature: 0.2,
        timeout: options.timeoutMs,
        maxRetries: 0,
        streamUsage: true,
        configuration,
      });
      if (cache.size >= 64) cache.delete(cache.keys().next().value as string);
      cache.set(key, instance);
    }
    return instance;
  };
  const embeddings = options.embeddingsModel
    ? new OpenAIEmbeddings({ apiKey: options.apiKey, model: options.embeddingsModel, timeout: options.timeoutMs, maxRetries: 0, batchSize: 64, configuration })
    : undefined;
  return { chatModel, embeddings };
}
