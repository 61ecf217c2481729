import type { Executor } from '../../core/db/client';
import { loadTranscript, type loadSyncJob } from '../../core/repositories/crm-sync';
import { mapFields, markerFor } from '../connectors/mapping';
import type { Connector, CrmEvent, SyncContact, SyncLead, TranscriptLine } from '../connectors/types';
import type { CrmSyncJobData } from './job';

type Loaded = NonNullable<Awaited<ReturnType<typeof loadSyncJob>>>;

/** Builds the connector's view of one event from the loaded rows (+ the transcript for conversation events). */
export async function buildCrmEvent(
  db: Executor,
  data: CrmSyncJobData,
  loaded: Loaded & { contact: NonNullable<Loaded['contact']> },
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  definition: Connector<any>,
): Promise<CrmEvent> {
  const c = loaded.contact;
  const contact: SyncContact = { id: c.id, firstName: c.firstName, lastName: c.lastName, email: c.email, phone: c.phone, locale: c.locale, fields: c.fields };
  const lead: SyncLead | undefined = loaded.lead
    ? { id: loaded.lead.id, fields: loaded.lead.fields, score: loaded.lead.score, status: loaded.lead.status, version: loaded.lead.version }
    : undefined;
  let mapped = mapFields(contact, lead, definition.defaultMapping, loaded.connection.fieldMapping);
  const actionFields = data.action?.action === 'update' ? data.action.payload.fields : undefined;
  if (actionFields && typeof actionFields === 'object') mapped = { ...mapped, ...(actionFields as Record<string, unknown>) };
  const wantsTranscript = data.conversationId && (data.topic === 'conversation.handoff' || data.topic === 'conversation.closed' || data.topic === 'crm.action');
  const transcript: TranscriptLine[] | undefined = wantsTranscript
    ? (await loadTranscript(db, data.conversationId!)).filter((m) => m.text.trim() !== '').map((m) => ({ at: m.at, sender: m.sender, text: m.text }))
    : undefined;
  const idempotencyKey = `${data.eventKey}:${data.connectionId}`;
  return {
    topic: data.topic,
    eventKey: data.eventKey,
    idempotencyKey,
    marker: markerFor(idempotencyKey),
    botId: data.botId,
    occurredAt: new Date(data.occurredAt),
    contact,
    lead,
    conversationId: data.conversationId,
    transcript,
    handoff: data.handoff,
    outcome: data.outcome,
    action: data.action,
    mapped,
  };
}
