import { ConnectorError } from '../../../integrations/connectors/errors';
import { HubSpotConfigSchema } from '../../../integrations/connectors/hubspot/definition';
import { HubSpotClient } from '../../../integrations/connectors/hubspot/client';
import { markerFor } from '../../../integrations/connectors/mapping';
import { PipedriveClient } from '../../../integrations/connectors/pipedrive/client';
import { PipedriveConfigSchema } from '../../../integrations/connectors/pipedrive/definition';
import { SalesforceClient } from '../../../integrations/connectors/salesforce/client';
import { SalesforceConfigSchema } from '../../../integrations/connectors/salesforce/definition';
import type { CrmEvent, PushContext, RemoteLink } from '../../../integrations/connectors/types';
import { WebhookClient } from '../../../integrations/connectors/webhook/client';
import { WebhookConfigSchema } from '../../../integrations/connectors/webhook/definition';
import { FakeHubSpot } from '../../fakes/crm/hubspot';
import { FakePipedrive } from '../../fakes/crm/pipedrive';
import { FakeSalesforce } from '../../fakes/crm/salesforce';
import { FakeWebhookReceiver } from '../../fakes/crm/webhook-receiver';

function event(overrides: Partial<CrmEvent> = {}): CrmEvent {
  const key = overrides.idempotencyKey ?? 'closed:c1:conn1';
  return {
    topic: 'conversation.closed', eventKey: 'closed:c1', idempotencyKey: key, marker: markerFor(key), botId: 'demo', occurredAt: new Date('2025-01-02T10:42:00Z'),
    contact: { id: '7f3c1c52-4a51-4d43-9d8c-1f0c7d1c0001', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', phone: '+441234567890', locale: 'en', fields: {} },
    lead: { id: 'l1', fields: { company: 'Engines' }, score: 50, status: 'new', version: 2 },
    conversationId: 'c1',
    transcript: [{ at: new Date('2025-01-02T10:40:00Z'), sender: 'contact', text: 'I want a quote' }, { at: new Date('2025-01-02T10:41:00Z'), sender: 'bot', text: 'Sure' }],
    outcome: 'won',
    mapped: {},
    ...overrides,
  };
}

/** A PushContext that keeps steps in memory, like the worker does in the database. */
function memoryCtx(state: { steps: Record<string, string>; link?: RemoteLink }, uncertain = false): PushContext {
  return {
    link: state.link, steps: state.steps, uncertain,
    step: async (name, value, link) => {
      state.steps[name] = value;
      if (link) state.link = link;
    },
  };
}

describe('HubSpot client against the fake', () => {
  const fake = new FakeHubSpot();
  let client: HubSpotClient;
  beforeAll(async () => {
    await fake.start();
    client = new HubSpotClient(HubSpotConfigSchema.parse({ accessToken: fake.token, baseUrl: fake.url }), { timeoutMs: 500 });
  });
  afterAll(() => fake.close());

  it('upserts by email, attaches the transcript note, sets the outcome; a replay with uncertain outcome adds nothing', async () => {
    const e = event({ mapped: { email: 'ada@example.com', firstname: 'Ada', company: 'Engines' } });
    const state: { steps: Record<string, string>; link?: RemoteLink } = { steps: {} };
    await client.push(e, memoryCtx(state));
    const contact = fake.contactByEmail('ada@example.com')!;
    expect(contact.properties).toMatchObject({ firstname: 'Ada', company: 'Engines', lifecyclestage: 'customer' });
    expect(fake.notesFor(contact.id)).toHaveLength(1);
    expect(fake.notesFor(contact.id)[0].properties.hs_note_body).toContain('I want a quote');
    // a retry that lost every answer: no steps known, outcome uncertain
    await client.push(e, memoryCtx({ steps: {} }, true));
    expect(fake.contacts.size).toBe(1);
    expect(fake.notesFor(contact.id)).toHaveLength(1);
  });

  it('matches a phone-only contact by phone', async () => {
    const e = event({ contact: { ...event().contact, email: null, phone: '+15550001' }, mapped: { phone: '+15550001', firstname: 'Pho' }, topic: 'lead.updated', outcome: undefined });
    await client.push(e, memoryCtx({ steps: {} }));
    await client.push(e, memoryCtx({ steps: {} }));
    expect([...fake.contacts.values()].filter((c) => c.properties.phone === '+15550001')).toHaveLength(1);
  });

  it('classifies failures: 401 permanent with the API message, 429 with Retry-After, 5xx and timeouts transient', async () => {
    const bad = new HubSpotClient(HubSpotConfigSchema.parse({ accessToken: 'wrong', baseUrl: fake.url }), { timeoutMs: 300 });
    await expect(bad.check()).rejects.toMatchObject({ kind: 'permanent', status: 401, message: expect.stringContaining('401 The OAuth token') });
    fake.failNext(1, 429, { 'retry-after': '2' });
    await expect(client.check()).rejects.toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 2000 });
    fake.failNext(1, 503);
    await expect(client.check()).rejects.toMatchObject({ kind: 'transient', status: 503 });
    fake.timeoutNext(1);
    await expect(client.check()).rejects.toMatchObject({ kind: 'transient', message: expect.stringContaining('timeout') });
    fake.setDown(true);
    await expect(client.check()).rejects.toBeInstanceOf(ConnectorError);
    fake.setDown(false);
  });

  it('rejects an unknown mapped property as a permanent 400', async () => {
    const e = event({ contact: { ...event().contact, email: 'x@example.com' }, mapped: { budget_eur: '5000' }, topic: 'lead.updated' });
    await expect(client.push(e, memoryCtx({ steps: {} }))).rejects.toMatchObject({ kind: 'permanent', status: 400 });
  });
});

describe('Salesforce client against the fake', () => {
  const fake = new FakeSalesforce();
  let client: SalesforceClient;
  beforeAll(async () => {
    await fake.start();
    client = new SalesforceClient(SalesforceConfigSchema.parse({ instanceUrl: fake.url, accessToken: fake.token }));
  });
  afterAll(() => fake.close());

  it('upserts the Lead by external id with required fields, one Task per event, status from the outcome', async () => {
    const e = event({ mapped: { Email: 'ada@example.com', FirstName: 'Ada', LastName: 'Lovelace' } });
    await client.push(e, memoryCtx({ steps: {} }));
    await client.push(e, memoryCtx({ steps: {} }, true));
    expect(fake.leads.size).toBe(1);
    const lead = fake.leadByExternalId(e.contact.id)!;
    expect(lead.fields).toMatchObject({ Company: '[not provided]', LastName: 'Lovelace', Status: 'Closed - Converted', LeadSource: 'Chatbot' });
    expect(fake.tasks.size).toBe(1);
    expect([...fake.tasks.values()][0].fields).toMatchObject({ WhoId: lead.Id, Status: 'Completed' });
  });

  it('matches an existing Lead by email before creating one', async () => {
    const created = await fetch(`${fake.url}/services/data/v60.0/sobjects/Lead/Omnibot_Contact_Id__c/other`, {
      method: 'PATCH', headers: { authorization: `Bearer ${fake.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ LastName: 'Hopper', Company: 'Navy', Email: 'grace@example.com' }),
    });
    expect(created.status).toBe(201);
    const e = event({ topic: 'lead.updated', outcome: undefined, contact: { ...event().contact, id: 'c-grace', email: 'grace@example.com' }, mapped: { Email: 'grace@example.com', Title: 'Admiral' } });
    await client.push(e, memoryCtx({ steps: {} }));
    const grace = [...fake.leads.values()].filter((l) => l.fields.Email === 'grace@example.com');
    expect(grace).toHaveLength(1);
    expect(grace[0].fields).toMatchObject({ Title: 'Admiral', Omnibot_Contact_Id__c: 'c-grace' });
  });

  it('reports an expired token like Salesforce does', async () => {
    const bad = new SalesforceClient(SalesforceConfigSchema.parse({ instanceUrl: fake.url, accessToken: 'expired' }));
    await expect(bad.check()).rejects.toMatchObject({ kind: 'permanent', status: 401, message: '401 INVALID_SESSION_ID: Session expired or invalid' });
  });
});

describe('Pipedrive client against the fake', () => {
  const fake = new FakePipedrive();
  let client: PipedriveClient;
  beforeAll(async () => {
    await fake.start();
    client = new PipedriveClient(PipedriveConfigSchema.parse({ apiToken: fake.token, baseUrl: fake.url }));
  });
  afterAll(() => fake.close());

  it('creates person, lead and note once, even when a retry lost the answers', async () => {
    const e = event({ mapped: { name: 'Ada Lovelace', email: 'ada@example.com' }, outcome: 'lost' });
    await client.push(e, memoryCtx({ steps: {} }));
    await client.push(e, memoryCtx({ steps: {} }, true));
    expect(fake.persons.size).toBe(1);
    expect(fake.leads.size).toBe(1);
    expect(fake.notes).toHaveLength(1);
    expect([...fake.leads.values()][0].is_archived).toBe(true);
    expect(fake.notes[0].content).toContain('I want a quote');
  });

  it('authenticates with api_token', async () => {
    const bad = new PipedriveClient(PipedriveConfigSchema.parse({ apiToken: 'nope', baseUrl: fake.url }));
    await expect(bad.check()).rejects.toMatchObject({ kind: 'permanent', status: 401, message: '401 You need to be authorized to make this request.' });
  });
});

describe('webhook client against the receiver', () => {
  const receiver = new FakeWebhookReceiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.close());

  it('signs the body; the receiver verifies it and sees one event per id', async () => {
    const client = new WebhookClient(WebhookConfigSchema.parse({ url: `${receiver.url}/hooks/crm`, secret: receiver.secret }));
    await client.push(event(), memoryCtx({ steps: {} }));
    await client.push(event(), memoryCtx({ steps: {} }));
    expect(receiver.events.size).toBe(1);
    expect(receiver.duplicates).toBe(1);
    const body = receiver.events.get('closed:c1:conn1')!;
    expect(body).toMatchObject({ type: 'conversation.closed', botId: 'demo', data: { outcome: 'won' } });
    const wrong = new WebhookClient(WebhookConfigSchema.parse({ url: receiver.url, secret: 'another-secret-of-16+' }));
    await expect(wrong.push(event(), memoryCtx({ steps: {} }))).rejects.toMatchObject({ kind: 'permanent', status: 401 });
  });
});
