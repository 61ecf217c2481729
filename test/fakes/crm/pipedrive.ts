import { randomUUID } from 'node:crypto';
import { FakeHttpServer, type FakeRequest, type FakeResponse } from './base';

export interface PdPerson {
  id: number;
  name: string;
  emails: string[];
  phones: string[];
  custom: Record<string, unknown>;
}
export interface PdLead {
  id: string;
  title: string;
  person_id: number;
  is_archived: boolean;
  label_ids: string[];
}
export interface PdNote {
  id: number;
  content: string;
  person_id: number | null;
  lead_id: string | null;
}

const fail = (status: number, error: string): FakeResponse => ({ status, body: { success: false, error, errorCode: status, error_info: 'Please check developers.pipedrive.com for more information about Pipedrive API.' } });
const ok = (data: unknown, status = 200): FakeResponse => ({ status, body: { success: true, data } });

function values(input: unknown): string[] {
  if (input === undefined || input === null) return [];
  if (typeof input === 'string') return [input];
  if (Array.isArray(input)) return input.map((v) => (typeof v === 'string' ? v : String((v as { value?: unknown }).value ?? ''))).filter(Boolean);
  return [];
}

/** Pipedrive API v1 as far as we use it: persons (search, create, update), leads, notes; `api_token` query auth. */
export class FakePipedrive extends FakeHttpServer {
  readonly persons = new Map<number, PdPerson>();
  readonly leads = new Map<string, PdLead>();
  readonly notes: PdNote[] = [];
  private seq = 1;

  constructor(public token = 'pd-test-token-0123456789') {
    super();
  }

  protected override errorBody(status: number): unknown {
    if (status === 401) return { success: false, error: 'You need to be authorized to make this request.', errorCode: 401 };
    if (status === 429) return { success: false, error: 'Request over limit', errorCode: 429 };
    return { success: false, error: 'Internal server error', errorCode: status };
  }

  protected authenticate(req: FakeRequest): FakeResponse | undefined {
    if (req.query.get('api_token') !== this.token) return fail(401, 'You need to be authorized to make this request.');
    return undefined;
  }

  protected route(req: FakeRequest): FakeResponse {
    const { method, path } = req;
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (method === 'GET' && path === '/v1/users/me') return ok({ id: 1, name: 'Fake Admin' });
    if (method === 'GET' && path === '/v1/persons/search') return this.searchPersons(req.query);
    if (method === 'POST' && path === '/v1/persons') {
      if (typeof body.name !== 'string' || !body.name.trim()) return fail(400, 'Name must be given.');
      const { name, email, phone, ...custom } = body;
      const person: PdPerson = { id: this.seq++, name: String(name), emails: values(email), phones: values(phone), custom };
      this.persons.set(person.id, person);
      return ok(this.personView(person), 201);
    }
    const personId = /^\/v1\/persons\/(\d+)$/.exec(path);
    if (method === 'PUT' && personId) {
      const person = this.persons.get(Number(personId[1]));
      if (!person) return fail(404, 'Person not found');
      const { name, email, phone, ...custom } = body;
      if (name !== undefined) person.name = String(name);
      if (email !== undefined) person.emails = values(email);
      if (phone !== undefined) person.phones = values(phone);
      Object.assign(person.custom, custom);
      return ok(this.personView(person));
    }
    if (method === 'POST' && path === '/v1/leads') {
      if (typeof body.title !== 'string' || !body.title) return fail(400, 'Validation failed: title: Required');
      if (body.person_id === undefined && body.organization_id === undefined) return fail(400, 'A lead must be linked to a person or an organization');
      if (typeof body.person_id !== 'number' || !this.persons.has(body.person_id)) return fail(400, 'Validation failed: person_id: Person not found');
      const lead: PdLead = { id: randomUUID(), title: body.title, person_id: body.person_id, is_archived: false, label_ids: [] };
      this.leads.set(lead.id, lead);
      return ok(lead, 201);
    }
    if (method === 'GET' && path === '/v1/leads') {
      const pid = Number(req.query.get('person_id'));
      const list = [...this.leads.values()].filter((l) => !req.query.has('person_id') || l.person_id === pid);
      return ok(list.length ? list : null);
    }
    const leadId = /^\/v1\/leads\/([0-9a-f-]{36})$/.exec(path);
    if (method === 'PATCH' && leadId) {
      const lead = this.leads.get(leadId[1]);
      if (!lead) return fail(404, 'Lead not found');
      if (body.is_archived !== undefined) lead.is_archived = Boolean(body.is_archived);
      if (Array.isArray(body.label_ids)) lead.label_ids = body.label_ids.map(String);
      if (typeof body.title === 'string') lead.title = body.title;
      return ok(lead);
    }
    if (method === 'POST' && path === '/v1/notes') {
      if (typeof body.content !== 'string' || !body.content) return fail(400, 'Validation failed: content: Required');
      const person = body.person_id === undefined ? null : Number(body.person_id);
      const lead = body.lead_id === undefined ? null : String(body.lead_id);
      if (person === null && lead === null && body.deal_id === undefined && body.org_id === undefined) return fail(400, 'Note must be attached to a deal, person, organization or lead');
      if (person !== null && !this.persons.has(person)) return fail(400, 'Person not found');
      if (lead !== null && !this.leads.has(lead)) return fail(400, 'Lead not found');
      const note: PdNote = { id: this.seq++, content: body.content, person_id: person, lead_id: lead };
      this.notes.push(note);
      return ok(note, 201);
    }
    if (method === 'GET' && path === '/v1/notes') {
      const pid = req.query.get('person_id');
      const list = this.notes.filter((n) => pid === null || n.person_id === Number(pid));
      return ok(list.length ? list : null);
    }
    return fail(404, `Unknown method ${method} ${path}`);
  }

  private personView(p: PdPerson) {
    return { id: p.id, name: p.name, email: p.emails.map((value, i) => ({ value, primary: i === 0 })), phone: p.phones.map((value, i) => ({ value, primary: i === 0 })), ...p.custom };
  }

  private searchPersons(query: URLSearchParams): FakeResponse {
    const term = query.get('term') ?? '';
    if (term.length < 2) return fail(400, 'Search term must be at least 2 characters long');
    const field = query.get('fields') ?? 'name';
    const exact = query.get('exact_match') === 'true';
    const match = (v: string) => (exact ? v.toLowerCase() === term.toLowerCase() : v.toLowerCase().includes(term.toLowerCase()));
    const items = [...this.persons.values()]
      .filter((p) => (field === 'email' ? p.emails : field === 'phone' ? p.phones : [p.name]).some(match))
      .map((p) => ({ result_score: 1, item: { id: p.id, type: 'person', name: p.name, emails: p.emails, phones: p.phones } }));
    return ok({ items });
  }
}
