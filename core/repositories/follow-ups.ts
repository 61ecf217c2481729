import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { followUps } from '../db/schema/index';

export type FollowUpRow = typeof followUps.$inferSelect;

export async function scheduleFollowUp(
  db: Executor,
  input: { conversationId: string; key: string; blockId: string; dueAt: Date; cancelOn: string[] },
): Promise<void> {
  await db.insert(followUps).values(input).onConflictDoNothing();
}

export async function cancelFollowUps(db: Executor, conversationId: string, keys: string[]): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await db
    .update(followUps)
    .set({ status: 'cancelled' })
    .where(and(eq(followUps.conversationId, conversationId), inArray(followUps.key, keys), eq(followUps.status, 'scheduled')))
    .returning({ id: followUps.id });
  return rows.length;
}

export async function markFollowUp(db: Executor, id: string, status: 'sent' | 'cancelled'): Promise<void> {
  await db.update(followUps).set({ status }).where(eq(followUps.id, id));
}

export async function listFollowUps(db: Executor, conversationId: string): Promise<FollowUpRow[]> {
  return db.select().from(followUps).where(eq(followUps.conversationId, conversationId)).orderBy(asc(followUps.dueAt));
}

export async function countScheduledFollowUps(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(followUps).where(eq(followUps.status, 'scheduled'));
  return row.n;
}

/** Takes a due follow-up for sending; false when it was cancelled or taken by another worker meanwhile. */
export async function claimFollowUp(db: Executor, id: string): Promise<boolean> {
  const rows = await db
    .update(followUps)
    .set({ status: 'sent' })
    .where(and(eq(followUps.id, id), eq(followUps.status, 'scheduled')))
    .returning({ id: followUps.id });
  return rows.length > 0;
}

export async function findDueFollowUps(db: Executor, now: Date, limit: number): Promise<FollowUpRow[]> {
  return db
    .select()
    .from(followUps)
    .where(and(eq(followUps.status, 'scheduled'), lte(followUps.dueAt, now)))
    .orderBy(asc(followUps.dueAt))
    .limit(limit);
}
