import { randomUUID } from 'node:crypto';
import { bearer, FakeHttpServer, type FakeRequest, type FakeResponse } from './base';

export interface HsObject {
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}
export interface HsNote extends HsObject {
  contactIds: string[];
}

const contactProperties = new Set(['email', 'firstname', 'lastname', 'phone', 'company', 'jobtitle', 'website', 'city', 'country', 'hs_lead_status', 'lifecyclestage', 'message']);
const err = (status: number, category: string, message: string): FakeResponse => ({ status, body: { status: 'error', message, correlationId: randomUUID(), category } });

/** HubSpot CRM v3 as far as we use it: contacts (create, patch, batch upsert by email, search), notes + associations. */
export class FakeHubSpot extends FakeHttpServer {
  readonly contacts = new Map<string, HsObject>();
  readonly notes: HsNote[] = [];
  private nextId = 1000;

  constructor(public token = 'pat-na1-test-token', readonly extraProperties: string[] = []) {
    super();
    for (const p of extraProperties) contactProperties.add(p);
  }

  contactByEmail(email: string): HsObject | undefined {
    return [...this.contacts.values()].find((c) => c.properties.email === email.toLowerCase());
  }

  notesFor(contactId: string): HsNote[] {
    return this.notes.filter((n) => n.contactIds.includes(contactId));
  }

  protected override errorBody(status: number): unknown {
    if (status === 429) return { status: 'error', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT', correlationId: randomUUID(), policyName: 'SECONDLY' };
    if (status === 401) return { status: 'error', message: 'Authentication credentials not found.', correlationId: randomUUID(), category: 'INVALID_AUTHENTICATION' };
    return { status: 'error', message: 'internal error', correlationId: randomUUID(), category: 'INTERNAL_ERROR' };
  }

  protected authenticate(req: FakeRequest): FakeResponse | undefined {
    const token = bearer(req);
    if (!token) return err(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview');
    if (token !== this.token) return err(401, 'INVALID_AUTHENTICATION', 'The OAuth token used to make this call expired 1 day(s) ago.');
    return undefined;
  }

  protected route(req: FakeRequest): FakeResponse {
    const { method, path } = req;
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (method === 'GET' && path === '/crm/v3/objects/contacts') return { status: 200, body: { results: [...this.contacts.values()].slice(0, Number(req.query.get('limit') ?? 10)) } };
    if (method === 'POST' && path === '/crm/v3/objects/contacts/batch/upsert') return this.batchUpsert(body);
    if (method === 'POST' && path === '/crm/v3/objects/contacts/search') return this.search([...this.contacts.values()], body);
    if (method === 'POST' && path === '/crm/v3/objects/contacts') return this.createContact(body);
    const patch = /^\/crm\/v3\/objects\/contacts\/([^/]+)$/.exec(path);
    if (method === 'PATCH' && patch) return this.patchContact(decodeURIComponent(patch[1]), body);
    if (method === 'POST' && path === '/crm/v3/objects/notes') return this.createNote(body);
    if (method === 'POST' && path === '/crm/v3/objects/notes/search') return this.search(this.notes, body);
    return err(404, 'OBJECT_NOT_FOUND', `no route ${method} ${path}`);
  }

  private checkProperties(properties: unknown): FakeResponse | Record<string, string> {
    if (!properties || typeof properties !== 'object' || Array.isArray(properties)) return err(400, 'VALIDATION_ERROR', 'Invalid input JSON: properties is required');
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(properties)) {
      if (!contactProperties.has(key)) return err(400, 'VALIDATION_ERROR', `Property values were not valid: [{"isValid":false,"message":"Property \\"${key}\\" does not exist","error":"PROPERTY_DOESNT_EXIST","name":"${key}"}]`);
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return err(400, 'VALIDATION_ERROR', `Property "${key}" must be a string`);
      out[key] = key === 'email' ? String(value).toLowerCase() : String(value);
    }
    return out;
  }

  private newObject(properties: Record<string, string>): HsObject {
    const now = new Date().toISOString();
    return { id: String(this.nextId++), properties, createdAt: now, updatedAt: now };
  }

  private batchUpsert(body: Record<string, unknown>): FakeResponse {
    const inputs = body.inputs;
    if (!Array.isArray(inputs) || inputs.length === 0) return err(400, 'VALIDATION_ERROR', 'Invalid input JSON: inputs is required');
    const results: (HsObject & { new: boolean })[] = [];
    for (const input of inputs as { id?: unknown; idProperty?: unknown; properties?: unknown }[]) {
      if (input.idProperty !== 'email') return err(400, 'VALIDATION_ERROR', 'idProperty must be a unique property such as email');
      if (typeof input.id !== 'string' || !input.id.includes('@')) return err(400, 'VALIDATION_ERROR', 'Email address is invalid');
      const props = this.checkProperties(input.properties ?? {});
      if ('status' in props && typeof props.status === 'number') return props as FakeResponse;
      const email = input.id.toLowerCase();
      const existing = this.contactByEmail(email);
      if (existing) {
        Object.assign(existing.properties, props, { email });
        existing.updatedAt = new Date().toISOString();
        results.push({ ...existing, new: false });
      } else {
        const created = this.newObject({ ...(props as Record<string, string>), email });
        this.contacts.set(created.id, created);
        results.push({ ...created, new: true });
      }
    }
    return { status: 200, body: { status: 'COMPLETE', results, startedAt: new Date().toISOString(), completedAt: new Date().toISOString() } };
  }

  private createContact(body: Record<string, unknown>): FakeResponse {
    const props = this.checkProperties(body.properties);
    if ('status' in props && typeof props.status === 'number') return props as FakeResponse;
    const p = props as Record<string, string>;
    if (p.email) {
      const existing = this.contactByEmail(p.email);
      if (existing) return err(409, 'CONFLICT', `Contact already exists. Existing ID: ${existing.id}`);
    }
    const created = this.newObject(p);
    this.contacts.set(created.id, created);
    return { status: 201, body: created };
  }

  private patchContact(id: string, body: Record<string, unknown>): FakeResponse {
    const contact = this.contacts.get(id);
    if (!contact) return err(404, 'OBJECT_NOT_FOUND', 'resource not found');
    const props = this.checkProperties(body.properties);
    if ('status' in props && typeof props.status === 'number') return props as FakeResponse;
    const p = props as Record<string, string>;
    if (p.email) {
      const other = this.contactByEmail(p.email);
      if (other && other.id !== id) return err(409, 'CONFLICT', `Contact already exists. Existing ID: ${other.id}`);
    }
    Object.assign(contact.properties, p);
    contact.updatedAt = new Date().toISOString();
    return { status: 200, body: contact };
  }

  private createNote(body: Record<string, unknown>): FakeResponse {
    const props = body.properties as Record<string, unknown> | undefined;
    if (!props || typeof props.hs_timestamp !== 'string' || Number.isNaN(Date.parse(props.hs_timestamp))) {
      return err(400, 'VALIDATION_ERROR', 'Property values were not valid: hs_timestamp is required');
    }
    const contactIds: string[] = [];
    for (const a of (body.associations ?? []) as { to?: { id?: string }; types?: { associationCategory?: string; associationTypeId?: number }[] }[]) {
      const type = a.types?.[0];
      if (!a.to?.id || type?.associationCategory !== 'HUBSPOT_DEFINED' || type.associationTypeId !== 202) return err(400, 'VALIDATION_ERROR', 'invalid association');
      if (!this.contacts.has(a.to.id)) return err(404, 'OBJECT_NOT_FOUND', `contact ${a.to.id} not found`);
      contactIds.push(a.to.id);
    }
    const note: HsNote = { ...this.newObject(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, String(v)]))), contactIds };
    this.notes.push(note);
    return { status: 201, body: note };
  }

  private search(objects: HsObject[], body: Record<string, unknown>): FakeResponse {
    const groups = (body.filterGroups ?? []) as { filters: { propertyName: string; operator: string; value: string }[] }[];
    const matches = objects.filter((o) =>
      groups.length === 0 ||
      groups.some((g) =>
        g.filters.every((f) => {
          const v = o.properties[f.propertyName];
          if (v === undefined) return false;
          if (f.operator === 'EQ') return v.toLowerCase() === String(f.value).toLowerCase();
          if (f.operator === 'CONTAINS_TOKEN') return v.split(/[^A-Za-z0-9_@.-]+/).includes(String(f.value));
          return false;
        }),
      ),
    );
    const limit = Number(body.limit ?? 10);
    return { status: 200, body: { total: matches.length, results: matches.slice(0, limit).map(({ id, properties, createdAt, updatedAt }) => ({ id, properties, createdAt, updatedAt })) } };
  }
}
