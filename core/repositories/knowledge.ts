import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { knowledgeChunks, knowledgeDocuments, knowledgeRevisions, type KnowledgeFormat, type KnowledgeKind } from '../db/schema/index';

export type KnowledgeDocumentRow = typeof knowledgeDocuments.$inferSelect;
export type KnowledgeChunkRow = typeof knowledgeChunks.$inferSelect;

export interface NewKnowledgeDocument {
  botId: string;
  locale: string;
  kind: KnowledgeKind;
  externalKey?: string | null;
  title: string;
  sourceUrl?: string | null;
  format: KnowledgeFormat;
  content: string;
  contentHash: string;
}

export interface NewKnowledgeChunk {
  ordinal: number;
  question?: string | null;
  text: string;
  normalized: string;
}

/** A chunk with what retrieval needs from its document. */
export interface StoredChunk {
  id: number;
  documentId: string;
  locale: string;
  kind: KnowledgeKind;
  title: string;
  url: string | null;
  question: string | null;
  text: string;
  normalized: string;
  embedding: number[] | null;
  embeddingModel: string | null;
}

/**
 * Stores a document and replaces its chunks. With an `externalKey` the document is updated in place, and an
 * unchanged content hash is a no-op (`changed: false`). Run it in a transaction; bumps the bot's revision.
 */
export async function upsertKnowledgeDocument(
  db: Executor,
  doc: NewKnowledgeDocument,
  chunks: NewKnowledgeChunk[],
  now = new Date(),
): Promise<{ document: KnowledgeDocumentRow; changed: boolean }> {
  let existing: KnowledgeDocumentRow | undefined;
  if (doc.externalKey) {
    [existing] = await db
      .select()
      .from(knowledgeDocuments)
      .where(and(eq(knowledgeDocuments.botId, doc.botId), eq(knowledgeDocuments.externalKey, doc.externalKey)))
      .limit(1);
    if (existing && existing.contentHash === doc.contentHash) return { document: existing, changed: false };
  }
  let document: KnowledgeDocumentRow;
  if (existing) {
    [document] = await db
      .update(knowledgeDocuments)
      .set({ ...doc, externalKey: doc.externalKey ?? null, sourceUrl: doc.sourceUrl ?? null, updatedAt: now })
      .where(eq(knowledgeDocuments.id, existing.id))
      .returning();
    await db.delete(knowledgeChunks).where(eq(knowledgeChunks.documentId, existing.id));
  } else {
    [document] = await db
      .insert(knowledgeDocuments)
      .values({ ...doc, externalKey: doc.externalKey ?? null, sourceUrl: doc.sourceUrl ?? null, createdAt: now, updatedAt: now })
      .returning();
  }
  if (chunks.length) {
    await db.insert(knowledgeChunks).values(
      chunks.map((c) => ({ documentId: document.id, botId: doc.botId, locale: doc.locale, ordinal: c.ordinal, question: c.question ?? null, text: c.text, normalized: c.normalized })),
    );
  }
  await bumpKnowledgeRevision(db, doc.botId, now);
  return { document, changed: true };
}

export async function deleteKnowledgeDocument(db: Executor, botId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(knowledgeDocuments)
    .where(and(eq(knowledgeDocuments.botId, botId), eq(knowledgeDocuments.id, id)))
    .returning({ id: knowledgeDocuments.id });
  if (deleted.length) await bumpKnowledgeRevision(db, botId);
  return deleted.length > 0;
}

/** Deletes documents with an external key under `prefix` that are not in `keep` (seed files that lost an entry). */
export async function deleteKnowledgeByKeyPrefix(db: Executor, botId: string, prefix: string, keep: string[]): Promise<number> {
  const rows = await db
    .select({ id: knowledgeDocuments.id, key: knowledgeDocuments.externalKey })
    .from(knowledgeDocuments)
    .where(and(eq(knowledgeDocuments.botId, botId), sql`${knowledgeDocuments.externalKey} like ${`${prefix}%`}`));
  const kept = new Set(keep);
  const stale = rows.filter((r) => r.key && !kept.has(r.key)).map((r) => r.id);
  if (!stale.length) return 0;
  await db.delete(knowledgeDocuments).where(inArray(knowledgeDocuments.id, stale));
  await bumpKnowledgeRevision(db, botId);
  return stale.length;
}

export async function listKnowledgeDocuments(
  db: Executor,
  botId: string,
  options: { locale?: string; kind?: KnowledgeKind; limit?: number; offset?: number } = {},
): Promise<(KnowledgeDocumentRow & { chunks: number })[]> {
  const filters = [eq(knowledgeDocuments.botId, botId)];
  if (options.locale) filters.push(eq(knowledgeDocuments.locale, options.locale));
  if (options.kind) filters.push(eq(knowledgeDocuments.kind, options.kind));
  const rows = await db
    .select({ document: knowledgeDocuments, chunks: count(knowledgeChunks.id) })
    .from(knowledgeDocuments)
    .leftJoin(knowledgeChunks, eq(knowledgeChunks.documentId, knowledgeDocuments.id))
    .where(and(...filters))
    .groupBy(knowledgeDocuments.id)
    .orderBy(asc(knowledgeDocuments.locale), asc(knowledgeDocuments.kind), desc(knowledgeDocuments.updatedAt), asc(knowledgeDocuments.id))
    .limit(options.limit ?? 500)
    .offset(options.offset ?? 0);
  return rows.map((r) => ({ ...r.document, chunks: Number(r.chunks) }));
}

export async function findKnowledgeDocument(db: Executor, botId: string, id: string): Promise<KnowledgeDocumentRow | undefined> {
  const [row] = await db.select().from(knowledgeDocuments).where(and(eq(knowledgeDocuments.botId, botId), eq(knowledgeDocuments.id, id))).limit(1);
  return row;
}

/** The bot's knowledge revision; 0 when it never had knowledge. One primary-key lookup, cheap enough per turn. */
export async function knowledgeRevision(db: Executor, botId: string): Promise<number> {
  const [row] = await db.select({ revision: knowledgeRevisions.revision }).from(knowledgeRevisions).where(eq(knowledgeRevisions.botId, botId)).limit(1);
  return row ? Number(row.revision) : 0;
}

export async function bumpKnowledgeRevision(db: Executor, botId: string, now = new Date()): Promise<number> {
  const [row] = await db
    .insert(knowledgeRevisions)
    .values({ botId, revision: 1, updatedAt: now })
    .onConflictDoUpdate({ target: knowledgeRevisions.botId, set: { revision: sql`${knowledgeRevisions.revision} + 1`, updatedAt: now } })
    .returning({ revision: knowledgeRevisions.revision });
  return Number(row.revision);
}

/** Every chunk of a bot with its document's kind, title and URL, in a stable order. */
export async function loadKnowledgeChunks(db: Executor, botId: string): Promise<StoredChunk[]> {
  const rows = await db
    .select({
      id: knowledgeChunks.id,
      documentId: knowledgeChunks.documentId,
      locale: knowledgeChunks.locale,
      kind: knowledgeDocuments.kind,
      title: knowledgeDocuments.title,
      url: knowledgeDocuments.sourceUrl,
      question: knowledgeChunks.question,
      text: knowledgeChunks.text,
      normalized: knowledgeChunks.normalized,
      embedding: knowledgeChunks.embedding,
      embeddingModel: knowledgeChunks.embeddingModel,
    })
    .from(knowledgeChunks)
    .innerJoin(knowledgeDocuments, eq(knowledgeDocuments.id, knowledgeChunks.documentId))
    .where(eq(knowledgeChunks.botId, botId))
    .orderBy(asc(knowledgeChunks.id));
  return rows;
}

/** Stores embeddings computed after ingestion (does not bump the revision: the text did not change). */
export async function saveChunkEmbeddings(db: Executor, model: string, items: { id: number; embedding: number[] }[]): Promise<void> {
  for (const item of items) {
    await db.update(knowledgeChunks).set({ embedding: item.embedding, embeddingModel: model }).where(eq(knowledgeChunks.id, item.id));
  }
}
