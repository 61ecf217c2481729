import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import {
  cannedReplies, channelInstances, contacts, conversations, csatResponses, handoffRequests, inboxNotes, inboxReadMarkers, leads, messages, users,
} from '../db/schema/index';

export type InboxNoteRow = typeof inboxNotes.$inferSelect;
export type CannedReplyRow = typeof cannedReplies.$inferSelect;
export type CsatRow = typeof csatResponses.$inferSelect;

export type InboxView = 'queue' | 'mine' | 'all';

/** One row of the inbox lists: the open handoff with what an agent needs to pick it. */
export async function listInbox(db: Executor, input: { view: InboxView; userId: string; limit?: number }) {
  const unread = sql<number>`(select count(*)::int from ${messages} m where m.conversation_id = ${conversations.id} and m.direction = 'in'
    and m.id > coalesce((select r.last_read_message_id from ${inboxReadMarkers} r where r.user_id = ${input.userId} and r.conversation_id = ${conversations.id}), 0))`;
  const lastMessageId = sql<number>`(select max(m.id)::int from ${messages} m where m.conversation_id = ${conversations.id})`;
  const status =
    input.view === 'queue'
      ? eq(handoffRequests.status, 'waiting')
      : input.view === 'mine'
        ? and(eq(handoffRequests.status, 'assigned'), eq(handoffRequests.assignedAgentId, input.userId))
        : inArray(handoffRequests.status, ['waiting', 'assigned']);
  const rows = await db
    .select({
      request: handoffRequests,
      conversation: {
        id: conversations.id,
        botId: conversations.botId,
        owner: conversations.owner,
        assignedAgentId: conversations.assignedAgentId,
        locale: conversations.locale,
        lastMessageAt: conversations.lastMessageAt,
      },
      contact: { id: contacts.id, firstName: contacts.firstName, lastName: contacts.lastName, email: contacts.email, phone: contacts.phone, fields: contacts.fields },
      lead: { score: leads.score, status: leads.status, fields: leads.fields },
      channel: channelInstances.channel,
      agentName: users.name,
      unread,
      lastMessageId,
    })
    .from(handoffRequests)
    .innerJoin(conversations, eq(conversations.id, handoffRequests.conversationId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channelInstances, eq(channelInstances.id, conversations.channelInstanceId))
    .leftJoin(leads, and(eq(leads.botId, conversations.botId), eq(leads.contactId, conversations.contactId)))
    .leftJoin(users, eq(users.id, handoffRequests.assignedAgentId))
    .where(status)
    .orderBy(
      ...(input.view === 'queue'
        ? [sql`${handoffRequests.priority} desc nulls last`, asc(handoffRequests.requestedAt)]
        : [desc(conversations.lastMessageAt)]),
    )
    .limit(input.limit ?? 200);
  return rows;
}
export type InboxListRow = Awaited<ReturnType<typeof listInbox>>[number];

export async function insertNote(db: Executor, input: { conversationId: string; authorId: string; text: string }): Promise<InboxNoteRow> {
  const [row] = await db.insert(inboxNotes).values(input).returning();
  return row;
}

export async function listNotes(db: Executor, conversationId: string) {
  return db
    .select({ id: inboxNotes.id, conversationId: inboxNotes.conversationId, authorId: inboxNotes.authorId, authorName: users.name, text: inboxNotes.text, createdAt: inboxNotes.createdAt })
    .from(inboxNotes)
    .leftJoin(users, eq(users.id, inboxNotes.authorId))
    .where(eq(inboxNotes.conversationId, conversationId))
    .orderBy(asc(inboxNotes.id));
}

export async function listCannedReplies(db: Executor, filter: { botId?: string; locale?: string }): Promise<CannedReplyRow[]> {
  return db
    .select()
    .from(cannedReplies)
    .where(
      and(
        filter.botId ? or(isNull(cannedReplies.botId), eq(cannedReplies.botId, filter.botId)) : undefined,
        filter.locale ? eq(cannedReplies.locale, filter.locale) : undefined,
      ),
    )
    .orderBy(asc(cannedReplies.shortcut));
}

export async function insertCannedReply(db: Executor, input: typeof cannedReplies.$inferInsert): Promise<CannedReplyRow> {
  const [row] = await db.insert(cannedReplies).values(input).returning();
  return row;
}

export async function deleteCannedReply(db: Executor, id: string): Promise<boolean> {
  const rows = await db.delete(cannedReplies).where(eq(cannedReplies.id, id)).returning({ id: cannedReplies.id });
  return rows.length > 0;
}

/** Moves the read marker forward only (a late request from an old tab cannot mark messages unread again). */
export async function markRead(db: Executor, userId: string, conversationId: string, messageId: number): Promise<void> {
  await db
    .insert(inboxReadMarkers)
    .values({ userId, conversationId, lastReadMessageId: messageId })
    .onConflictDoUpdate({
      target: [inboxReadMarkers.userId, inboxReadMarkers.conversationId],
      set: { lastReadMessageId: sql`greatest(${inboxReadMarkers.lastReadMessageId}, ${messageId})`, updatedAt: new Date() },
    });
}

export async function countUnread(db: Executor, userId: string, conversationId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        eq(messages.direction, 'in'),
        sql`${messages.id} > coalesce((select r.last_read_message_id from ${inboxReadMarkers} r where r.user_id = ${userId} and r.conversation_id = ${conversationId}), 0)`,
      ),
    );
  return row.n;
}

export async function insertCsatQuestion(db: Executor, input: { conversationId: string; contactId: string; agentId: string | null; askedAt: Date }): Promise<void> {
  await db.insert(csatResponses).values(input).onConflictDoNothing();
}

/** The contact's latest unanswered CSAT question asked after `since`. */
export async function findPendingCsat(db: Executor, contactId: string, since: Date): Promise<CsatRow | undefined> {
  const [row] = await db
    .select()
    .from(csatResponses)
    .where(and(eq(csatResponses.contactId, contactId), isNull(csatResponses.answeredAt), sql`${csatResponses.askedAt} >= ${since}`))
    .orderBy(desc(csatResponses.askedAt))
    .limit(1);
  return row;
}

export async function answerCsat(db: Executor, id: string, score: number, at: Date): Promise<boolean> {
  const rows = await db.update(csatResponses).set({ score, answeredAt: at }).where(and(eq(csatResponses.id, id), isNull(csatResponses.answeredAt))).returning({ id: csatResponses.id });
  return rows.length > 0;
}

export async function findCsat(db: Executor, conversationId: string): Promise<CsatRow | undefined> {
  const [row] = await db.select().from(csatResponses).where(eq(csatResponses.conversationId, conversationId)).limit(1);
  return row;
}
