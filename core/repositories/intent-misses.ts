import { and, desc, eq, lt } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { intentMisses, messages, type IntentMissReason, type IntentMissStatus } from '../db/schema/index';

export type IntentMissRow = typeof intentMisses.$inferSelect;
/** A miss with the message's text, as marketers review it. */
export type IntentMissView = IntentMissRow & { text: string };

/** Records a message an intent router could not route for sure; a message already recorded is left as it is. */
export async function recordIntentMiss(
  db: Executor,
  input: { botId: string; conversationId: string; messageId: number; flowId: string; blockId: string; reason: IntentMissReason; language?: string; guesses: { name: string; confidence: number }[] },
): Promise<void> {
  await db.insert(intentMisses).values({ ...input, language: input.language ?? null }).onConflictDoNothing({ target: intentMisses.messageId });
}

const withText = { miss: intentMisses, text: messages.text };
const view = ({ miss, text }: { miss: IntentMissRow; text: string }): IntentMissView => ({ ...miss, text });

/** A bot's misses in one status, newest first, `before` an id to page on. */
export async function listIntentMisses(db: Executor, botId: string, options: { status: IntentMissStatus; limit: number; before?: number }): Promise<IntentMissView[]> {
  const rows = await db
    .select(withText)
    .from(intentMisses)
    .innerJoin(messages, eq(messages.id, intentMisses.messageId))
    .where(and(eq(intentMisses.botId, botId), eq(intentMisses.status, options.status), options.before === undefined ? undefined : lt(intentMisses.id, options.before)))
    .orderBy(desc(intentMisses.id))
    .limit(options.limit);
  return rows.map(view);
}

export async function findIntentMiss(db: Executor, botId: string, id: number): Promise<IntentMissView | undefined> {
  const [row] = await db
    .select(withText)
    .from(intentMisses)
    .innerJoin(messages, eq(messages.id, intentMisses.messageId))
    .where(and(eq(intentMisses.botId, botId), eq(intentMisses.id, id)))
    .limit(1);
  return row && view(row);
}

/** Marks a miss reviewed, when it was still new; undefined when another review came first. */
export async function reviewIntentMiss(
  db: Executor,
  input: { id: number; status: Exclude<IntentMissStatus, 'new'>; intent?: string; reviewedBy: string | null; at: Date },
): Promise<IntentMissRow | undefined> {
  const [row] = await db
    .update(intentMisses)
    .set({ status: input.status, intent: input.intent ?? null, reviewedBy: input.reviewedBy, reviewedAt: input.at })
    .where(and(eq(intentMisses.id, input.id), eq(intentMisses.status, 'new')))
    .returning();
  return row;
}
