import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Executor } from '../../core/db/client';
import { knowledgeFormats, type KnowledgeFormat, type KnowledgeKind } from '../../core/db/schema/index';
import { upsertKnowledgeDocument, type NewKnowledgeChunk } from '../../core/repositories/knowledge';
import { chunkCatalogEntry, chunkFaq, chunkPage, normalizeForIndex, type ChunkDraft } from '../../flows/knowledge/index';

const Locale = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'must be a language code like en or pt-BR');
const Url = z.string().url().max(2000).refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');
const Key = z.string().min(1).max(200);

export const FaqItem = z.object({
  question: z.string().trim().min(1).max(1000),
  answer: z.string().trim().min(1).max(10000),
  /** Other phrasings of the question (matched, never shown). */
  also: z.array(z.string().trim().min(1).max(1000)).max(20).optional(),
  url: Url.optional(),
  key: Key.optional(),
});
export type FaqItem = z.infer<typeof FaqItem>;

export const FaqListInput = z.object({ kind: z.literal('faq'), locale: Locale, items: z.array(FaqItem).min(1).max(1000) });
export const DocumentInput = z.object({
  kind: z.enum(['faq', 'page', 'catalog']),
  locale: Locale,
  title: z.string().trim().min(1).max(500),
  url: Url.optional(),
  content: z.string().min(1).max(2_000_000),
  format: z.enum(knowledgeFormats).optional(),
  key: Key.optional(),
});

/** What the admin API accepts: a list of FAQ pairs, or one page / FAQ pair / catalog entry. */
export const KnowledgeInput = z.union([FaqListInput, DocumentInput]);

/** The schema that fits a body (for error messages that name the missing field instead of "invalid input"). */
export function knowledgeInputSchema(body: unknown): z.ZodType<KnowledgeInput> {
  return body && typeof body === 'object' && 'items' in body ? FaqListInput : DocumentInput;
}
export type KnowledgeInput = z.infer<typeof KnowledgeInput>;

export interface IngestedDocument {
  id: string;
  title: string;
  kind: KnowledgeKind;
  locale: string;
  chunks: number;
  changed: boolean;
}

interface DocumentDraft {
  kind: KnowledgeKind;
  locale: string;
  title: string;
  url?: string;
  content: string;
  format: KnowledgeFormat;
  key?: string;
  chunks: ChunkDraft[];
}

/** Splits the input into documents and chunks (pure). */
export function draftDocuments(input: KnowledgeInput): DocumentDraft[] {
  if ('items' in input) {
    return input.items.map((item) => ({
      kind: 'faq' as const,
      locale: input.locale,
      title: item.question,
      url: item.url,
      content: item.answer,
      format: 'markdown' as const,
      key: item.key,
      chunks: chunkFaq([item.question, ...(item.also ?? [])].join('\n'), item.answer),
    }));
  }
  const format = input.format ?? (/^\s*</.test(input.content) ? 'html' : 'text');
  const chunks =
    input.kind === 'faq' ? chunkFaq(input.title, input.content) : input.kind === 'catalog' ? chunkCatalogEntry(input.title, input.content, format) : chunkPage(input.content, format);
  return [{ kind: input.kind, locale: input.locale, title: input.title, url: input.url, content: input.content, format, key: input.key, chunks }];
}

/**
 * Stores knowledge for a bot: one document per FAQ pair / page / catalog entry, its chunks with their
 * normalised text, and a new knowledge revision. Documents with a `key` are upserted (unchanged ones are skipped).
 * Call inside a transaction.
 */
export async function ingestKnowledge(db: Executor, botId: string, input: KnowledgeInput, now = new Date()): Promise<IngestedDocument[]> {
  const out: IngestedDocument[] = [];
  for (const draft of draftDocuments(input)) {
    const chunks: NewKnowledgeChunk[] = draft.chunks.map((c) => ({
      ordinal: c.ordinal,
      question: c.question ?? null,
      text: c.text,
      normalized: normalizeForIndex(`${c.question ?? ''} ${draft.title} ${c.text}`, draft.locale),
    }));
    const hash = createHash('sha256')
      .update(JSON.stringify([draft.locale, draft.kind, draft.title, draft.url ?? '', draft.format, draft.content, draft.chunks]))
      .digest('hex');
    const { document, changed } = await upsertKnowledgeDocument(
      db,
      { botId, locale: draft.locale, kind: draft.kind, externalKey: draft.key ?? null, title: draft.title, sourceUrl: draft.url ?? null, format: draft.format, content: draft.content, contentHash: hash },
      chunks,
      now,
    );
    out.push({ id: document.id, title: document.title, kind: document.kind, locale: document.locale, chunks: chunks.length, changed });
  }
  return out;
}
