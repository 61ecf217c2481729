/**
 * Bus event types the inbox publishes (server/realtime/bus.ts carries them to every instance). Besides these,
 * it publishes the runtime's `conversation.owner` on every transition (the widget shows it) and listens to
 * `message.created`.
 */
export const inboxEvents = {
  /** A conversation changed hands or details: { conversationId, transition, owner, agentId, previousAgentId }. */
  conversation: 'inbox.conversation',
  /** The queue changed: { conversationId, change: added | requeued }. */
  queue: 'inbox.queue',
  /** A private note: { conversationId, agentId, note }. */
  note: 'inbox.note',
  /** Typing, both ways: { conversationId, from: agent | contact, typing }. The widget shows `from: agent`. */
  typing: 'typing',
  /** SLA breaches and long waits: { kind: sla.first_response | queue.wait, conversationId, agentId? }. */
  alert: 'inbox.alert',
  /** A customer answered the CSAT question: { conversationId, agentId, score }. */
  csat: 'inbox.csat',
  /** An agent's status or settings changed: { agentId, status }. */
  agent: 'inbox.agent',
  /** A user read a conversation up to a message (their other tabs update unread counts): { userId, conversationId, messageId }. */
  read: 'inbox.read',
} as const;
