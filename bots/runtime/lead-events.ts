import type { LeadRow } from '../../core/repositories/leads';
import type { OutboxEvent } from '../../core/repositories/outbox';

/** The `lead.updated` outbox event of one lead version; CRM jobs are idempotent per (lead, version). */
export function leadUpdatedEvent(lead: LeadRow): OutboxEvent {
  return {
    topic: 'lead.updated',
    botId: lead.botId,
    aggregateId: lead.id,
    idempotencyKey: `lead:${lead.id}:v${lead.version}`,
    payload: {
      leadId: lead.id,
      contactId: lead.contactId,
      conversationId: lead.conversationId,
      version: lead.version,
      fields: lead.fields,
      score: lead.score,
      status: lead.status,
    },
  };
}
