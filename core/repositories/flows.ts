import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { bots, conversations, flowVersions, flows } from '../db/schema/index';

export type FlowRow = typeof flows.$inferSelect;
export type FlowVersionRow = typeof flowVersions.$inferSelect;

export async function findFlow(db: Executor, botId: string, flowId: string): Promise<FlowRow | undefined> {
  const [row] = await db.select().from(flows).where(and(eq(flows.botId, botId), eq(flows.id, flowId))).limit(1);
  return row;
}

export async function listFlows(db: Executor, botId: string): Promise<FlowRow[]> {
  return db.select().from(flows).where(eq(flows.botId, botId)).orderBy(flows.id);
}

/**
 * Every flow version a turn may need, with its bot's stored settings (to prepare models at startup): the
 * published ones first, then older versions that open conversations still run on.
 */
export async function listVersionsInUse(db: Executor): Promise<{ versionId: string; botSettings: unknown }[]> {
  const published = await db
    .select({ versionId: flows.publishedVersionId, botSettings: bots.settings })
    .from(flows)
    .innerJoin(bots, eq(bots.id, flows.botId))
    .where(isNotNull(flows.publishedVersionId))
    .orderBy(flows.botId, flows.id);
  const running = await db
    .select({ versionId: conversations.flowVersionId, botSettings: bots.settings })
    .from(conversations)
    .innerJoin(bots, eq(bots.id, conversations.botId))
    .where(and(isNull(conversations.closedAt), isNotNull(conversations.flowVersionId)))
    .groupBy(conversations.flowVersionId, bots.id);
  const seen = new Set(published.map((r) => r.versionId));
  const older = running.filter((r) => !seen.has(r.versionId));
  return [...published, ...older].map((r) => ({ versionId: r.versionId!, botSettings: r.botSettings }));
}

export async function saveDraft(db: Executor, input: { botId: string; flowId: string; name: string; draft: Record<string, unknown> }): Promise<FlowRow> {
  const [row] = await db
    .insert(flows)
    .values({ botId: input.botId, id: input.flowId, name: input.name, draft: input.draft })
    .onConflictDoUpdate({ target: [flows.botId, flows.id], set: { name: input.name, draft: input.draft, draftUpdatedAt: new Date() } })
    .returning();
  return row;
}

/** Publishes a definition as the next numbered version and makes it the one new conversations start on. */
export async function publishVersion(
  db: Executor,
  input: { botId: string; flowId: string; definition: Record<string, unknown>; publishedBy?: string | null; note?: string | null },
): Promise<FlowVersionRow> {
  const [{ next }] = await db
    .select({ next: sql<number>`coalesce(max(${flowVersions.version}), 0)::int + 1` })
    .from(flowVersions)
    .where(and(eq(flowVersions.botId, input.botId), eq(flowVersions.flowId, input.flowId)));
  const [version] = await db
    .insert(flowVersions)
    .values({ botId: input.botId, flowId: input.flowId, version: next, definition: input.definition, publishedBy: input.publishedBy ?? null, note: input.note ?? null })
    .returning();
  await setPublishedVersion(db, input.botId, input.flowId, version.id);
  return version;
}

export async function setPublishedVersion(db: Executor, botId: string, flowId: string, versionId: string): Promise<void> {
  await db.update(flows).set({ publishedVersionId: versionId }).where(and(eq(flows.botId, botId), eq(flows.id, flowId)));
}

export async function findVersion(db: Executor, id: string): Promise<FlowVersionRow | undefined> {
  const [row] = await db.select().from(flowVersions).where(eq(flowVersions.id, id)).limit(1);
  return row;
}

export async function findVersionByNumber(db: Executor, botId: string, flowId: string, version: number): Promise<FlowVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(flowVersions)
    .where(and(eq(flowVersions.botId, botId), eq(flowVersions.flowId, flowId), eq(flowVersions.version, version)))
    .limit(1);
  return row;
}

export async function listVersions(db: Executor, botId: string, flowId: string): Promise<Omit<FlowVersionRow, 'definition'>[]> {
  return db
    .select({ id: flowVersions.id, botId: flowVersions.botId, flowId: flowVersions.flowId, version: flowVersions.version, publishedBy: flowVersions.publishedBy, note: flowVersions.note, createdAt: flowVersions.createdAt })
    .from(flowVersions)
    .where(and(eq(flowVersions.botId, botId), eq(flowVersions.flowId, flowId)))
    .orderBy(desc(flowVersions.version));
}

/** The version new conversations of the bot start on: its `main` flow's published version. */
export async function findPublishedVersion(db: Executor, botId: string, flowId = 'main'): Promise<FlowVersionRow | undefined> {
  const [row] = await db
    .select({ version: flowVersions })
    .from(flows)
    .innerJoin(flowVersions, eq(flowVersions.id, flows.publishedVersionId))
    .where(and(eq(flows.botId, botId), eq(flows.id, flowId)))
    .limit(1);
  return row?.version;
}
