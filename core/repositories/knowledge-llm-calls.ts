import { and, asc, desc, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { llmCalls, messages, type LlmCallOutcome } from '../db/schema/index';

export type LlmCallRow = typeof llmCalls.$inferSelect;

export interface NewLlmCall {
  botId: string;
  conversationId?: string | null;
  messageId?: number | null;
  purpose?: string;
  model: string;
  promptTokens?: number;
  completionTokens?: number;
  latencyMs?: number;
  outcome: LlmCallOutcome;
  detail?: Record<string, unknown>;
  createdAt?: Date;
}

const llmCallValues = (call: NewLlmCall) => ({
  ...call,
  conversationId: call.conversationId ?? null,
  messageId: call.messageId ?? null,
  latencyMs: Math.max(0, Math.round(call.latencyMs ?? 0)),
  ...(call.createdAt ? { createdAt: call.createdAt } : {}),
});

export async function insertLlmCall(db: Executor, call: NewLlmCall): Promise<LlmCallRow> {
  const [row] = await db.insert(llmCalls).values(llmCallValues(call)).returning();
  return row;
}

/** Several calls in one statement (a turn's calls, written when it commits). */
export async function insertLlmCalls(db: Executor, calls: NewLlmCall[]): Promise<void> {
  if (calls.length) await db.insert(llmCalls).values(calls.map(llmCallValues));
}

/** Prompt plus completion tokens a bot used since `since` (the daily budget). */
export async function tokensUsedSince(db: Executor, botId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${llmCalls.promptTokens} + ${llmCalls.completionTokens}), 0)` })
    .from(llmCalls)
    .where(and(eq(llmCalls.botId, botId), gte(llmCalls.createdAt, since)));
  return Number(row?.total ?? 0);
}

/** The per-turn log of a conversation, oldest first. */
export async function listLlmCalls(db: Executor, conversationId: string, limit = 500): Promise<LlmCallRow[]> {
  return db.select().from(llmCalls).where(eq(llmCalls.conversationId, conversationId)).orderBy(asc(llmCalls.id)).limit(limit);
}

/** The newest customer message of a conversation (the turn being answered, when read inside its transaction). */
export async function latestInboundMessageId(db: Executor, conversationId: string): Promise<number | undefined> {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, 'in')))
    .orderBy(desc(messages.id))
    .limit(1);
  return row?.id;
}

/** The last `limit` text messages of a conversation before `beforeId` (excluded), oldest first, for LLM memory. */
export async function recentTranscript(
  db: Executor,
  conversationId: string,
  options: { limit: number; excludeId?: number },
): Promise<{ id: number; direction: 'in' | 'out'; sender: string; text: string }[]> {
  const filters = [eq(messages.conversationId, conversationId), inArray(messages.sender, ['contact', 'bot', 'agent'])];
  if (options.excludeId !== undefined) filters.push(ne(messages.id, options.excludeId));
  const rows = await db
    .select({ id: messages.id, direction: messages.direction, sender: messages.sender, text: messages.text })
    .from(messages)
    .where(and(...filters, ne(messages.text, '')))
    .orderBy(desc(messages.id))
    .limit(options.limit);
  return rows.reverse();
}
