import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { conversationEvents } from '../db/schema/index';

export type ConversationEventRow = typeof conversationEvents.$inferSelect;

export async function recordConversationEvent(
  db: Executor,
  input: { conversationId: string; type: string; actorType: string; actorId?: string | null; data?: Record<string, unknown> },
): Promise<ConversationEventRow> {
  const [row] = await db.insert(conversationEvents).values({ ...input, data: input.data ?? {} }).returning();
  return row;
}

export async function listConversationEvents(db: Executor, conversationId: string): Promise<ConversationEventRow[]> {
  return db.select().from(conversationEvents).where(eq(conversationEvents.conversationId, conversationId)).orderBy(asc(conversationEvents.id));
}
