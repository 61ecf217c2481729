import type { MessageRow } from '../../core/repositories/messages';
import type { InboxListRow } from '../../core/repositories/inbox';

/** A message as the inbox shows it (the payload keeps buttons, media, quick replies). */
export function toInboxMessage(row: MessageRow) {
  return {
    id: row.id,
    conversationId: row.conversationId,
    direction: row.direction,
    sender: row.sender,
    senderId: row.senderId,
    type: row.type,
    text: row.text,
    payload: row.payload,
    deliveryStatus: row.deliveryStatus,
    createdAt: row.createdAt,
  };
}

const rtlLanguages = new Set(['ar', 'fa', 'he', 'ur']);
export const directionOf = (language: string | null | undefined): 'rtl' | 'ltr' => (rtlLanguages.has((language ?? '').split(/[-_]/)[0].toLowerCase()) ? 'rtl' : 'ltr');

export function contactName(contact: { firstName: string | null; lastName: string | null; email: string | null; phone: string | null }): string {
  return [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.email || contact.phone || 'Visitor';
}

export function toInboxItem(row: InboxListRow) {
  const r = row.request;
  return {
    conversationId: row.conversation.id,
    botId: row.conversation.botId,
    owner: row.conversation.owner,
    status: r.status,
    reason: r.reason,
    priority: r.priority,
    priorityLabel: r.priorityLabel,
    language: r.language,
    dir: directionOf(r.language),
    channel: row.channel,
    leadScore: row.lead?.score ?? r.leadScore,
    requestedAt: r.requestedAt,
    assignedAt: r.assignedAt,
    assignedAgentId: r.assignedAgentId,
    agentName: row.agentName ?? null,
    slaDueAt: r.slaDueAt,
    requeueCount: r.requeueCount,
    contact: { id: row.contact.id, name: contactName(row.contact), email: row.contact.email, phone: row.contact.phone },
    captured: { ...(row.contact.fields ?? {}), ...(row.lead?.fields ?? {}) },
    unread: row.unread,
    lastMessageId: row.lastMessageId ?? 0,
    lastMessageAt: row.conversation.lastMessageAt,
  };
}
