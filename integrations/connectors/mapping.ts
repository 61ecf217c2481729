import { createHash } from 'node:crypto';
import type { CrmEvent, SyncContact, SyncLead, TranscriptLine } from './types';

const contactColumns = ['firstName', 'lastName', 'email', 'phone', 'locale'] as const;

/**
 * Resolves one of our field names: a contact column (`email`, `firstName`, …), `score` / `status` of the lead,
 * `lead.<x>` / `contact.<x>` explicitly, or a bare captured field looked up in the lead then the contact fields.
 */
export function resolveField(name: string, contact: SyncContact, lead?: SyncLead): unknown {
  if ((contactColumns as readonly string[]).includes(name)) return contact[name as (typeof contactColumns)[number]];
  if (name === 'score') return lead?.score;
  if (name === 'status') return lead?.status;
  if (name === 'fullName') return [contact.firstName, contact.lastName].filter(Boolean).join(' ') || undefined;
  if (name.startsWith('lead.')) return lead?.fields[name.slice(5)];
  if (name.startsWith('contact.')) return contact.fields[name.slice(8)];
  return lead?.fields[name] ?? contact.fields[name];
}

/** Applies default + connection mapping (an empty target removes a default) and keeps values that are set. */
export function mapFields(
  contact: SyncContact,
  lead: SyncLead | undefined,
  defaults: Readonly<Record<string, string>>,
  mapping: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const merged: Record<string, string> = { ...defaults, ...mapping };
  const out: Record<string, unknown> = {};
  for (const [ours, theirs] of Object.entries(merged)) {
    if (!theirs) continue;
    const value = resolveField(ours, contact, lead);
    if (value === undefined || value === null || value === '') continue;
    out[theirs] = typeof value === 'object' ? JSON.stringify(value) : value;
  }
  return out;
}

/** Short token written into notes and tasks; a retry that lost the answer searches for it. */
export function markerFor(idempotencyKey: string): string {
  return `omnibotref${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)}`;
}

export function displayName(contact: SyncContact): string {
  return [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.email || contact.phone || 'Chat visitor';
}

const senderLabel: Record<TranscriptLine['sender'], string> = { contact: 'Customer', bot: 'Bot', agent: 'Agent', system: 'System' };

export function formatTranscript(lines: readonly TranscriptLine[]): string {
  return lines.map((l) => `[${l.at.toISOString().slice(0, 16).replace('T', ' ')}] ${senderLabel[l.sender]}: ${l.text}`).join('\n');
}

export interface NoteContent {
  subject: string;
  body: string;
}

/** The note/activity an event attaches, if any; the marker line makes it findable. */
export function noteFor(event: CrmEvent): NoteContent | undefined {
  const transcript = event.transcript?.length ? `\n\nTranscript:\n${formatTranscript(event.transcript)}` : '';
  const ref = `\n\nRef: ${event.marker}`;
  switch (event.topic) {
    case 'conversation.handoff': {
      const why = [event.handoff?.reason && `reason: ${event.handoff.reason}`, event.handoff?.priority && `priority: ${event.handoff.priority}`].filter(Boolean).join(', ');
      return { subject: 'Chat handed over to a sales rep', body: `Chat handed over to a sales rep${why ? ` (${why})` : ''}.${transcript}${ref}` };
    }
    case 'conversation.closed':
      return { subject: 'Chat transcript', body: `Chat closed${event.outcome ? `, outcome: ${event.outcome}` : ''}.${transcript}${ref}` };
    case 'crm.action': {
      if (event.action?.action !== 'note') return undefined;
      const text = typeof event.action.payload.text === 'string' ? event.action.payload.text : JSON.stringify(event.action.payload);
      return { subject: typeof event.action.payload.subject === 'string' ? event.action.payload.subject : 'Chatbot note', body: `${text}${ref}` };
    }
    case 'lead.updated':
      return undefined;
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}
