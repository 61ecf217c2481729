import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { handoffRequests } from '../db/schema/index';

export type HandoffRequestRow = typeof handoffRequests.$inferSelect;
export type NewHandoffRequest = typeof handoffRequests.$inferInsert;

/** Adds a waiting request; undefined when the conversation already has an open one (another instance was first). */
export async function insertHandoffRequest(db: Executor, input: NewHandoffRequest): Promise<HandoffRequestRow | undefined> {
  const [row] = await db.insert(handoffRequests).values(input).onConflictDoNothing().returning();
  return row;
}

export async function findOpenRequest(db: Executor, conversationId: string, options: { lock?: boolean } = {}): Promise<HandoffRequestRow | undefined> {
  const query = db
    .select()
    .from(handoffRequests)
    .where(and(eq(handoffRequests.conversationId, conversationId), inArray(handoffRequests.status, ['waiting', 'assigned'])))
    .limit(1);
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function latestRequest(db: Executor, conversationId: string): Promise<HandoffRequestRow | undefined> {
  const [row] = await db.select().from(handoffRequests).where(eq(handoffRequests.conversationId, conversationId)).orderBy(desc(handoffRequests.createdAt)).limit(1);
  return row;
}

/**
 * The next waiting request an agent may take: highest priority, then oldest, among the agent's languages and
 * skills (an empty list accepts any). Locks the row and skips rows other instances hold, so two instances
 * never take the same one. One indexed query (handoff_requests_waiting_idx).
 */
export async function lockNextWaiting(db: Executor, filter: { languages: string[]; skills: string[]; excludeIds?: string[] }): Promise<HandoffRequestRow | undefined> {
  const languages = filter.languages.map((l) => l.toLowerCase());
  const [row] = await db
    .select()
    .from(handoffRequests)
    .where(
      and(
        eq(handoffRequests.status, 'waiting'),
        languages.length ? sql`(${handoffRequests.language} is null or ${handoffRequests.language} = any(${sql.param(languages)}::text[]))` : undefined,
        filter.skills.length ? sql`(${handoffRequests.skill} is null or ${handoffRequests.skill} = any(${sql.param(filter.skills)}::text[]))` : isNull(handoffRequests.skill),
        filter.excludeIds?.length ? sql`${handoffRequests.id} <> all(${sql.param(filter.excludeIds)}::uuid[])` : undefined,
      ),
    )
    // `nulls last` matches the index order exactly (priority is never null), so PostgreSQL walks the index
    .orderBy(sql`${handoffRequests.priority} desc nulls last`, asc(handoffRequests.requestedAt), asc(handoffRequests.id))
    .limit(1)
    .for('update', { skipLocked: true });
  return row;
}

export async function updateRequest(db: Executor, id: string, patch: Partial<NewHandoffRequest>): Promise<HandoffRequestRow | undefined> {
  const [row] = await db.update(handoffRequests).set(patch).where(eq(handoffRequests.id, id)).returning();
  return row;
}

export async function markRequestAssigned(db: Executor, id: string, input: { agentId: string; at: Date; slaDueAt: Date | null }): Promise<HandoffRequestRow | undefined> {
  return updateRequest(db, id, { status: 'assigned', assignedAgentId: input.agentId, assignedAt: input.at, slaDueAt: input.slaDueAt, firstResponseAt: null });
}

/** Records the agent's first reply (stops the SLA timer). */
export async function markFirstResponse(db: Executor, conversationId: string, agentId: string, at: Date): Promise<void> {
  await db
    .update(handoffRequests)
    .set({ firstResponseAt: at, slaDueAt: null })
    .where(and(eq(handoffRequests.conversationId, conversationId), eq(handoffRequests.status, 'assigned'), eq(handoffRequests.assignedAgentId, agentId), isNull(handoffRequests.firstResponseAt)));
}

/** Assigned requests whose agent did not answer in time, locked for the sweeper (others skip them). */
export async function lockOverdueAssignments(db: Executor, now: Date, limit = 50): Promise<HandoffRequestRow[]> {
  return db
    .select()
    .from(handoffRequests)
    .where(and(eq(handoffRequests.status, 'assigned'), isNull(handoffRequests.firstResponseAt), lte(handoffRequests.slaDueAt, now)))
    .orderBy(asc(handoffRequests.slaDueAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Waiting requests older than their alert threshold that have not raised an alert yet. */
export async function claimWaitAlerts(db: Executor, olderThan: (botId: string) => Date, botIds: string[], now: Date): Promise<HandoffRequestRow[]> {
  const claimed: HandoffRequestRow[] = [];
  for (const botId of botIds) {
    const rows = await db
      .update(handoffRequests)
      .set({ waitAlertedAt: now })
      .where(and(eq(handoffRequests.status, 'waiting'), eq(handoffRequests.botId, botId), isNull(handoffRequests.waitAlertedAt), lte(handoffRequests.requestedAt, olderThan(botId))))
      .returning();
    claimed.push(...rows);
  }
  return claimed;
}

/** Position (1-based) of a waiting request in the order agents take them. */
export async function queuePosition(db: Executor, request: Pick<HandoffRequestRow, 'priority' | 'requestedAt' | 'id'>): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(handoffRequests)
    .where(
      and(
        eq(handoffRequests.status, 'waiting'),
        sql`(${handoffRequests.priority} > ${request.priority} or (${handoffRequests.priority} = ${request.priority} and ${handoffRequests.requestedAt} < ${request.requestedAt}))`,
      ),
    );
  return row.n + 1;
}

export async function countOpenAssignments(db: Executor, agentId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(handoffRequests)
    .where(and(eq(handoffRequests.status, 'assigned'), eq(handoffRequests.assignedAgentId, agentId)));
  return row.n;
}
