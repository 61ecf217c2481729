import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bots, conversations, messages, users } from './core';

export const intentMissReasons = ['no_intent', 'unsure', 'llm'] as const;
export type IntentMissReason = (typeof intentMissReasons)[number];
export const intentMissStatuses = ['new', 'added', 'ignored'] as const;
export type IntentMissStatus = (typeof intentMissStatuses)[number];

/**
 * A customer's message an intent router's classifier could not route for sure: it had no intent (the router's fallback
 * took it), two close ones (the router asked which), or the bot's chat model chose it (`llm`). Marketers review them,
 * adding each as a phrase of an intent or ignoring it. The text stays in `messages` only, and goes with it.
 */
export const intentMisses = pgTable('intent_misses', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  botId: text('bot_id').notNull().references(() => bots.id, { onDelete: 'cascade' }),
  conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
  messageId: bigint('message_id', { mode: 'number' }).notNull().references(() => messages.id, { onDelete: 'cascade' }),
  flowId: text('flow_id').notNull(),
  blockId: text('block_id').notNull(),
  reason: text('reason', { enum: intentMissReasons }).notNull(),
  /** The language the message was read in. */
  language: text('language'),
  /** The intents it was most like, best first, with their confidence. */
  guesses: jsonb('guesses').$type<{ name: string; confidence: number }[]>().notNull().default([]),
  /** The intent the customer picked when the router asked which they meant, or the chat model chose. */
  chosen: text('chosen'),
  status: text('status', { enum: intentMissStatuses }).notNull().default('new'),
  /** The intent it was added to as a phrase. */
  intent: text('intent'),
  reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('intent_misses_message_unique').on(t.messageId),
  index('intent_misses_review_idx').on(t.botId, t.status, t.id),
]);
