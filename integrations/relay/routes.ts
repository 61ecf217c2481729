/**
 * Topic → queues: where the outbox relay sends each event. A literal table; add a row for a new topic.
 * `fanOut: 'crm'` makes one job per enabled CRM connection of the bot (job id `<event key>:<connection id>`),
 * other targets get one job per event (job id = the event's idempotency key).
 */
export const queueNames = {
  crmSync: 'crm-sync',
} as const;
export type QueueName = (typeof queueNames)[keyof typeof queueNames];

export interface RouteTarget {
  queue: QueueName;
  fanOut?: 'crm';
}

export const outboxRoutes: Readonly<Record<string, readonly RouteTarget[]>> = {
  'lead.updated': [{ queue: queueNames.crmSync, fanOut: 'crm' }],
  'conversation.handoff': [{ queue: queueNames.crmSync, fanOut: 'crm' }],
  'conversation.closed': [{ queue: queueNames.crmSync, fanOut: 'crm' }],
  'crm.action': [{ queue: queueNames.crmSync, fanOut: 'crm' }],
  // Recorded as events, queued nowhere: a queue without a worker keeps every job waiting in Redis forever. Follow-ups
  // are sent by the follow-up scheduler, handoffs reach the inbox within the turn; score changes reach the CRM with the
  // lead.updated of the same change. Route a topic here when something consumes it from a queue.
  'followup.scheduled': [],
  'lead.score_changed': [],
};

export const allQueueNames: readonly QueueName[] = Object.values(queueNames);

/** BullMQ job ids cannot contain ":" (except legacy 3-part ids); keep them readable and deterministic. */
export function jobIdFor(...parts: string[]): string {
  return parts.join(':').replace(/:/g, '|');
}
