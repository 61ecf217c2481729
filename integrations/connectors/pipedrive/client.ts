import { pushToCrm, type CrmOperations } from '../crm-flow';
import { ConnectorError } from '../errors';
import { HttpClient } from '../http';
import { displayName, type NoteContent } from '../mapping';
import type { ClientOptions, ConnectorClient, CrmEvent, PushContext, RemoteLink } from '../types';
import type { PipedriveConfig } from './definition';

interface Envelope<T> {
  success: boolean;
  data: T;
}
interface SearchItems {
  items: { item: { id: number } }[];
}
interface PdLead {
  id: string;
  title: string;
  is_archived?: boolean;
}
interface PdNote {
  id: number;
  content: string;
}

/** Pipedrive API v1: persons (search by email, then phone), one lead per person, notes on person and lead. */
export class PipedriveClient implements ConnectorClient, CrmOperations {
  private readonly http: HttpClient;

  constructor(private readonly config: PipedriveConfig, options: ClientOptions = {}) {
    this.http = new HttpClient({
      baseUrl: config.baseUrl,
      timeoutMs: options.timeoutMs,
      fetch: options.fetch,
      errorMessage: (body) => (body && typeof body === 'object' && 'error' in body ? String((body as { error: unknown }).error) : undefined),
    });
  }

  private async call<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, body?: unknown, query: Record<string, string | number | boolean> = {}): Promise<T> {
    const res = await this.http.request<Envelope<T>>({ method, path, body, query: { ...query, api_token: this.config.apiToken } });
    return res.body?.data;
  }

  async check(): Promise<void> {
    await this.call('GET', '/v1/users/me');
  }

  push(event: CrmEvent, ctx: PushContext): Promise<void> {
    return pushToCrm(this, event, ctx);
  }

  private personBody(event: CrmEvent): Record<string, unknown> {
    const { name, email, phone, ...custom } = event.mapped;
    const body: Record<string, unknown> = { ...custom, name: name ?? displayName(event.contact) };
    if (email) body.email = [{ value: String(email), primary: true, label: 'work' }];
    if (phone) body.phone = [{ value: String(phone), primary: true, label: 'mobile' }];
    return body;
  }

  private async searchPerson(field: 'email' | 'phone', term: string): Promise<number | undefined> {
    const data = await this.call<SearchItems>('GET', '/v1/persons/search', undefined, { term, fields: field, exact_match: true, limit: 1 });
    return data?.items?.[0]?.item.id;
  }

  async upsertContact(event: CrmEvent, known: RemoteLink | undefined): Promise<RemoteLink> {
    const body = this.personBody(event);
    let personId: string | undefined;
    let created = false;
    if (known) {
      try {
        await this.call('PUT', `/v1/persons/${known.remoteId}`, body);
        personId = known.remoteId;
      } catch (error) {
        if (!(error instanceof ConnectorError && error.status === 404)) throw error;
      }
    }
    if (!personId) {
      const email = event.contact.email?.trim();
      const phone = event.contact.phone?.trim();
      if (!email && !phone) throw new ConnectorError('contact has neither email nor phone', 'skip');
      const found = (email && (await this.searchPerson('email', email))) || (phone && (await this.searchPerson('phone', phone))) || undefined;
      if (found) {
        await this.call('PUT', `/v1/persons/${found}`, body);
        personId = String(found);
      } else {
        const person = await this.call<{ id: number }>('POST', '/v1/persons', body);
        personId = String(person.id);
        created = true;
      }
    }
    const extra = { ...(known?.remoteId === personId ? known.extra : {}) };
    if (!extra.leadId) extra.leadId = await this.ensureLead(event, personId, created);
    return { remoteId: personId, extra };
  }

  /** One lead per person: reuse ours when it exists (a retry may have created it), else create it. */
  private async ensureLead(event: CrmEvent, personId: string, personIsNew: boolean): Promise<string> {
    const prefix = `${this.config.leadTitlePrefix}:`;
    if (!personIsNew) {
      const leads = await this.call<PdLead[] | null>('GET', '/v1/leads', undefined, { person_id: personId, limit: 100 });
      const ours = (leads ?? []).find((l) => l.title.startsWith(prefix));
      if (ours) return ours.id;
    }
    const lead = await this.call<PdLead>('POST', '/v1/leads', { title: `${prefix} ${displayName(event.contact)}`, person_id: Number(personId) });
    return lead.id;
  }

  async addNote(event: CrmEvent, link: RemoteLink, note: NoteContent, mayExist: boolean): Promise<string> {
    if (mayExist) {
      const notes = await this.call<PdNote[] | null>('GET', '/v1/notes', undefined, { person_id: link.remoteId, limit: 100, sort: 'id DESC' });
      const found = (notes ?? []).find((n) => n.content.includes(event.marker));
      if (found) return String(found.id);
    }
    const content = `<b>${note.subject}</b><br>${note.body.replace(/\n/g, '<br>')}`;
    const created = await this.call<PdNote>('POST', '/v1/notes', {
      content,
      person_id: Number(link.remoteId),
      ...(link.extra.leadId ? { lead_id: link.extra.leadId } : {}),
    });
    return String(created.id);
  }

  async setOutcome(_event: CrmEvent, link: RemoteLink, outcome: 'won' | 'lost'): Promise<void> {
    if (!link.extra.leadId) return;
    const label = outcome === 'won' ? this.config.wonLabelId : this.config.lostLabelId;
    await this.call('PATCH', `/v1/leads/${link.extra.leadId}`, { is_archived: outcome === 'lost', ...(label ? { label_ids: [label] } : {}) });
  }
}
