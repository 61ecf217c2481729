import { and, asc, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { contacts, crmConnections, crmLinks, crmSyncRecords, leads, messages, type CrmSyncStatus } from '../db/schema/index';

export type CrmSyncRecordRow = typeof crmSyncRecords.$inferSelect;
export type CrmLinkRow = typeof crmLinks.$inferSelect;
export type NewCrmSyncRecord = typeof crmSyncRecords.$inferInsert;

/** Creates the pending rows for freshly relayed events; an event already known keeps its row. */
export async function insertSyncRecords(db: Executor, rows: NewCrmSyncRecord[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(crmSyncRecords).values(rows).onConflictDoNothing({ target: [crmSyncRecords.connectionId, crmSyncRecords.eventKey] });
}

/** Everything crm-sync jobs need: the record with its connection, contact, lead and CRM link. */
function syncJobQuery(db: Executor) {
  return db
    .select({ record: crmSyncRecords, connection: crmConnections, contact: contacts, lead: leads, link: crmLinks })
    .from(crmSyncRecords)
    .innerJoin(crmConnections, eq(crmConnections.id, crmSyncRecords.connectionId))
    .leftJoin(contacts, eq(contacts.id, crmSyncRecords.contactId))
    .leftJoin(leads, and(eq(leads.contactId, crmSyncRecords.contactId), eq(leads.botId, crmSyncRecords.botId)))
    .leftJoin(crmLinks, and(eq(crmLinks.connectionId, crmSyncRecords.connectionId), eq(crmLinks.contactId, crmSyncRecords.contactId)));
}

/** Everything one crm-sync job needs, in one query. */
export async function loadSyncJob(db: Executor, connectionId: string, eventKey: string) {
  const [row] = await syncJobQuery(db)
    .where(and(eq(crmSyncRecords.connectionId, connectionId), eq(crmSyncRecords.eventKey, eventKey)))
    .limit(1);
  return row;
}

/** The conversation's messages, oldest first (the last `limit`). */
export async function loadTranscript(db: Executor, conversationId: string, limit = 200) {
  const rows = await db
    .select({ at: messages.createdAt, sender: messages.sender, text: messages.text, type: messages.type })
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(desc(messages.id))
    .limit(limit);
  return rows.reverse();
}

async function upsertLink(db: Executor, connectionId: string, contactId: string, link: { remoteId: string; extra: Record<string, string> }, leadVersion = 0) {
  await db
    .insert(crmLinks)
    .values({ connectionId, contactId, remoteId: link.remoteId, extra: link.extra, leadVersion })
    .onConflictDoUpdate({
      target: [crmLinks.connectionId, crmLinks.contactId],
      set: { remoteId: link.remoteId, extra: link.extra, leadVersion: sql`greatest(${crmLinks.leadVersion}, ${leadVersion})`, updatedAt: new Date() },
    });
}

/** Records one finished remote step (and the contact link) before the next remote call. */
export async function saveSyncStep(
  db: Executor,
  record: Pick<CrmSyncRecordRow, 'id' | 'connectionId' | 'contactId'>,
  step: { name: string; value: string },
  link?: { remoteId: string; extra: Record<string, string> },
): Promise<void> {
  if (link && record.contactId) await upsertLink(db, record.connectionId, record.contactId, link);
  await db
    .update(crmSyncRecords)
    .set({ steps: sql`${crmSyncRecords.steps} || ${JSON.stringify({ [step.name]: step.value })}::jsonb`, updatedAt: new Date() })
    .where(eq(crmSyncRecords.id, record.id));
}

export async function markSynced(
  db: Executor,
  record: Pick<CrmSyncRecordRow, 'id' | 'connectionId' | 'contactId'>,
  options: { steps?: Record<string, string>; leadVersion?: number; link?: { remoteId: string; extra: Record<string, string> }; status?: 'synced' | 'skipped'; note?: string; at?: Date } = {},
): Promise<void> {
  if (record.contactId && (options.link || options.leadVersion)) {
    if (options.link) await upsertLink(db, record.connectionId, record.contactId, options.link, options.leadVersion ?? 0);
    else await db.update(crmLinks).set({ leadVersion: sql`greatest(${crmLinks.leadVersion}, ${options.leadVersion ?? 0})` }).where(and(eq(crmLinks.connectionId, record.connectionId), eq(crmLinks.contactId, record.contactId)));
  }
  const at = options.at ?? new Date();
  await db
    .update(crmSyncRecords)
    .set({
      status: options.status ?? 'synced',
      steps: options.steps ? sql`${crmSyncRecords.steps} || ${JSON.stringify(options.steps)}::jsonb` : undefined,
      attempts: sql`${crmSyncRecords.attempts} + 1`,
      lastError: options.note ?? null,
      lastErrorStatus: null,
      syncedAt: options.status === 'skipped' ? undefined : at,
      updatedAt: at,
    })
    .where(eq(crmSyncRecords.id, record.id));
}

export async function markSyncFailed(
  db: Executor,
  id: number,
  failure: { status: Extract<CrmSyncStatus, 'failed' | 'dead' | 'pending'>; error: string; httpStatus?: number; countAttempt?: boolean },
): Promise<void> {
  await db
    .update(crmSyncRecords)
    .set({
      status: failure.status,
      lastError: failure.error.slice(0, 1000),
      lastErrorStatus: failure.httpStatus ?? null,
      attempts: failure.countAttempt === false ? undefined : sql`${crmSyncRecords.attempts} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(crmSyncRecords.id, id), sql`${crmSyncRecords.status} <> 'synced'`));
}

/** Latest rows of a record (lead:<id> → all events of its contact; conversation:<id>; contact:<id>), newest first. */
export async function listSyncRecords(db: Executor, botId: string, filter: { recordKey?: string; contactId?: string }, limit = 50) {
  const conditions = [eq(crmSyncRecords.botId, botId)];
  const any = [
    filter.recordKey ? eq(crmSyncRecords.recordKey, filter.recordKey) : undefined,
    filter.contactId ? eq(crmSyncRecords.contactId, filter.contactId) : undefined,
  ].filter((c) => c !== undefined);
  if (any.length > 0) conditions.push(or(...any)!);
  return db
    .select({ record: crmSyncRecords, connection: { id: crmConnections.id, name: crmConnections.name, type: crmConnections.type } })
    .from(crmSyncRecords)
    .innerJoin(crmConnections, eq(crmConnections.id, crmSyncRecords.connectionId))
    .where(and(...conditions))
    .orderBy(desc(crmSyncRecords.updatedAt), desc(crmSyncRecords.id))
    .limit(limit);
}

/** The dead-letter list: events that failed permanently or ran out of retries, newest first. */
export async function listDeadLetters(db: Executor, filter: { botId?: string; connectionId?: string; beforeId?: number; limit?: number } = {}) {
  const conditions = [eq(crmSyncRecords.status, 'dead')];
  if (filter.botId) conditions.push(eq(crmSyncRecords.botId, filter.botId));
  if (filter.connectionId) conditions.push(eq(crmSyncRecords.connectionId, filter.connectionId));
  if (filter.beforeId) conditions.push(lt(crmSyncRecords.id, filter.beforeId));
  return db
    .select({ record: crmSyncRecords, connection: { id: crmConnections.id, name: crmConnections.name, type: crmConnections.type } })
    .from(crmSyncRecords)
    .innerJoin(crmConnections, eq(crmConnections.id, crmSyncRecords.connectionId))
    .where(and(...conditions))
    .orderBy(desc(crmSyncRecords.id))
    .limit(filter.limit ?? 100);
}

export async function findSyncRecord(db: Executor, id: number): Promise<CrmSyncRecordRow | undefined> {
  const [row] = await db.select().from(crmSyncRecords).where(eq(crmSyncRecords.id, id)).limit(1);
  return row;
}

/** Moves dead (or failed) rows back to pending for a replay; returns the rows that moved. */
export async function markForReplay(db: Executor, ids: number[]): Promise<CrmSyncRecordRow[]> {
  if (ids.length === 0) return [];
  return db
    .update(crmSyncRecords)
    .set({ status: 'pending', replays: sql`${crmSyncRecords.replays} + 1`, updatedAt: new Date() })
    .where(and(inArray(crmSyncRecords.id, ids), inArray(crmSyncRecords.status, ['dead', 'failed'])))
    .returning();
}

export async function countSyncRecordsByStatus(db: Executor, connectionId?: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: crmSyncRecords.status, n: sql<number>`count(*)::int` })
    .from(crmSyncRecords)
    .where(connectionId ? eq(crmSyncRecords.connectionId, connectionId) : undefined)
    .groupBy(crmSyncRecords.status)
    .orderBy(asc(crmSyncRecords.status));
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** `loadSyncJob` for many events in one round trip (the worker batches concurrent jobs). */
export async function loadSyncJobs(db: Executor, keys: { connectionId: string; eventKey: string }[]) {
  if (keys.length === 0) return [];
  const pairs = sql`(select * from unnest(${sql.param(keys.map((k) => k.connectionId))}::uuid[], ${sql.param(keys.map((k) => k.eventKey))}::text[]))`;
  return syncJobQuery(db)
    .where(sql`(${crmSyncRecords.connectionId}, ${crmSyncRecords.eventKey}) in ${pairs}`);
}

/** Marks many records synced in one statement (no link changes), merging the given steps. */
export async function markSyncedMany(db: Executor, items: { id: number; steps: Record<string, string> }[], at = new Date()): Promise<void> {
  if (items.length === 0) return;
  await db.execute(sql`
    update ${crmSyncRecords} as r
    set status = 'synced', steps = r.steps || v.steps, attempts = r.attempts + 1, last_error = null, last_error_status = null, synced_at = ${at}, updated_at = ${at}
    from (select * from unnest(${sql.param(items.map((i) => i.id))}::bigint[], ${sql.param(items.map((i) => JSON.stringify(i.steps)))}::jsonb[])) as v(id, steps)
    where r.id = v.id`);
}
