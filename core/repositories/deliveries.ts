import { and, asc, desc, eq, gt, gte, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { conversations, messages } from '../db/schema/index';
import type { MessageRow } from './messages';

/** Where a conversation's messages go: its channel instance and the customer's platform id. */
export interface ConversationPeer {
  conversationId: string;
  botId: string;
  channelInstanceId: string;
  externalUserId: string;
}

export async function findConversationPeer(db: Executor, conversationId: string): Promise<ConversationPeer | undefined> {
  const [row] = await db
    .select({ conversationId: conversations.id, botId: conversations.botId, channelInstanceId: conversations.channelInstanceId, externalUserId: conversations.externalUserId })
    .from(conversations)
    .where(eq(conversations.id, conversationId))
    .limit(1);
  return row;
}

/**
 * Messages of every conversation of one channel identity (a web visitor), oldest first: after `afterId`
 * when given, otherwise the latest `limit`.
 */
export async function listIdentityMessages(
  db: Executor,
  identity: { channelInstanceId: string; externalUserId: string },
  options: { afterId?: number; limit?: number } = {},
): Promise<MessageRow[]> {
  const limit = Math.min(options.limit ?? 100, 500);
  const mine = db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.channelInstanceId, identity.channelInstanceId), eq(conversations.externalUserId, identity.externalUserId)));
  if (options.afterId !== undefined) {
    return db.select().from(messages).where(and(inArray(messages.conversationId, mine), gt(messages.id, options.afterId))).orderBy(asc(messages.id)).limit(limit);
  }
  const rows = await db.select().from(messages).where(inArray(messages.conversationId, mine)).orderBy(desc(messages.id)).limit(limit);
  return rows.reverse();
}

/** The latest conversation of a channel identity (for its locale and owner). */
export async function findLatestConversation(db: Executor, identity: { channelInstanceId: string; externalUserId: string }) {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.channelInstanceId, identity.channelInstanceId), eq(conversations.externalUserId, identity.externalUserId)))
    .orderBy(desc(conversations.createdAt))
    .limit(1);
  return row;
}

/**
 * Outbound messages still waiting for delivery (the process stopped mid-delivery, or they wait for the server instance
 * holding their channel), oldest first; optionally of one channel instance, or by id.
 */
export async function listPendingDeliveries(db: Executor, options: { since: Date; limit?: number; channelInstanceId?: string; ids?: number[] }): Promise<MessageRow[]> {
  if (options.ids?.length === 0) return [];
  return db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.direction, 'out'),
        eq(messages.deliveryStatus, 'pending'),
        gte(messages.createdAt, options.since),
        options.channelInstanceId === undefined ? undefined : eq(messages.channelInstanceId, options.channelInstanceId),
        options.ids === undefined ? undefined : inArray(messages.id, options.ids),
      ),
    )
    .orderBy(asc(messages.id))
    .limit(options.limit ?? 1000);
}
