import { and, desc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { intentMisses, messages, type IntentMissReason, type IntentMissStatus } from '../db/schema/index';

export type IntentMissRow = typeof intentMisses.$inferSelect;
/** A miss with the message's text, as marketers review it. */
export type IntentMissView = IntentMissRow & { text: string };

/** How many of the intents a message was most like are kept. */
const GUESSES_KEPT = 3;

/** Records a message an intent router could not route for sure; a message already recorded is left as it is. */
export async function recordIntentMiss(
  db: Executor,
  input: { botId: string; conversationId: string; messageId: number; flowId: string; blockId: string; reason: IntentMissReason; language?: string; guesses: { name: string; confidence: number }[]; chosen?: string },
): Promise<void> {
  const row = { ...input, language: input.language ?? null, guesses: input.guesses.slice(0, GUESSES_KEPT), chosen: input.chosen ?? null };
  await db.insert(intentMisses).values(row).onConflictDoNothing({ target: intentMisses.messageId });
}

const withText = { miss: intentMisses, text: messages.text };
const view = ({ miss, text }: { miss: IntentMissRow; text: string }): IntentMissView => ({ ...miss, text });

/** A bot's misses in one status (and reason, and language, when given), newest first, `before` an id to page on. */
export async function listIntentMisses(
  db: Executor,
  botId: string,
  options: { status: IntentMissStatus; reason?: IntentMissReason; lang?: string; limit: number; before?: number },
): Promise<IntentMissView[]> {
  const rows = await db
    .select(withText)
    .from(intentMisses)
    .innerJoin(messages, eq(messages.id, intentMisses.messageId))
    .where(and(
      eq(intentMisses.botId, botId),
      eq(intentMisses.status, options.status),
      options.reason === undefined ? undefined : eq(intentMisses.reason, options.reason),
      options.lang === undefined ? undefined : eq(intentMisses.language, options.lang),
      options.before === undefined ? undefined : lt(intentMisses.id, options.before),
    ))
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

/**
 * Gives the review of one miss to the bot's other new misses of the same text (case and surrounding spaces aside):
 * a question many customers ask is reviewed once. Returns how many there were.
 */
export async function reviewRepeats(
  db: Executor,
  input: { botId: string; of: IntentMissView; status: Exclude<IntentMissStatus, 'new'>; intent?: string; reviewedBy: string | null; at: Date },
): Promise<number> {
  const sameText = db
    .select({ id: intentMisses.id })
    .from(intentMisses)
    .innerJoin(messages, eq(messages.id, intentMisses.messageId))
    .where(and(eq(intentMisses.botId, input.botId), eq(intentMisses.status, 'new'), ne(intentMisses.id, input.of.id), sql`lower(btrim(${messages.text})) = lower(btrim(${input.of.text}))`));
  const rows = await db
    .update(intentMisses)
    .set({ status: input.status, intent: input.intent ?? null, reviewedBy: input.reviewedBy, reviewedAt: input.at })
    .where(inArray(intentMisses.id, sameText))
    .returning({ id: intentMisses.id });
  return rows.length;
}

/**
 * Notes the intent the customer picked from a "did you mean…?" question's buttons on the miss that asked it: the
 * conversation's unsure miss at that block, when its message is the customer's last one before the button press and
 * the intent one it was most like. Anything else pressed is no answer to that question.
 */
export async function noteChosenIntent(db: Executor, input: { conversationId: string; blockId: string; intent: string; inboundMessageId: number }): Promise<void> {
  const [previous] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.conversationId, input.conversationId), eq(messages.direction, 'in'), lt(messages.id, input.inboundMessageId)))
    .orderBy(desc(messages.id))
    .limit(1);
  if (!previous) return;
  const [miss] = await db.select().from(intentMisses).where(eq(intentMisses.messageId, previous.id)).limit(1);
  if (!miss || miss.reason !== 'unsure' || miss.blockId !== input.blockId || miss.status !== 'new' || !miss.guesses.some((guess) => guess.name === input.intent)) return;
  await db.update(intentMisses).set({ chosen: input.intent }).where(eq(intentMisses.id, miss.id));
}
