import { pushToCrm, type CrmOperations } from '../crm-flow';
import { ConnectorError } from '../errors';
import { HttpClient } from '../http';
import { escapeHtml, type NoteContent } from '../mapping';
import type { ClientOptions, ConnectorClient, CrmEvent, PushContext, RemoteLink } from '../types';
import type { HubSpotConfig } from './definition';

/** HubSpot-defined association type: note → contact. */
const NOTE_TO_CONTACT = 202;

interface HubSpotObject {
  id: string;
  properties: Record<string, string | null>;
}
interface SearchResult {
  total: number;
  results: HubSpotObject[];
}

/** HubSpot CRM v3: contacts (batch upsert by email, search by phone), notes associated to the contact. */
export class HubSpotClient implements ConnectorClient, CrmOperations {
  private readonly http: HttpClient;

  constructor(private readonly config: HubSpotConfig, options: ClientOptions = {}) {
    this.http = new HttpClient({
      baseUrl: config.baseUrl,
      timeoutMs: options.timeoutMs,
      fetch: options.fetch,
      errorMessage: (body) => (body && typeof body === 'object' && 'message' in body ? String((body as { message: unknown }).message) : undefined),
    });
  }

  private call<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, query?: Record<string, string>) {
    return this.http.request<T>({ method, path, body, query, headers: { authorization: `Bearer ${this.config.accessToken}` } });
  }

  async check(): Promise<void> {
    await this.call('GET', '/crm/v3/objects/contacts', undefined, { limit: '1' });
  }

  push(event: CrmEvent, ctx: PushContext): Promise<void> {
    return pushToCrm(this, event, ctx);
  }

  async upsertContact(event: CrmEvent, known: RemoteLink | undefined): Promise<RemoteLink> {
    const properties = stringProps(event.mapped);
    if (known) {
      try {
        await this.call('PATCH', `/crm/v3/objects/contacts/${encodeURIComponent(known.remoteId)}`, { properties });
        return known;
      } catch (error) {
        if (!(error instanceof ConnectorError && error.status === 404)) throw error;
      }
    }
    const email = event.contact.email?.trim().toLowerCase();
    if (email) {
      const res = await this.call<{ results: HubSpotObject[] }>('POST', '/crm/v3/objects/contacts/batch/upsert', {
        inputs: [{ idProperty: 'email', id: email, properties: { ...properties, email } }],
      });
      const id = res.body.results?.[0]?.id;
      if (!id) throw new ConnectorError('HubSpot upsert returned no contact id', 'transient', res.status);
      return { remoteId: id, extra: {} };
    }
    const phone = event.contact.phone?.trim();
    if (!phone) throw new ConnectorError('contact has neither email nor phone', 'skip');
    const found = await this.call<SearchResult>('POST', '/crm/v3/objects/contacts/search', {
      filterGroups: [{ filters: [{ propertyName: 'phone', operator: 'EQ', value: phone }] }],
      properties: ['phone'],
      limit: 1,
    });
    const existing = found.body.results?.[0];
    if (existing) {
      await this.call('PATCH', `/crm/v3/objects/contacts/${existing.id}`, { properties });
      return { remoteId: existing.id, extra: {} };
    }
    const created = await this.call<HubSpotObject>('POST', '/crm/v3/objects/contacts', { properties: { ...properties, phone } });
    return { remoteId: created.body.id, extra: {} };
  }

  async addNote(event: CrmEvent, link: RemoteLink, note: NoteContent, mayExist: boolean): Promise<string> {
    if (mayExist) {
      const found = await this.call<SearchResult>('POST', '/crm/v3/objects/notes/search', {
        filterGroups: [{ filters: [{ propertyName: 'hs_note_body', operator: 'CONTAINS_TOKEN', value: event.marker }] }],
        limit: 1,
      });
      if (found.body.results?.[0]) return found.body.results[0].id;
    }
    const body = `<p><strong>${escapeHtml(note.subject)}</strong></p><p>${escapeHtml(note.body).replace(/\n/g, '<br>')}</p>`;
    const created = await this.call<HubSpotObject>('POST', '/crm/v3/objects/notes', {
      properties: { hs_timestamp: event.occurredAt.toISOString(), hs_note_body: body },
      associations: [{ to: { id: link.remoteId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: NOTE_TO_CONTACT }] }],
    });
    return created.body.id;
  }

  async setOutcome(_event: CrmEvent, link: RemoteLink, outcome: 'won' | 'lost'): Promise<void> {
    await this.call('PATCH', `/crm/v3/objects/contacts/${encodeURIComponent(link.remoteId)}`, { properties: this.config.outcomeProperties[outcome] });
  }
}

function stringProps(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
}
