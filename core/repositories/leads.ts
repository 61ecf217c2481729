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
    .values({ botId: input.botId, contactId: input.contactId, conversationId: input.conversationId, fields, score: Math.max(0, delta), status: input.status ?? 'new' })
    .onConflictDoUpdate({
      target: [leads.botId, leads.contactId],
      set: {
        fields: sql`${leads.fields} || ${JSON.stringify(fields)}::jsonb`,
        score: sql`greatest(0, ${leads.score} + ${delta})`,
        status: input.status ? sql`${input.status}` : sql`${leads.status}`,
        conversationId: input.conversationId,
        version: sql`${leads.version} + 1`,
        updatedAt: new Date(),
      },
    })
    .returning();
  return row;
}
