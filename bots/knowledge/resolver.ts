import { randomBytes } from 'node:crypto';
import type { Embeddings } from '@langchain/core/embeddings';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseMessage } from '@langchain/core/messages';
import type { Database } from '../../core/db/client';
import type { LlmCallOutcome } from '../../core/db/schema/index';
import type { Logger } from '../../core/logger';
import { findBot } from '../../core/repositories/bots';
import { deleteKnowledgeDocument, knowledgeRevision, loadKnowledgeChunks, saveChunkEmbeddings } from '../../core/repositories/knowledge';
import { insertLlmCall, latestInboundMessageId, recentTranscript, tokensUsedSince, type NewLlmCall } from '../../core/repositories/knowledge-llm-calls';
import type { KnowledgeResult } from '../../flows/index';
import { intentChoiceMessages, parseChoice, type LlmChoice, type LlmChoiceRequest, type NluResult } from '../../flows/nlu/index';
import {
  AnswerStreamFilter,
  buildAnswerMessages,
  detectInjection,
  directAnswer,
  isOnTopic,
  KnowledgeIndex,
  maskPii,
  parseModelAnswer,
  PiiVault,
  promptHistory,
  promptVariables,
  restorePii,
  type PromptPassage,
  type RetrievalHit,
} from '../../flows/knowledge/index';
import { NOT_ANSWERED, type IntentAssistant, type IntentChoiceRequest, type KnowledgeRequest, type KnowledgeResolver } from '../runtime/bot-turn';
import { readBotSettings, type BotSettings } from '../settings';
import { callChatModel, estimateMessagesTokens, estimateTokens, ModelCallError, type ModelCallResult } from './call-model';
import { CircuitBreaker } from './circuit-breaker';
import { ingestKnowledge, type IngestedDocument, type KnowledgeInput } from './ingest';
import type { ChatModelFactory } from './openai';

export interface KnowledgeServiceOptions {
  db: Database;
  logger: Logger;
  /** A chat model, or a factory per (bot model, max tokens). Without one, answers come from retrieval only. */
  chatModel?: BaseChatModel | ChatModelFactory;
  /** Enables embedding retrieval (fused with BM25). */
  embeddings?: Embeddings;
  /** Name logged for the embeddings model. */
  embeddingsModel?: string;
  /** Name logged when a plain chat model (not a factory) is given and the bot names none. */
  defaultModel?: string;
  /** Hard deadline of a model call (LLM_TIMEOUT_MS). */
  timeoutMs?: number;
  clock?: () => Date;
  /** Confidence (0..1) the best hit needs to be said without a model (default 0.4). */
  answerThreshold?: number;
  /** Confidence a passage needs to be shown to the model (default 0.2). */
  passageThreshold?: number;
  /** Passages in the prompt (default 4). */
  maxPassages?: number;
  /** Recent messages of the conversation in the prompt (default 6). */
  historyTurns?: number;
  /** Longest model answer, in tokens, before the per-turn budget (default 400). */
  maxCompletionTokens?: number;
  /** Consecutive failures that open the circuit, and how long it stays open (defaults 3 and 30 s). */
  breaker?: { threshold: number; cooldownMs: number };
  /** What "the model is unsure" becomes: the flow's not-found path (default) or a handoff. */
  unsure?: 'not_found' | 'handoff';
}

/** The runtime's request (`callLog`, `inboundMessageId` and `onToken` are optional extras). */
export type KnowledgeAnswerRequest = KnowledgeRequest;

export interface SearchResult {
  revision: number;
  hits: { chunkId: number; documentId: string; locale: string; kind: string; title: string; url: string | null; question: string | null; text: string; score: number; confidence: number; lexical: number; semantic?: number }[];
}

interface CachedIndex {
  revision: number;
  index: KnowledgeIndex;
}

/** An `llm_calls` entry before the model name and purpose are added. */
type ModelLogEntry = Omit<Parameters<TurnLog['log']>[0], 'model' | 'purpose'>;
/** An intent name is a few tokens; the factory rounds this up to its smallest bucket. */
const INTENT_ANSWER_TOKENS = 16;
/** Indexes at least this large keep answering (one revision behind) while they are rebuilt. */
const STALE_OK_CHUNKS = 2000;

/**
 * Answers knowledge blocks: retrieval over the bot's stored knowledge (BM25, fused with embeddings when
 * configured), then either the best FAQ answer / passage (no model, or the model unavailable) or a grounded
 * LLM answer with masked personal data, injection checks, topic restriction, token budgets, a deadline and a
 * circuit breaker. Every model call (and every skipped one) is logged in `llm_calls`. Never throws.
 * The same model, budgets and breaker settle intents the classifier is unsure of (`chooseIntent`).
 */
export class KnowledgeService implements KnowledgeResolver, IntentAssistant {
  private readonly indexes = new Map<string, CachedIndex>();
  private readonly building = new Map<string, Promise<CachedIndex>>();
  private readonly backfills = new Map<string, Promise<void>>();
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly embeddingsBreaker: CircuitBreaker;
  private readonly clock: () => Date;
  private readonly timeoutMs: number;

  constructor(private readonly options: KnowledgeServiceOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.timeoutMs = options.timeoutMs ?? 8000;
    this.embeddingsBreaker = this.newBreaker();
  }

  asks(settings: BotSettings): boolean {
    return Boolean(this.options.chatModel) && settings.llm.enabled;
  }

  async answer(request: KnowledgeAnswerRequest): Promise<KnowledgeResult> {
    try {
      return await this.answerUnsafe(request);
    } catch (error) {
      this.options.logger.warn({ err: error, botId: request.botId, conversationId: request.conversationId }, 'knowledge answer failed; taking the not-found path');
      return NOT_ANSWERED;
    }
  }

  async chooseIntent(request: IntentChoiceRequest): Promise<NluResult> {
    const { local, nlu, settings } = request;
    if (!this.asks(settings)) return local;
    try {
      return await nlu.decideWithLlm(local, (choice) => this.askForIntent(request, choice));
    } catch (error) {
      this.options.logger.warn({ err: error, botId: request.botId, conversationId: request.conversationId }, 'intent choice failed; keeping the classifier result');
      return local;
    }
  }

  /** One model call choosing among the intents, with the customer's personal data masked; failures are `invalid`. */
  private async askForIntent(request: IntentChoiceRequest, choice: LlmChoiceRequest): Promise<LlmChoice> {
    const { settings } = request;
    const modelName = settings.llm.model ?? this.options.defaultModel ?? 'default';
    const ctx = new TurnLog(this, { ...request, blockId: request.blockId ?? 'intent' });
    const log = (entry: ModelLogEntry) => ctx.log({ model: modelName, purpose: 'intent', ...entry });
    if (detectInjection(choice.text).detected) {
      await log({ outcome: 'injection_blocked', detail: { where: 'customer_message' } });
      return { kind: 'invalid', reason: 'injection' };
    }
    const vault = new PiiVault();
    const messages = intentChoiceMessages({ ...choice, text: maskPii(choice.text, vault, request.locale) });
    const promptEstimate = estimateMessagesTokens(messages);
    if (promptEstimate + INTENT_ANSWER_TOKENS > settings.llm.maxTokensPerTurn) {
      await log({ outcome: 'budget', detail: { budget: 'turn', limit: settings.llm.maxTokensPerTurn, estimate: promptEstimate } });
      return { kind: 'invalid', reason: 'budget' };
    }
    const result = await this.callWithinLimits(log, { botId: request.botId, settings, modelName, unlogged: request.callLog }, { messages, promptEstimate, maxTokens: INTENT_ANSWER_TOKENS });
    if (!result) return { kind: 'invalid', reason: 'no model answer' };
    const parsed = parseChoice(result.text, choice.intents);
    await log({
      outcome: 'ok',
      promptTokens: result.promptTokens,
      completionTokens: result.completionTokens,
      latencyMs: result.latencyMs,
      detail: { result: parsed.kind, intent: parsed.kind === 'intent' ? parsed.name : undefined, classifier: choice.candidates[0], pii: vault.size ? vault.summary() : undefined },
    });
    return parsed;
  }

  /**
   * The bot's day budget, the model's circuit breaker and the call itself, shared by answers and intent choices.
   * Each refusal and failure is logged through `log`; the result is undefined then.
   */
  private async callWithinLimits(
    log: (entry: ModelLogEntry) => Promise<void>,
    limits: { botId: string; settings: BotSettings; modelName: string; unlogged?: readonly NewLlmCall[] },
    call: { messages: BaseMessage[]; promptEstimate: number; maxTokens: number; onToken?: (delta: string) => void; failureDetail?: Record<string, unknown> },
  ): Promise<ModelCallResult | undefined> {
    const { settings, modelName } = limits;
    // Calls of this turn wait in its call log until the turn commits; they count already.
    const unlogged = (limits.unlogged ?? []).reduce((sum, c) => sum + (c.promptTokens ?? 0) + (c.completionTokens ?? 0), 0);
    const usedToday = (await tokensUsedSince(this.options.db, limits.botId, startOfUtcDay(this.clock()))) + unlogged;
    if (usedToday + call.promptEstimate + call.maxTokens > settings.llm.maxTokensPerDay) {
      await log({ outcome: 'budget', detail: { budget: 'day', limit: settings.llm.maxTokensPerDay, used: usedToday } });
      return undefined;
    }
    const breaker = this.breakerFor(modelName);
    if (!breaker.allow()) {
      await log({ outcome: 'circuit_open', detail: {} });
      return undefined;
    }
    const factory = this.options.chatModel!;
    const model = factory instanceof BaseChatModel ? factory : factory({ model: settings.llm.model, maxTokens: call.maxTokens });
    try {
      const result = await callChatModel(model, call.messages, { timeoutMs: this.timeoutMs, onToken: call.onToken });
      breaker.success();
      return result;
    } catch (error) {
      breaker.failure();
      const e = error instanceof ModelCallError ? error : new ModelCallError('error', String(error), 0);
      await log({ outcome: e.kind, latencyMs: e.latencyMs, promptTokens: 0, detail: { error: e.message, status: e.status, breaker: breaker.state, ...call.failureDetail } });
      return undefined;
    }
  }

  /** Ranked chunks for a query (the admin debug endpoint; no model call). */
  async search(botId: string, query: string, options: { locale?: string; limit?: number } = {}): Promise<SearchResult> {
    const { index, revision } = await this.indexFor(botId);
    const queryEmbedding = index.hasEmbeddings ? await this.embedQuery(botId, query) : undefined;
    const hits = index.search(query, { locales: options.locale ? [options.locale] : undefined, limit: options.limit ?? 10, queryEmbedding });
    return {
      revision,
      hits: hits.map((h) => ({
        chunkId: h.chunk.id,
        documentId: h.chunk.documentId,
        locale: h.chunk.locale,
        kind: h.chunk.kind,
        title: h.chunk.title,
        url: h.chunk.url ?? null,
        question: h.chunk.question ?? null,
        text: h.chunk.text,
        score: round(h.score),
        confidence: round(h.confidence),
        lexical: round(h.lexical),
        ...(h.semantic !== undefined ? { semantic: round(h.semantic) } : {}),
      })),
    };
  }

  async ingest(botId: string, input: KnowledgeInput): Promise<IngestedDocument[]> {
    return this.options.db.transaction((tx) => ingestKnowledge(tx, botId, input, this.clock()));
  }

  async delete(botId: string, documentId: string): Promise<boolean> {
    return deleteKnowledgeDocument(this.options.db, botId, documentId);
  }

  /** Computes missing chunk embeddings now (normally started in the background after an index build). */
  async backfillEmbeddings(botId: string): Promise<void> {
    const { index } = await this.indexFor(botId);
    await this.backfill(botId, index);
  }

  private async settingsOf(botId: string): Promise<BotSettings | undefined> {
    const bot = await findBot(this.options.db, botId);
    return bot ? readBotSettings(bot.settings) : undefined;
  }

  private async answerUnsafe(request: KnowledgeAnswerRequest): Promise<KnowledgeResult> {
    const query = request.query.trim();
    if (!query) return NOT_ANSWERED;
    const settings = request.settings ?? (await this.settingsOf(request.botId));
    if (!settings) return NOT_ANSWERED;
    const { index } = await this.indexFor(request.botId, { allowStale: true });
    if (!index.size) return NOT_ANSWERED;

    const vault = new PiiVault();
    const maskedQuery = maskPii(query, vault, request.locale);
    const threshold = this.options.answerThreshold ?? 0.4;
    const ctx = new TurnLog(this, request);
    const queryEmbedding = index.hasEmbeddings ? await this.embedQuery(request.botId, maskedQuery, ctx) : undefined;
    const hits = index.search(maskedQuery, { locales: [request.locale], limit: 8, queryEmbedding });
    const direct = directAnswer(hits, threshold);
    const fallback = (): KnowledgeResult => (direct ? { answered: true, text: direct.text, sources: direct.sources } : NOT_ANSWERED);

    const factory = this.options.chatModel;
    if (!factory || !settings.llm.enabled) return fallback();
    const modelName = settings.llm.model ?? this.options.defaultModel ?? 'default';

    const injection = detectInjection(query);
    if (injection.detected) {
      await ctx.log({ model: modelName, outcome: 'injection_blocked', detail: { where: 'customer_message', lang: injection.lang, answeredFromRetrieval: Boolean(direct) } });
      return fallback();
    }

    let passageHits = hits.filter((h) => h.confidence >= (this.options.passageThreshold ?? 0.2));
    if (!passageHits.length) {
      // Nothing in the customer's language: knowledge in another language still grounds an answer in theirs.
      passageHits = index.search(maskedQuery, { limit: 8, queryEmbedding }).filter((h) => h.confidence >= (this.options.passageThreshold ?? 0.2));
    }
    const best = passageHits[0]?.confidence ?? 0;
    if (!isOnTopic(query, settings.llm.topics, best, request.locale)) {
      await ctx.log({ model: modelName, outcome: 'off_topic', detail: { relevance: round(best) } });
      return NOT_ANSWERED;
    }
    const { passages, blocked } = this.passagesFor(passageHits);
    if (blocked) this.options.logger.warn({ botId: request.botId, chunks: blocked }, 'knowledge passages with instructions were kept out of the prompt');
    if (!passages.length) return fallback();

    const messageId = await ctx.messageId();
    const transcript = await recentTranscript(this.options.db, request.conversationId, { limit: this.options.historyTurns ?? 6, excludeId: messageId });
    const history = promptHistory(
      transcript.map((m) => ({ role: m.direction === 'in' ? ('customer' as const) : ('assistant' as const), text: m.text })),
      vault,
      request.locale,
      this.options.historyTurns ?? 6,
    );
    const vars = promptVariables(request.memory.vars, vault, request.locale);
    const canary = `CANARY-${randomBytes(6).toString('hex')}`;
    const build = (p: PromptPassage[], h: typeof history) =>
      buildAnswerMessages({ brand: settings.brandVoice, locale: request.locale, topics: settings.llm.topics, passages: p, history: h, vars, question: maskedQuery, canary });

    // Per-turn budget: shrink the prompt (history, then passages) until prompt + answer fit.
    const turnBudget = settings.llm.maxTokensPerTurn;
    const wanted = this.options.maxCompletionTokens ?? 400;
    const minAnswer = Math.min(64, wanted);
    let usedPassages = passages;
    let usedHistory = history;
    let messages = await build(usedPassages, usedHistory);
    let promptEstimate = estimateMessagesTokens(messages);
    while (promptEstimate + minAnswer > turnBudget && (usedHistory.length || usedPassages.length > 1)) {
      if (usedHistory.length) usedHistory = usedHistory.slice(2);
      else usedPassages = usedPassages.slice(0, -1);
      messages = await build(usedPassages, usedHistory);
      promptEstimate = estimateMessagesTokens(messages);
    }
    const maxTokens = Math.min(wanted, turnBudget - promptEstimate);
    if (maxTokens < minAnswer) {
      await ctx.log({ model: modelName, outcome: 'budget', detail: { budget: 'turn', limit: turnBudget, estimate: promptEstimate } });
      return fallback();
    }
    const stream = request.onToken ? new AnswerStreamFilter(request.onToken, (t) => restorePii(t, vault)) : undefined;
    const log = (entry: ModelLogEntry) => ctx.log({ model: modelName, ...entry });
    const result = await this.callWithinLimits(log, { botId: request.botId, settings, modelName, unlogged: request.callLog }, {
      messages,
      promptEstimate,
      maxTokens,
      onToken: stream && ((t) => stream.push(t)),
      failureDetail: { answeredFromRetrieval: Boolean(direct) },
    });
    if (!result) return fallback();
    stream?.end();

    const ids = usedPassages.map((p) => p.id);
    const parsed = parseModelAnswer(result.text, ids);
    const base = { model: modelName, promptTokens: result.promptTokens, completionTokens: result.completionTokens, latencyMs: result.latencyMs };
    if (result.text.includes(canary)) {
      await ctx.log({ ...base, outcome: 'injection_blocked', detail: { where: 'model_output', reason: 'leaked instructions' } });
      return fallback();
    }
    const grounded = parsed.kind !== 'answer' || parsed.sourceIds.length > 0;
    await ctx.log({
      ...base,
      outcome: 'ok',
      detail: { result: grounded ? parsed.kind : 'ungrounded', sources: parsed.sourceIds, unknownSources: parsed.unknownIds.length || undefined, passages: ids.length, history: usedHistory.length, streamed: Boolean(stream), usageReported: result.usageReported, pii: vault.size ? vault.summary() : undefined },
    });
    if (parsed.kind === 'handoff') return { answered: false, handoff: true };
    if (parsed.kind === 'unsure') return this.options.unsure === 'handoff' ? { answered: false, handoff: true } : NOT_ANSWERED;
    if (!grounded) return fallback();
    const cited = parsed.sourceIds.map((id) => usedPassages.find((p) => p.id === id)!).filter(Boolean);
    const sources = dedupeSources(cited.map((p) => ({ title: p.title, ...(p.url ? { url: p.url } : {}) })));
    return { answered: true, text: restorePii(parsed.text, vault), sources };
  }

  private passagesFor(hits: RetrievalHit[]): { passages: PromptPassage[]; blocked: number } {
    const passages: PromptPassage[] = [];
    let blocked = 0;
    for (const hit of hits) {
      if (passages.length >= (this.options.maxPassages ?? 4)) break;
      const text = hit.chunk.question ? `Q: ${hit.chunk.question.split('\n')[0]}\nA: ${hit.chunk.text}` : hit.chunk.text;
      if (detectInjection(text).detected) {
        blocked += 1;
        continue;
      }
      passages.push({ id: `S${passages.length + 1}`, title: hit.chunk.title, url: hit.chunk.url, text });
    }
    return { passages, blocked };
  }

  /**
   * The bot's index, rebuilt when its stored revision changed (any instance may have ingested). With
   * `allowStale`, a large index (slow to rebuild) keeps answering while its successor is built in the background.
   */
  private async indexFor(botId: string, options: { allowStale?: boolean } = {}): Promise<CachedIndex> {
    const revision = await knowledgeRevision(this.options.db, botId);
    const cached = this.indexes.get(botId);
    if (cached && cached.revision === revision) return cached;
    if (cached && options.allowStale && cached.index.size >= STALE_OK_CHUNKS) {
      // In the background on purpose: the turn does not wait for it.
      void this.build(botId, revision).catch((error) => this.options.logger.warn({ err: error, botId }, 'knowledge index rebuild failed'));
      return cached;
    }
    return this.build(botId, revision);
  }

  private build(botId: string, revision: number): Promise<CachedIndex> {
    const key = `${botId}\u0000${revision}`;
    let pending = this.building.get(key);
    if (!pending) {
      pending = (async () => {
        const started = performance.now();
        const rows = await loadKnowledgeChunks(this.options.db, botId);
        const index = KnowledgeIndex.build(rows, revision);
        const built = { revision, index };
        const current = this.indexes.get(botId);
        if (!current || current.revision <= revision) this.indexes.set(botId, built);
        this.options.logger.debug({ botId, revision, chunks: rows.length, ms: Math.round(performance.now() - started) }, 'knowledge index built');
        if (this.options.embeddings && index.missingEmbeddings().length) {
          void this.backfill(botId, index).catch((error) => this.options.logger.warn({ err: error, botId }, 'embedding backfill failed'));
        }
        return built;
      })().finally(() => this.building.delete(key));
      this.building.set(key, pending);
    }
    return pending;
  }

  /** Embeds chunks that lack an embedding, stores them (outside any turn) and adds them to the index. */
  private backfill(botId: string, index: KnowledgeIndex): Promise<void> {
    const embeddings = this.options.embeddings;
    if (!embeddings) return Promise.resolve();
    const key = `${botId}\u0000${index.revision}`;
    let running = this.backfills.get(key);
    if (!running) {
      running = (async () => {
        const model = this.options.embeddingsModel ?? 'embeddings';
        const missing = index.missingEmbeddings();
        for (let i = 0; i < missing.length; i += 64) {
          const batch = missing.slice(i, i + 64);
          const vectors = await embeddings.embedDocuments(batch.map((c) => `${c.title}\n${c.question ?? ''}\n${c.text}`.trim()));
          const items = batch.map((c, j) => ({ id: c.id, embedding: vectors[j] })).filter((it) => Array.isArray(it.embedding) && it.embedding.length);
          await saveChunkEmbeddings(this.options.db, model, items);
          index.setEmbeddings(new Map(items.map((it) => [it.id, it.embedding])));
        }
      })().finally(() => this.backfills.delete(key));
      this.backfills.set(key, running);
    }
    return running;
  }

  private async embedQuery(botId: string, text: string, ctx?: TurnLog): Promise<number[] | undefined> {
    const embeddings = this.options.embeddings;
    if (!embeddings || !this.embeddingsBreaker.allow()) return undefined;
    const started = performance.now();
    const model = this.options.embeddingsModel ?? 'embeddings';
    let timer: NodeJS.Timeout | undefined;
    try {
      const vector = await Promise.race([
        embeddings.embedQuery(text),
        new Promise<never>((_r, reject) => (timer = setTimeout(() => reject(new ModelCallError('timeout', 'embeddings timed out', performance.now() - started)), Math.min(this.timeoutMs, 3000)))),
      ]);
      this.embeddingsBreaker.success();
      return vector;
    } catch (error) {
      this.embeddingsBreaker.failure();
      const kind = error instanceof ModelCallError ? error.kind : 'error';
      if (ctx) await ctx.log({ model, purpose: 'embedding', outcome: kind, latencyMs: performance.now() - started, promptTokens: estimateTokens(text), detail: { error: error instanceof Error ? error.name : 'error' } });
      else this.options.logger.warn({ botId, err: error }, 'query embedding failed');
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  private breakerFor(model: string): CircuitBreaker {
    let breaker = this.breakers.get(model);
    if (!breaker) this.breakers.set(model, (breaker = this.newBreaker()));
    return breaker;
  }

  private newBreaker(): CircuitBreaker {
    const { threshold, cooldownMs } = this.options.breaker ?? { threshold: 3, cooldownMs: 30000 };
    return new CircuitBreaker({ threshold, cooldownMs, now: () => this.clock().getTime() });
  }

  /** @internal used by TurnLog */
  get db(): Database {
    return this.options.db;
  }

  /** @internal */
  get logger(): Logger {
    return this.options.logger;
  }
}

/** Writes `llm_calls` rows of one turn, or hands them to the turn's call log (see `KnowledgeRequest.callLog`). */
class TurnLog {
  private inbound: Promise<number | undefined> | undefined;

  constructor(
    private readonly service: KnowledgeService,
    private readonly request: Pick<KnowledgeAnswerRequest, 'botId' | 'conversationId' | 'blockId' | 'locale' | 'inboundMessageId' | 'callLog'>,
  ) {}

  messageId(): Promise<number | undefined> {
    if (this.request.inboundMessageId !== undefined) return Promise.resolve(this.request.inboundMessageId);
    return (this.inbound ??= latestInboundMessageId(this.service.db, this.request.conversationId).catch(() => undefined));
  }

  /** Inserts the `llm_calls` row, or hands it to the request's `callLog` (the runtime writes it with its turn). */
  async log(entry: { model: string; outcome: LlmCallOutcome; purpose?: string; promptTokens?: number; completionTokens?: number; latencyMs?: number; detail: Record<string, unknown> }): Promise<void> {
    const row = { botId: this.request.botId, ...entry, detail: { ...stripUndefined(entry.detail), blockId: this.request.blockId, locale: this.request.locale } };
    if (this.request.callLog) this.request.callLog.push(row);
    else {
      try {
        const linked = isUuid(this.request.conversationId);
        await insertLlmCall(this.service.db, { ...row, conversationId: linked ? this.request.conversationId : null, messageId: linked ? await this.messageId() : null });
      } catch (error) {
        this.service.logger.warn({ err: error, botId: this.request.botId }, 'could not log the LLM call');
      }
    }
    this.service.logger.info(
      { botId: this.request.botId, conversationId: this.request.conversationId, model: entry.model, outcome: entry.outcome, promptTokens: entry.promptTokens, completionTokens: entry.completionTokens, latencyMs: entry.latencyMs && Math.round(entry.latencyMs) },
      'llm call',
    );
  }
}

/** Builds the resolver the composition root hands to the bot runtime. */
export function createKnowledgeResolver(options: KnowledgeServiceOptions): KnowledgeService {
  return new KnowledgeService(options);
}

function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

function dedupeSources(sources: { title: string; url?: string }[]): { title: string; url?: string }[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const key = s.url ?? s.title;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function stripUndefined(detail: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(detail).filter(([, v]) => v !== undefined));
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
