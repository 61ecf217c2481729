import { pushToCrm, type CrmOperations } from '../crm-flow';
import { ConnectorError } from '../errors';
import { HttpClient, type HttpRequest } from '../http';
import { displayName, type NoteContent } from '../mapping';
import type { ClientOptions, ConnectorClient, CrmEvent, PushContext, RemoteLink } from '../types';
import type { SalesforceConfig } from './definition';
import { SalesforceSession, type SalesforceAccess } from './session';

interface UpsertResult {
  id: string;
  success: boolean;
  created: boolean;
}

type RestCall = Pick<HttpRequest, 'body' | 'query'> & { method: 'GET' | 'PATCH' | 'POST'; path: string };

/** Salesforce REST: Lead upsert by external id (matched by email, then phone first), a Task for the transcript. */
export class SalesforceClient implements ConnectorClient, CrmOperations {
  private readonly base: string;
  private readonly session: SalesforceSession;
  /** The REST client of the instance the current token belongs to (a token refresh may name another). */
  private rest?: { instanceUrl: string; http: HttpClient };

  constructor(private readonly config: SalesforceConfig, private readonly options: ClientOptions = {}) {
    this.base = `/services/data/${config.apiVersion}`;
    this.session = new SalesforceSession(config, options);
  }

  /** A 401 (INVALID_SESSION_ID, usually an expired token) renews the token, when it can, and tries once more. */
  private async call<T>(method: RestCall['method'], path: string, body?: unknown, query?: Record<string, string>) {
    const request: RestCall = { method, path: this.base + path, body, query };
    const access = await this.session.current();
    try {
      return await this.send<T>(access, request);
    } catch (error) {
      const renewed = isSessionRejected(error) ? await this.session.renew(access) : undefined;
      if (!renewed) throw error;
      return this.sendRenewed<T>(renewed, request);
    }
  }

  /** The one retry after a refresh: a token rejected right after it was issued will not get better by retrying. */
  private async sendRenewed<T>(access: SalesforceAccess, request: RestCall) {
    try {
      return await this.send<T>(access, request);
    } catch (error) {
      if (!isSessionRejected(error)) throw error;
      throw new ConnectorError(`Salesforce rejected a freshly refreshed access token: ${error.message}`, 'permanent', error.status, undefined, { cause: error });
    }
  }

  private send<T>(access: SalesforceAccess, request: RestCall) {
    return this.restClient(access.instanceUrl).request<T>({ ...request, headers: { authorization: `Bearer ${access.accessToken}` } });
  }

  private restClient(instanceUrl: string): HttpClient {
    if (this.rest?.instanceUrl !== instanceUrl) {
      const http = new HttpClient({
        baseUrl: instanceUrl,
        timeoutMs: this.options.timeoutMs,
        fetch: this.options.fetch,
        // Salesforce errors are arrays: [{ message, errorCode, fields }]
        errorMessage: (body) => (Array.isArray(body) && body[0]?.message ? `${body[0].errorCode}: ${body[0].message}` : undefined),
      });
      this.rest = { instanceUrl, http };
    }
    return this.rest.http;
  }

  async check(): Promise<void> {
    await this.call('GET', '/sobjects/Lead/describe');
  }

  push(event: CrmEvent, ctx: PushContext): Promise<void> {
    return pushToCrm(this, event, ctx);
  }

  private leadFields(event: CrmEvent): Record<string, unknown> {
    const fields: Record<string, unknown> = { LeadSource: this.config.leadSource, ...event.mapped };
    delete fields[this.config.externalIdField];
    if (!fields.LastName) fields.LastName = event.contact.lastName || displayName(event.contact);
    if (!fields.Company) fields.Company = this.config.defaultCompany;
    return fields;
  }

  async upsertContact(event: CrmEvent, known: RemoteLink | undefined): Promise<RemoteLink> {
    const fields = this.leadFields(event);
    if (known) {
      try {
        await this.call('PATCH', `/sobjects/Lead/${encodeURIComponent(known.remoteId)}`, fields);
        return known;
      } catch (error) {
        if (!(error instanceof ConnectorError && error.status === 404)) throw error;
      }
    }
    const existing = (event.contact.email && (await this.findLead('Email', event.contact.email))) || (event.contact.phone && (await this.findLead('Phone', event.contact.phone)));
    if (existing) {
      await this.call('PATCH', `/sobjects/Lead/${existing}`, { ...fields, [this.config.externalIdField]: event.contact.id });
      return { remoteId: existing, extra: {} };
    }
    if (!event.contact.email && !event.contact.phone) throw new ConnectorError('contact has neither email nor phone', 'skip');
    const path = `/sobjects/Lead/${this.config.externalIdField}/${encodeURIComponent(event.contact.id)}`;
    const res = await this.call<UpsertResult | undefined>('PATCH', path, fields);
    // 201 (created) and 200 (updated, API ≥ 46) carry the id; older versions answer 204 without body.
    const id = res.body?.id ?? (await this.findLead(this.config.externalIdField, event.contact.id));
    if (!id) throw new ConnectorError('Salesforce upsert returned no Lead id', 'transient', res.status);
    return { remoteId: id, extra: {} };
  }

  private async findLead(field: string, value: string): Promise<string | undefined> {
    const soql = `SELECT Id FROM Lead WHERE ${field} = '${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}' AND IsConverted = false LIMIT 1`;
    const res = await this.call<{ records: { Id: string }[] }>('GET', '/query', undefined, { q: soql });
    return res.body.records?.[0]?.Id;
  }

  async addNote(event: CrmEvent, link: RemoteLink, note: NoteContent): Promise<string> {
    // Upsert by the marker as external id: naturally idempotent, no lookup needed after a lost answer.
    const path = `/sobjects/Task/${this.config.taskExternalIdField}/${event.marker}`;
    const res = await this.call<UpsertResult | undefined>('PATCH', path, {
      Subject: note.subject.slice(0, 255),
      Description: note.body.slice(0, 32000),
      WhoId: link.remoteId,
      Status: 'Completed',
      ActivityDate: event.occurredAt.toISOString().slice(0, 10),
    });
    return res.body?.id ?? event.marker;
  }

  async setOutcome(_event: CrmEvent, link: RemoteLink, outcome: 'won' | 'lost'): Promise<void> {
    await this.call('PATCH', `/sobjects/Lead/${encodeURIComponent(link.remoteId)}`, { Status: this.config.statusMap[outcome] });
  }
}

function isSessionRejected(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError && error.status === 401;
}
