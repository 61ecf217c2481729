import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { leads } from '../db/schema/index';

export type LeadRow = typeof leads.$inferSelect;

export async function findLead(db: Executor, botId: string, contactId: string): Promise<LeadRow | undefined> {
  const [row] = await db.select().from(leads).where(and(eq(leads.botId, botId), eq(leads.contactId, contactId))).limit(1);
  return row;
}

/**
 * Creates the contact's lead or merges the change into it, bumping `version` so each change has its own
 * CRM idempotency key. Returns the lead after the change.
 */
export async function upsertLead(
  db: Executor,
  input: { botId: string; contactId: string; conversationId: string; fields?: Record<string, unknown>; scoreDelta?: number; status?: string },
): Promise<LeadRow> {
  const fields = input.fields ?? {};
  const delta = input.scoreDelta ?? 0;
  const [row] = await db
    .insert(leads)
    .values({ botId: input.botId, contactId: input.contactId, conversationId: input.conversationId, fields, scoreAdjustment: delta, status: input.status ?? 'new' })
    .onConflictDoUpdate({
      target: [leads.botId, leads.contactId],
      set: {
        fields: sql`${leads.fields} || ${JSON.stringify(fields)}::jsonb`,
        scoreAdjustment: sql`${leads.scoreAdjustment} + ${delta}`,
        status: input.status ? sql`${input.status}` : sql`${leads.status}`,
        conversationId: input.conversationId,
        version: sql`${leads.version} + 1`,
        updatedAt: new Date(),
      },
    })
    .returning();
  return row;
}

/** Records activity (and a buying-intent hit) without bumping the version: not a change a CRM needs to hear of. */
export async function recordLeadActivity(db: Executor, id: string, input: { at: Date; buyingIntent?: string; messages: number }): Promise<LeadRow> {
  const hit = input.buyingIntent
    ? sql`jsonb_set(${leads.intentHits}, array[${input.buyingIntent}]::text[], to_jsonb(coalesce((${leads.intentHits} ->> ${input.buyingIntent})::int, 0) + 1))`
    : sql`${leads.intentHits}`;
  const [row] = await db
    .update(leads)
    .set({ intentHits: hit, messageCount: sql`${leads.messageCount} + ${input.messages}`, lastActivityAt: input.at })
    .where(eq(leads.id, id))
    .returning();
  return row;
}

/** Stores a new total score as a new version of the lead. */
export async function setLeadScore(db: Executor, id: string, score: number): Promise<LeadRow> {
  const [row] = await db
    .update(leads)
    .set({ score, version: sql`${leads.version} + 1`, updatedAt: new Date() })
    .where(eq(leads.id, id))
    .returning();
  return row;
}
