import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bots } from './core';

export const knowledgeKinds = ['faq', 'page', 'catalog'] as const;
export type KnowledgeKind = (typeof knowledgeKinds)[number];
export const knowledgeFormats = ['markdown', 'html', 'text'] as const;
export type KnowledgeFormat = (typeof knowledgeFormats)[number];

/** What a marketer uploaded or pasted: one FAQ pair, one page, or one catalog entry, per bot and locale. */
export const knowledgeDocuments = pgTable('knowledge_documents', {
  id: uuid('id').primaryKey().defaultRandom(),
  botId: text('bot_id').notNull().references(() => bots.id, { onDelete: 'cascade' }),
  locale: text('locale').notNull(),
  kind: text('kind', { enum: knowledgeKinds }).notNull(),
  /** Stable key for idempotent upserts (seed files, re-uploads); null for ad-hoc documents. */
  externalKey: text('external_key'),
  /** The FAQ question, or the page / product title. */
  title: text('title').notNull(),
  sourceUrl: text('source_url'),
  format: text('format', { enum: knowledgeFormats }).notNull().default('text'),
  /** As uploaded (the FAQ answer for `faq`). */
  content: text('content').notNull(),
  /** sha256 of locale, kind, title, url and content: an unchanged upsert is a no-op. */
  contentHash: text('content_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('knowledge_documents_bot_idx').on(t.botId, t.locale),
  uniqueIndex('knowledge_documents_key_unique').on(t.botId, t.externalKey).where(sql`${t.externalKey} is not null`),
]);

/** Retrieval units. The in-memory index of a bot is rebuilt from these when its revision changes. */
export const knowledgeChunks = pgTable('knowledge_chunks', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  documentId: uuid('document_id').notNull().references(() => knowledgeDocuments.id, { onDelete: 'cascade' }),
  botId: text('bot_id').notNull(),
  locale: text('locale').notNull(),
  ordinal: integer('ordinal').notNull(),
  /** FAQ question (matched as well as the text). */
  question: text('question'),
  text: text('text').notNull(),
  /** `normalizeText(question + text, locale)`, so index builds skip normalisation. */
  normalized: text('normalized').notNull(),
  /** Set when an embeddings model is configured; computed lazily by the resolver. */
  embedding: real('embedding').array(),
  embeddingModel: text('embedding_model'),
}, (t) => [index('knowledge_chunks_bot_idx').on(t.botId), index('knowledge_chunks_document_idx').on(t.documentId)]);

/** Bumped on every change of a bot's knowledge, so every server instance knows to rebuild its index. */
export const knowledgeRevisions = pgTable('knowledge_revisions', {
  botId: text('bot_id').primaryKey().references(() => bots.id, { onDelete: 'cascade' }),
  revision: bigint('revision', { mode: 'number' }).notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const llmCallOutcomes = ['ok', 'timeout', 'error', 'budget', 'circuit_open', 'injection_blocked', 'off_topic'] as const;
export type LlmCallOutcome = (typeof llmCallOutcomes)[number];

/** One row per model call (or skipped call), without prompt text or personal data; sums give the daily budget. */
export const llmCalls = pgTable('llm_calls', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  botId: text('bot_id').notNull(),
  conversationId: uuid('conversation_id'),
  /** The inbound message of the turn. */
  messageId: bigint('message_id', { mode: 'number' }),
  purpose: text('purpose').notNull().default('answer'),
  model: text('model').notNull(),
  promptTokens: integer('prompt_tokens').notNull().default(0),
  completionTokens: integer('completion_tokens').notNull().default(0),
  latencyMs: integer('latency_ms').notNull().default(0),
  outcome: text('outcome', { enum: llmCallOutcomes }).notNull(),
  /** Source ids, error class / HTTP status, answer kind; never prompt or answer text. */
  detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('llm_calls_bot_day_idx').on(t.botId, t.createdAt), index('llm_calls_conversation_idx').on(t.conversationId, t.id)]);
