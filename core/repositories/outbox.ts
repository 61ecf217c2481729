import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { outbox } from '../db/schema/index';

export type OutboxRow = typeof outbox.$inferSelect;
export interface OutboxEvent {
  topic: string;
  botId: string;
  aggregateId: string;
  /** Deterministic per record and version: the same change always gets the same key. */
  idempotencyKey: string;
  payload: Record<string, unknown>;
  availableAt?: Date;
}

/** Writes events in the caller's transaction; an event whose key is already there is skipped. */
export async function appendOutbox(db: Executor, events: OutboxEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.insert(outbox).values(events).onConflictDoNothing({ target: outbox.idempotencyKey });
}

/** Rows not yet relayed, oldest first; `for update skip locked` lets several relays share the work. */
export async function claimPendingOutbox(db: Executor, limit: number, now = new Date()): Promise<OutboxRow[]> {
  return db
    .select()
    .from(outbox)
    .where(and(isNull(outbox.relayedAt), lte(outbox.availableAt, now)))
    .orderBy(asc(outbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markOutboxRelayed(db: Executor, ids: number[], at = new Date()): Promise<void> {
  if (ids.length === 0) return;
  await db.update(outbox).set({ relayedAt: at }).where(inArray(outbox.id, ids));
}

export async function markOutboxFailed(db: Executor, id: number, error: string, retryAt: Date): Promise<void> {
  await db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, lastError: error.slice(0, 1000), availableAt: retryAt })
    .where(eq(outbox.id, id));
}

export async function countPendingOutbox(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(isNull(outbox.relayedAt));
  return row.n;
}
