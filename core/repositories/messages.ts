import { and, asc, eq, gt } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { messages } from '../db/schema/index';
import { type InboundMessage, type OutboundMessage, inboundText, outboundText } from '../messages';

export type MessageRow = typeof messages.$inferSelect;

/**
 * Stores a customer message. Returns undefined when the same (channel instance, external message id)
 * is already stored: the redelivery is a no-op.
 */
export async function insertInboundMessage(db: Executor, conversationId: string, message: InboundMessage): Promise<MessageRow | undefined> {
  const { channelInstanceId, externalMessageId } = message;
  const [row] = await db
    .insert(messages)
    .values({
      conversationId,
      channelInstanceId,
      direction: 'in',
      sender: 'contact',
      externalMessageId,
      type: message.type,
      text: inboundText(message),
      payload: message as unknown as Record<string, unknown>,
      deliveryStatus: 'received',
      createdAt: message.receivedAt,
    })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function findInboundMessage(db: Executor, channelInstanceId: string, externalMessageId: string): Promise<MessageRow | undefined> {
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.channelInstanceId, channelInstanceId), eq(messages.externalMessageId, externalMessageId)))
    .limit(1);
  return row;
}

export async function insertOutboundMessages(
  db: Executor,
  input: {
    conversationId: string;
    channelInstanceId: string;
    sender: 'bot' | 'agent' | 'system';
    senderId?: string | null;
    inReplyTo?: number | null;
    deliveryStatus: 'pending' | 'sent';
    messages: OutboundMessage[];
  },
): Promise<MessageRow[]> {
  if (input.messages.length === 0) return [];
  return db
    .insert(messages)
    .values(
      input.messages.map((message) => ({
        conversationId: input.conversationId,
        channelInstanceId: input.channelInstanceId,
        direction: 'out' as const,
        sender: input.sender,
        senderId: input.senderId ?? null,
        inReplyTo: input.inReplyTo ?? null,
        type: message.type,
        text: outboundText(message),
        payload: message as unknown as Record<string, unknown>,
        deliveryStatus: input.deliveryStatus,
      })),
    )
    .returning();
}

export async function repliesTo(db: Executor, inboundId: number): Promise<MessageRow[]> {
  return db.select().from(messages).where(eq(messages.inReplyTo, inboundId)).orderBy(asc(messages.id));
}

export async function listMessages(db: Executor, conversationId: string, options: { afterId?: number; limit?: number } = {}): Promise<MessageRow[]> {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), options.afterId ? gt(messages.id, options.afterId) : undefined))
    .orderBy(asc(messages.id))
    .limit(options.limit ?? 500);
}

export async function markDelivery(db: Executor, id: number, status: 'sent' | 'failed', error?: string): Promise<void> {
  await db.update(messages).set({ deliveryStatus: status, deliveryError: error ?? null }).where(eq(messages.id, id));
}
