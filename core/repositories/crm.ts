import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { crmConnections, type CrmConnectorType } from '../db/schema/index';

export type CrmConnectionRow = typeof crmConnections.$inferSelect;

export async function listCrmConnections(db: Executor, botId: string): Promise<CrmConnectionRow[]> {
  return db.select().from(crmConnections).where(eq(crmConnections.botId, botId)).orderBy(asc(crmConnections.createdAt));
}

export async function findCrmConnection(db: Executor, botId: string, id: string): Promise<CrmConnectionRow | undefined> {
  const [row] = await db.select().from(crmConnections).where(and(eq(crmConnections.botId, botId), eq(crmConnections.id, id))).limit(1);
  return row;
}

export async function insertCrmConnection(
  db: Executor,
  input: { botId: string; type: CrmConnectorType; name?: string; config: Record<string, unknown>; fieldMapping?: Record<string, string>; enabled?: boolean },
): Promise<CrmConnectionRow> {
  const [row] = await db.insert(crmConnections).values({ ...input, name: input.name ?? '', fieldMapping: input.fieldMapping ?? {}, enabled: input.enabled ?? true }).returning();
  return row;
}

export async function updateCrmConnection(
  db: Executor,
  botId: string,
  id: string,
  patch: Partial<Pick<CrmConnectionRow, 'name' | 'config' | 'fieldMapping' | 'enabled'>>,
): Promise<CrmConnectionRow | undefined> {
  const [row] = await db
    .update(crmConnections)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(crmConnections.botId, botId), eq(crmConnections.id, id)))
    .returning();
  return row;
}

/**
 * Replaces config values (a rotated secret) only while every `from` value is still stored: a compare-and-set, so an
 * admin's newer config or another process's newer rotation is never overwritten. True when it replaced them.
 */
export async function replaceCrmConnectionConfigValues(db: Executor, id: string, from: Record<string, string>, to: Record<string, string>): Promise<boolean> {
  const stillStored = Object.entries(from).map(([key, value]) => sql`${crmConnections.config} ->> ${key} = ${value}`);
  const rows = await db
    .update(crmConnections)
    .set({ config: sql`${crmConnections.config} || ${JSON.stringify(to)}::jsonb`, updatedAt: new Date() })
    .where(and(eq(crmConnections.id, id), ...stillStored))
    .returning({ id: crmConnections.id });
  return rows.length > 0;
}

export async function deleteCrmConnection(db: Executor, botId: string, id: string): Promise<boolean> {
  const rows = await db.delete(crmConnections).where(and(eq(crmConnections.botId, botId), eq(crmConnections.id, id))).returning({ id: crmConnections.id });
  return rows.length > 0;
}

/** Enabled connections of these bots, for the relay's fan-out. */
export async function enabledCrmConnections(db: Executor, botIds: string[]): Promise<Pick<CrmConnectionRow, 'id' | 'botId' | 'type' | 'config'>[]> {
  if (botIds.length === 0) return [];
  return db
    .select({ id: crmConnections.id, botId: crmConnections.botId, type: crmConnections.type, config: crmConnections.config })
    .from(crmConnections)
    .where(and(inArray(crmConnections.botId, botIds), eq(crmConnections.enabled, true)));
}
