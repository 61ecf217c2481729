import { z } from 'zod';
import type { CrmTopic } from '../connectors/types';

/**
 * A crm-sync job: one outbox event for one CRM connection. Small and typed: ids only; the worker loads
 * contact, lead and transcript from the database, so a retry always sends the current state.
 */
export interface CrmSyncJobData {
  outboxId: number;
  topic: CrmTopic;
  botId: string;
  /** The outbox idempotency key. */
  eventKey: string;
  connectionId: string;
  /** When the event happened (outbox created_at), ISO. */
  occurredAt: string;
  contactId: string;
  leadId?: string;
  conversationId?: string;
  version?: number;
  handoff?: { reason?: string; priority?: string };
  outcome?: 'won' | 'lost' | 'not_a_lead' | null;
  /**
   * A flow's CRM/webhook block. Actions CRMs understand: `note` (payload.text, payload.subject) adds a note,
   * `update` (payload.fields: CRM field → value) sets fields; any other action upserts the contact.
   * `webhook` goes to webhook connections only (with `event`).
   */
  action?: { action: string; event?: string; payload: Record<string, unknown> };
}

/** What every other queue gets from the relay: the outbox row itself. */
export interface OutboxJobData {
  outboxId: number;
  topic: string;
  botId: string;
  aggregateId: string;
  idempotencyKey: string;
  payload: Record<string, unknown>;
  createdAt: string;
}

const id = z.string().min(1);
const LeadUpdated = z.object({ leadId: id, contactId: id, conversationId: id.nullish(), version: z.number().int() });
const Handoff = z.object({ conversationId: id, contactId: id, reason: z.string().nullish(), priority: z.union([z.string(), z.number()]).nullish() });
const Closed = z.object({ conversationId: id, contactId: id, outcome: z.enum(['won', 'lost', 'not_a_lead']).nullish() });
const Action = z.object({ action: z.string().min(1), event: z.string().nullish(), payload: z.record(z.string(), z.unknown()).nullish(), conversationId: id.nullish(), contactId: id, connectionId: id.optional() });

/** The per-topic part of a crm-sync job, from an outbox payload; throws a ZodError on a malformed payload. */
export function crmJobFields(topic: CrmTopic, payload: unknown): Omit<CrmSyncJobData, 'outboxId' | 'topic' | 'botId' | 'eventKey' | 'connectionId' | 'occurredAt'> & { onlyConnectionId?: string } {
  switch (topic) {
    case 'lead.updated': {
      const p = LeadUpdated.parse(payload);
      return { contactId: p.contactId, leadId: p.leadId, conversationId: p.conversationId ?? undefined, version: p.version };
    }
    case 'conversation.handoff': {
      const p = Handoff.parse(payload);
      return { contactId: p.contactId, conversationId: p.conversationId, handoff: { reason: p.reason ?? undefined, priority: p.priority == null ? undefined : String(p.priority) } };
    }
    case 'conversation.closed': {
      const p = Closed.parse(payload);
      return { contactId: p.contactId, conversationId: p.conversationId, outcome: p.outcome ?? null };
    }
    case 'crm.action': {
      const p = Action.parse(payload);
      const action = { action: p.action, payload: p.payload ?? {}, ...(p.event ? { event: p.event } : {}) };
      return { contactId: p.contactId, conversationId: p.conversationId ?? undefined, action, onlyConnectionId: p.connectionId };
    }
  }
}

/** What the admin looks up a record by. */
export function recordKeyFor(job: Pick<CrmSyncJobData, 'topic' | 'leadId' | 'conversationId' | 'contactId'>): string {
  if (job.topic === 'lead.updated' && job.leadId) return `lead:${job.leadId}`;
  if (job.conversationId) return `conversation:${job.conversationId}`;
  return `contact:${job.contactId}`;
}
