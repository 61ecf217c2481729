import { inArray } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { outbox } from '../db/schema/index';

/**
 * Hides claimed rows from other relays until `until` while they are being enqueued (a lease): if the relay
 * dies before marking them relayed, they come back when the lease ends.
 */
export async function leaseOutboxRows(db: Executor, ids: number[], until: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.update(outbox).set({ availableAt: until }).where(inArray(outbox.id, ids));
}
