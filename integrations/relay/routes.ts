/**
 * Topic → queues: where the outbox relay sends each event. A literal table; add a row for a new topic.
 * `fanOut: 'crm'` makes one job per enabled CRM connection of the bot (job id `<event key>:<connection id>`),
 * other targets get one job per event (job id = the event's idempotency key).
 */
export const queueNames = {
  crmSync: 'crm-sync',
  handoff: 'handoff',
  followUps: 'follow-ups',
} as const;
export type QueueName = (typeof queueNames)[keyof typeof queueNames];

export interface RouteTarget {
  queue: QueueName;
  fanOut?: 'crm';
}

export const outboxRoutes: Readonly<Record<string, readonly RouteTarget[]>> = {
  'lead.updated': [{ queue: queueNames.crmSync, fanOut: 'crm' }],
  'conversation.handoff': [{ queue: queueNames.crmSync, fanOut: 'crm' }, { queue: queueNames.handoff }],
  'conversation.closed': [{ queue: queueNames.crmSync, fanOut: 'crm' }],
  'crm.action': [{ queue: queueNames.crmSync, fanOut: 'crm' }],
  'followup.scheduled': [{ queue: queueNames.followUps }],
  // Score changes are recorded as events; nothing consumes them from a queue yet (the CRM gets the score
  // with the lead.updated of the same change). Route them here when a consumer exists.
  'lead.score_changed': [],
};

export const allQueueNames: readonly QueueName[] = Object.values(queueNames);

/** BullMQ job ids cannot contain ":" (except legacy 3-part ids); keep them readable and deterministic. */
export function jobIdFor(...parts: string[]): string {
  return parts.join(':').replace(/:/g, '|');
}
