import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { leadScoringRules } from '../db/schema/index';

/** The bot's stored scoring rules (unvalidated jsonb), undefined when it uses the defaults. */
export async function findScoringRules(db: Executor, botId: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await db.select({ rules: leadScoringRules.rules }).from(leadScoringRules).where(eq(leadScoringRules.botId, botId)).limit(1);
  return row?.rules;
}

export async function saveScoringRules(db: Executor, botId: string, rules: Record<string, unknown>): Promise<void> {
  await db
    .insert(leadScoringRules)
    .values({ botId, rules })
    .onConflictDoUpdate({ target: leadScoringRules.botId, set: { rules, updatedAt: new Date() } });
}
