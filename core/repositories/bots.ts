import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { bots, channelInstances } from '../db/schema/index';

export type BotRow = typeof bots.$inferSelect;
export type ChannelInstanceRow = typeof channelInstances.$inferSelect;

export async function findBot(db: Executor, botId: string): Promise<BotRow | undefined> {
  const [row] = await db.select().from(bots).where(eq(bots.id, botId)).limit(1);
  return row;
}

export async function listBots(db: Executor): Promise<BotRow[]> {
  return db.select().from(bots).orderBy(bots.id);
}

export async function upsertBot(db: Executor, bot: { id: string; name: string; settings: Record<string, unknown> }): Promise<BotRow> {
  const [row] = await db
    .insert(bots)
    .values(bot)
    .onConflictDoUpdate({ target: bots.id, set: { name: bot.name, settings: bot.settings, updatedAt: new Date() } })
    .returning();
  return row;
}

export async function findChannelInstance(db: Executor, id: string): Promise<ChannelInstanceRow | undefined> {
  const [row] = await db.select().from(channelInstances).where(eq(channelInstances.id, id)).limit(1);
  return row;
}

export async function findChannelInstanceByType(db: Executor, botId: string, channel: string): Promise<ChannelInstanceRow | undefined> {
  const [row] = await db
    .select()
    .from(channelInstances)
    .where(and(eq(channelInstances.botId, botId), eq(channelInstances.channel, channel), eq(channelInstances.enabled, true)))
    .orderBy(channelInstances.createdAt)
    .limit(1);
  return row;
}

export async function listChannelInstances(db: Executor, filter: { botId?: string; channel?: string } = {}): Promise<ChannelInstanceRow[]> {
  const conditions = [
    filter.botId ? eq(channelInstances.botId, filter.botId) : undefined,
    filter.channel ? eq(channelInstances.channel, filter.channel) : undefined,
  ].filter((c) => c !== undefined);
  return db.select().from(channelInstances).where(conditions.length ? and(...conditions) : undefined).orderBy(channelInstances.createdAt);
}

export async function upsertChannelInstance(
  db: Executor,
  instance: { id: string; botId: string; channel: string; name?: string; config?: Record<string, unknown>; enabled?: boolean },
): Promise<ChannelInstanceRow> {
  const [row] = await db
    .insert(channelInstances)
    .values({ ...instance, name: instance.name ?? '', config: instance.config ?? {} })
    .onConflictDoUpdate({
      target: channelInstances.id,
      set: { name: instance.name ?? '', config: instance.config ?? {}, enabled: instance.enabled ?? true },
    })
    .returning();
  return row;
}

export async function deleteChannelInstance(db: Executor, id: string): Promise<boolean> {
  const rows = await db.delete(channelInstances).where(eq(channelInstances.id, id)).returning({ id: channelInstances.id });
  return rows.length > 0;
}
