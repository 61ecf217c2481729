import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { contacts, conversationEvents, conversations, type ConversationOwner } from '../db/schema/index';

export type ConversationRow = typeof conversations.$inferSelect;

/** The open conversation of a channel identity, or a new one on the given flow version. */
export async function findOrCreateOpenConversation(
  db: Executor,
  input: { botId: string; contactId: string; channelInstanceId: string; externalUserId: string; flowVersionId: string | null; locale?: string | null },
): Promise<{ conversation: ConversationRow; created: boolean }> {
  const [open] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.channelInstanceId, input.channelInstanceId), eq(conversations.externalUserId, input.externalUserId), isNull(conversations.closedAt)))
    .orderBy(conversations.createdAt)
    .limit(1);
  if (open) return { conversation: open, created: false };
  const [conversation] = await db.insert(conversations).values({ ...input, owner: 'bot', locale: input.locale ?? null }).returning();
  return { conversation, created: true };
}

export async function findConversation(db: Executor, id: string): Promise<ConversationRow | undefined> {
  const [row] = await db.select().from(conversations).where(eq(conversations.id, id)).limit(1);
  return row;
}

export async function saveConversationState(
  db: Executor,
  id: string,
  patch: Partial<Pick<ConversationRow, 'state' | 'locale' | 'flowVersionId' | 'lastMessageAt'>>,
): Promise<void> {
  await db.update(conversations).set({ ...patch, updatedAt: new Date() }).where(eq(conversations.id, id));
}

/**
 * Changes who owns a conversation, only if it is still owned by `from` (compare-and-set), and records
 * the transition. Returns the updated row, or undefined if someone else changed it first.
 */
export async function transitionOwner(
  db: Executor,
  input: {
    conversationId: string;
    from: ConversationOwner | ConversationOwner[];
    to: ConversationOwner;
    agentId?: string | null;
    actor: { type: 'bot' | 'agent' | 'system' | 'contact'; id?: string | null };
    event: string;
    data?: Record<string, unknown>;
  },
): Promise<ConversationRow | undefined> {
  const fromList = Array.isArray(input.from) ? input.from : [input.from];
  const [current] = await db.select().from(conversations).where(eq(conversations.id, input.conversationId)).limit(1);
  if (!current || !fromList.includes(current.owner)) return undefined;
  const now = new Date();
  const [row] = await db
    .update(conversations)
    .set({
      owner: input.to,
      assignedAgentId: input.to === 'human' ? (input.agentId ?? null) : input.to === 'closed' ? current.assignedAgentId : null,
      closedAt: input.to === 'closed' ? now : null,
      updatedAt: now,
    })
    .where(and(eq(conversations.id, input.conversationId), eq(conversations.owner, current.owner)))
    .returning();
  if (!row) return undefined;
  await db.insert(conversationEvents).values({
    conversationId: input.conversationId,
    type: input.event,
    fromOwner: current.owner,
    toOwner: input.to,
    actorType: input.actor.type,
    actorId: input.actor.id ?? null,
    data: input.data ?? {},
  });
  return row;
}

/** The open conversation of a channel identity with its contact, in one query (the hot path of every turn). */
export async function findOpenConversationWithContact(
  db: Executor,
  identity: { channelInstanceId: string; externalUserId: string },
): Promise<{ conversation: ConversationRow; contact: typeof contacts.$inferSelect } | undefined> {
  const [row] = await db
    .select({ conversation: conversations, contact: contacts })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(eq(conversations.channelInstanceId, identity.channelInstanceId), eq(conversations.externalUserId, identity.externalUserId), isNull(conversations.closedAt)))
    .orderBy(conversations.createdAt)
    .limit(1);
  return row;
}
