import { createHmac, randomBytes } from 'node:crypto';
import { bearer, FakeHttpServer, isFormEncoded, type FakeRequest, type FakeResponse } from './base';

export interface SfRecord {
  Id: string;
  fields: Record<string, unknown>;
}

const leadFields = new Set(['FirstName', 'LastName', 'Company', 'Email', 'Phone', 'Title', 'Status', 'Rating', 'Description', 'City', 'Country', 'LeadSource', 'IsConverted']);
const taskFields = new Set(['Subject', 'Description', 'WhoId', 'WhatId', 'Status', 'ActivityDate', 'Priority', 'TaskSubtype']);
const sfErr = (status: number, errorCode: string, message: string, fields?: string[]): FakeResponse => ({ status, body: [{ message, errorCode, ...(fields ? { fields } : {}) }] });
const oauthErr = (error: string, description: string): FakeResponse => ({ status: 400, body: { error, error_description: description } });

export const tokenPath = '/services/oauth2/token';
const orgId = '00Dxx0000001gPLEAY';
const userId = '005xx000001SwiUAAS';
const newRefreshToken = () => `5Aep861Fake${randomBytes(8).toString('hex')}`;

/** The connected app and the refresh token one user granted it. */
export interface FakeConnectedApp {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

/**
 * Salesforce REST as far as we use it: Lead upsert by external id / patch by Id, SOQL lookups by field, Task
 * upsert; and the OAuth refresh token flow (`POST /services/oauth2/token`, form-encoded) that renews `token`.
 */
export class FakeSalesforce extends FakeHttpServer {
  readonly leads = new Map<string, SfRecord>();
  readonly tasks = new Map<string, SfRecord>();
  /** Token requests that got an access token. */
  refreshes = 0;
  /** Refresh token rotation (a connected app setting): each refresh issues a new refresh token and retires the one used. */
  rotateRefreshTokens = false;
  readonly app: FakeConnectedApp = { clientId: '3MVG9FakeConsumerKey', clientSecret: 'FakeConsumerSecret0123', refreshToken: newRefreshToken() };
  private seq = 1;

  constructor(
    public token = '00Dxx0000001gPL!AQ4AQFakeToken',
    readonly leadExternalIdField = 'Omnibot_Contact_Id__c',
    readonly taskExternalIdField = 'Omnibot_Key__c',
  ) {
    super();
  }

  /** The session ends (as after its timeout): API calls with the current token answer 401 until a refresh. */
  expireAccessToken(): void {
    this.token = `${orgId.slice(0, 15)}!AQ4AQ${randomBytes(24).toString('base64url')}`;
  }

  /** An admin revoked the app's access: the refresh token answers invalid_grant, its session ends. */
  revokeRefreshToken(): void {
    this.app.refreshToken = newRefreshToken();
    this.expireAccessToken();
  }

  leadByExternalId(value: string): SfRecord | undefined {
    return [...this.leads.values()].find((l) => l.fields[this.leadExternalIdField] === value);
  }

  protected override errorBody(status: number): unknown {
    if (status === 401) return [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
    if (status === 429) return [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }];
    return [{ message: 'An unexpected error occurred.', errorCode: 'UNKNOWN_EXCEPTION' }];
  }

  protected authenticate(req: FakeRequest): FakeResponse | undefined {
    if (req.path === tokenPath) return undefined; // the client authenticates in the form body
    if (bearer(req) !== this.token) return sfErr(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    return undefined;
  }

  /** The refresh token flow, answering like Salesforce does (errors are 400 with an OAuth error code). */
  private tokenEndpoint(req: FakeRequest): FakeResponse {
    if (req.method !== 'POST' || !isFormEncoded(req.headers)) return oauthErr('unsupported_grant_type', 'grant type not supported');
    const form = req.body as Record<string, string>;
    if (form.grant_type !== 'refresh_token') return oauthErr('unsupported_grant_type', 'grant type not supported');
    if (form.client_id !== this.app.clientId) return oauthErr('invalid_client_id', 'client identifier invalid');
    if (form.client_secret !== this.app.clientSecret) return oauthErr('invalid_client', 'invalid client credentials');
    if (form.refresh_token !== this.app.refreshToken) return oauthErr('invalid_grant', 'expired access/refresh token');
    this.refreshes++;
    const id = `${this.url}/id/${orgId}/${userId}`;
    const issuedAt = String(Date.now());
    const signature = createHmac('sha256', this.app.clientSecret).update(id + issuedAt).digest('base64');
    if (this.rotateRefreshTokens) this.app.refreshToken = newRefreshToken();
    const rotated = this.rotateRefreshTokens ? { refresh_token: this.app.refreshToken } : {};
    return { status: 200, body: { access_token: this.token, ...rotated, instance_url: this.url, id, token_type: 'Bearer', issued_at: issuedAt, signature } };
  }

  private newId(prefix: string): string {
    return `${prefix}${String(this.seq++).padStart(12, '0')}AAA`;
  }

  protected route(req: FakeRequest): FakeResponse {
    if (req.path === tokenPath) return this.tokenEndpoint(req);
    const m = /^\/services\/data\/v\d+\.\d\/(.*)$/.exec(req.path);
    if (!m) return sfErr(404, 'NOT_FOUND', 'The requested resource does not exist');
    const rest = m[1];
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (req.method === 'GET' && rest === 'sobjects/Lead/describe') return { status: 200, body: { name: 'Lead', fields: [...leadFields].map((name) => ({ name })) } };
    if (req.method === 'GET' && rest === 'query') return this.query(req.query.get('q') ?? '');
    const upsert = /^sobjects\/(Lead|Task)\/([A-Za-z0-9_]+)\/([^/]+)$/.exec(rest);
    if (req.method === 'PATCH' && upsert) return this.upsert(upsert[1] as 'Lead' | 'Task', upsert[2], decodeURIComponent(upsert[3]), body);
    const byId = /^sobjects\/Lead\/([A-Za-z0-9]{15,18})$/.exec(rest);
    if (req.method === 'PATCH' && byId) {
      const lead = this.leads.get(byId[1]);
      if (!lead) return sfErr(404, 'NOT_FOUND', 'The requested resource does not exist');
      const invalid = this.invalidField('Lead', body);
      if (invalid) return invalid;
      if (lead.fields.IsConverted) return sfErr(400, 'CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead');
      Object.assign(lead.fields, body);
      return { status: 204 };
    }
    return sfErr(404, 'NOT_FOUND', 'The requested resource does not exist');
  }

  private invalidField(object: 'Lead' | 'Task', body: Record<string, unknown>): FakeResponse | undefined {
    const allowed = object === 'Lead' ? leadFields : taskFields;
    const extId = object === 'Lead' ? this.leadExternalIdField : this.taskExternalIdField;
    for (const key of Object.keys(body)) {
      if (!allowed.has(key) && key !== extId) return sfErr(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${object}`);
    }
    return undefined;
  }

  private upsert(object: 'Lead' | 'Task', field: string, value: string, body: Record<string, unknown>): FakeResponse {
    const extId = object === 'Lead' ? this.leadExternalIdField : this.taskExternalIdField;
    if (field !== extId) return sfErr(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${field}`);
    if (extId in body) return sfErr(400, 'INVALID_FIELD', `The external ID field ${extId} may not be set in the request body`);
    const invalid = this.invalidField(object, body);
    if (invalid) return invalid;
    const store = object === 'Lead' ? this.leads : this.tasks;
    const existing = [...store.values()].find((r) => r.fields[extId] === value);
    if (existing) {
      Object.assign(existing.fields, body);
      return { status: 200, body: { id: existing.Id, success: true, errors: [], created: false } };
    }
    const required = object === 'Lead' ? ['LastName', 'Company'] : ['Subject'];
    const missing = required.filter((f) => !body[f]);
    if (missing.length) return sfErr(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
    if (object === 'Task' && body.WhoId && !this.leads.has(String(body.WhoId))) return sfErr(400, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', ['WhoId']);
    const record: SfRecord = { Id: this.newId(object === 'Lead' ? '00Q' : '00T'), fields: { ...body, [extId]: value } };
    store.set(record.Id, record);
    return { status: 201, body: { id: record.Id, success: true, errors: [], created: true } };
  }

  private query(soql: string): FakeResponse {
    const m = /^SELECT Id FROM Lead WHERE (\w+) = '((?:[^'\\]|\\.)*)'( AND IsConverted = false)? LIMIT (\d+)$/i.exec(soql.trim());
    if (!m) return sfErr(400, 'MALFORMED_QUERY', `unsupported query in fake: ${soql}`);
    const [, field, raw, notConverted] = m;
    if (!leadFields.has(field) && field !== this.leadExternalIdField) return sfErr(400, 'INVALID_FIELD', `No such column '${field}' on entity 'Lead'`);
    const value = raw.replace(/\\(.)/g, '$1');
    const records = [...this.leads.values()]
      .filter((l) => String(l.fields[field] ?? '').toLowerCase() === value.toLowerCase() && (!notConverted || !l.fields.IsConverted))
      .slice(0, Number(m[4]))
      .map((l) => ({ attributes: { type: 'Lead', url: `/services/data/v60.0/sobjects/Lead/${l.Id}` }, Id: l.Id }));
    return { status: 200, body: { totalSize: records.length, done: true, records } };
  }
}
