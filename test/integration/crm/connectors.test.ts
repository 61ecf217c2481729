import { ConnectorError } from '../../../integrations/connectors/errors';
import { HubSpotConfigSchema } from '../../../integrations/connectors/hubspot/definition';
import { HubSpotClient } from '../../../integrations/connectors/hubspot/client';
import { markerFor } from '../../../integrations/connectors/mapping';
import { PipedriveClient } from '../../../integrations/connectors/pipedrive/client';
import { PipedriveConfigSchema } from '../../../integrations/connectors/pipedrive/definition';
import { SalesforceClient } from '../../../integrations/connectors/salesforce/client';
import { SalesforceConfigSchema } from '../../../integrations/connectors/salesforce/definition';
import type { CrmEvent, PushContext, RemoteLink, StoredCredentials } from '../../../integrations/connectors/types';
import { WebhookClient } from '../../../integrations/connectors/webhook/client';
import { WebhookConfigSchema } from '../../../integrations/connectors/webhook/definition';
import { FakeHubSpot } from '../../fakes/crm/hubspot';
import { FakePipedrive } from '../../fakes/crm/pipedrive';
import { FakeSalesforce, tokenPath } from '../../fakes/crm/salesforce';
import { FakeWebhookReceiver } from '../../fakes/crm/webhook-receiver';
import { fakePerTest } from './helpers';

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

describe('Salesforce client with a refresh token', () => {
  // a new fake per test: a new refresh token, so no test finds a token an earlier one refreshed
  const currentFake = fakePerTest(() => new FakeSalesforce());
  let fake: FakeSalesforce;
  beforeEach(() => {
    fake = currentFake();
  });

  const oauthConfig = (extra: Record<string, unknown> = {}) =>
    SalesforceConfigSchema.parse({ instanceUrl: fake.url, loginUrl: fake.url, accessToken: fake.token, ...fake.app, ...extra });
  const leadEvent = (email: string) =>
    event({ topic: 'lead.updated', outcome: undefined, contact: { ...event().contact, id: `c-${email}`, email }, mapped: { Email: email, LastName: 'Lovelace' } });
  const tokenRequests = () => fake.count('POST', tokenPath);

  it('refreshes an expired token once with the refresh token flow and retries the call: the lead lands once', async () => {
    const client = new SalesforceClient(oauthConfig());
    await client.push(leadEvent('first@example.com'), memoryCtx({ steps: {} }));
    fake.expireAccessToken();
    await client.push(leadEvent('second@example.com'), memoryCtx({ steps: {} }));
    expect(fake.refreshes).toBe(1);
    expect([...fake.leads.values()].map((l) => l.fields.Email).sort()).toEqual(['first@example.com', 'second@example.com']);
    const refresh = fake.requests.find((r) => r.path === tokenPath)!;
    expect(refresh.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(refresh.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(refresh.rawBody))).toEqual({
      grant_type: 'refresh_token', client_id: fake.app.clientId, client_secret: fake.app.clientSecret, refresh_token: fake.app.refreshToken,
    });
  });

  it('fetches a token before the first call when none is configured, on the instance the token answer names', async () => {
    const client = new SalesforceClient(oauthConfig({ accessToken: undefined, instanceUrl: 'http://127.0.0.1:9' }));
    await client.check();
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${tokenPath}`, 'GET /services/data/v60.0/sobjects/Lead/describe']);
  });

  it('shares one refresh between concurrent calls of one client and with the next client of the connection', async () => {
    const client = new SalesforceClient(oauthConfig());
    fake.expireAccessToken();
    await Promise.all([client.push(leadEvent('a@example.com'), memoryCtx({ steps: {} })), client.push(leadEvent('b@example.com'), memoryCtx({ steps: {} }))]);
    expect(tokenRequests()).toBe(1);
    // the worker builds a client per job: the next one starts from the refreshed token
    const before = fake.requests.length;
    await new SalesforceClient(oauthConfig({ accessToken: 'the-expired-token-in-the-config' })).check();
    expect(tokenRequests()).toBe(1);
    expect(fake.requests.slice(before).map((r) => r.headers.authorization)).toEqual([`Bearer ${fake.token}`]);
  });

  it('shares one refresh between concurrent jobs, each with its own client', async () => {
    const config = oauthConfig();
    fake.expireAccessToken();
    const pushes = ['a', 'b', 'c'].map((name) => new SalesforceClient(config).push(leadEvent(`${name}@example.com`), memoryCtx({ steps: {} })));
    await Promise.all(pushes);
    expect(tokenRequests()).toBe(1);
    expect(fake.leads.size).toBe(3);
  });

  it('a revoked refresh token is a permanent error naming the cause; nothing is created', async () => {
    const client = new SalesforceClient(oauthConfig());
    fake.revokeRefreshToken();
    const failure = client.push(leadEvent('revoked@example.com'), memoryCtx({ steps: {} }));
    await expect(failure).rejects.toMatchObject({ kind: 'permanent', status: 400 });
    await expect(failure).rejects.toThrow(/^Salesforce token refresh failed: 400 invalid_grant: expired access\/refresh token \(the refresh token was revoked/);
    expect(fake.leads.size).toBe(0);
    expect(tokenRequests()).toBe(1);
  });

  it('wrong connected-app credentials are permanent errors that say which setting is wrong', async () => {
    await expect(new SalesforceClient(oauthConfig({ accessToken: undefined, clientSecret: 'not-the-secret' })).check()).rejects.toMatchObject({ kind: 'permanent', message: expect.stringContaining('invalid_client: invalid client credentials (clientSecret') });
    await expect(new SalesforceClient(oauthConfig({ accessToken: undefined, clientId: 'not-the-key' })).check()).rejects.toMatchObject({ kind: 'permanent', message: expect.stringContaining('invalid_client_id') });
  });

  it('a token endpoint answering 5xx or unreachable is transient; the next attempt refreshes and succeeds', async () => {
    const client = new SalesforceClient(oauthConfig(), { timeoutMs: 1000 });
    const unreachable = new SalesforceClient(oauthConfig({ loginUrl: 'http://127.0.0.1:9' }), { timeoutMs: 1000 });
    fake.expireAccessToken();
    fake.failNextAt(tokenPath, 1, 500, { error: 'unknown_error', error_description: 'retry your request' });
    await expect(client.check()).rejects.toMatchObject({ kind: 'transient', status: 500, message: 'Salesforce token refresh failed: 500 unknown_error: retry your request' });
    await expect(unreachable.check()).rejects.toMatchObject({ kind: 'transient', message: expect.stringMatching(/^Salesforce token refresh failed: POST \/services\/oauth2\/token: network error/) });
    await client.check();
    expect(fake.refreshes).toBe(1);
  });

  /** A stored config in memory, as the worker's `storedCredentials` keeps it in crm_connections. */
  const memoryStore = (config: Record<string, unknown>) => {
    const stored = { ...config };
    const credentials: StoredCredentials = {
      reload: async () => ({ ...stored }),
      replace: async (from, to) => {
        if (Object.entries(from).every(([key, value]) => stored[key] === value)) Object.assign(stored, to);
      },
    };
    return { stored, credentials };
  };

  it('with refresh token rotation, stores each new refresh token and refreshes with it the next time', async () => {
    fake.rotateRefreshTokens = true;
    const granted = fake.app.refreshToken;
    const config = oauthConfig();
    const { stored, credentials } = memoryStore(config);
    fake.expireAccessToken();
    await new SalesforceClient(config, { credentials }).push(leadEvent('one@example.com'), memoryCtx({ steps: {} }));
    expect(stored.refreshToken).toBe(fake.app.refreshToken);
    expect(stored.refreshToken).not.toBe(granted);
    // The next session timeout: a client built from the stored config refreshes with the rotated token.
    fake.expireAccessToken();
    await new SalesforceClient(SalesforceConfigSchema.parse(stored), { credentials }).push(leadEvent('two@example.com'), memoryCtx({ steps: {} }));
    expect(fake.refreshes).toBe(2);
    expect(stored.refreshToken).toBe(fake.app.refreshToken);
    expect(fake.leads.size).toBe(2);
  });

  it('with rotation, a client built from a config read before the rotation starts from the new token', async () => {
    fake.rotateRefreshTokens = true;
    const stale = oauthConfig();
    const { stored, credentials } = memoryStore(stale);
    fake.expireAccessToken();
    await new SalesforceClient(stale, { credentials }).check();
    fake.expireAccessToken();
    await new SalesforceClient(stale, { credentials }).check();
    expect(fake.refreshes).toBe(2);
    expect(tokenRequests()).toBe(2);
    expect(stored.refreshToken).toBe(fake.app.refreshToken);
  });

  it('with rotation, a token another process already used is looked up again in the stored config', async () => {
    fake.rotateRefreshTokens = true;
    const stale = oauthConfig();
    const { stored, credentials } = memoryStore(stale);
    // Another worker process refreshed, rotated and stored the new token; this one still has the old.
    fake.expireAccessToken();
    const before = fake.refreshes;
    await new SalesforceClient(stale, { credentials: memoryStore(stale).credentials }).check();
    stored.refreshToken = fake.app.refreshToken;
    fake.expireAccessToken();
    await new SalesforceClient({ ...stale, refreshToken: 'a-token-the-org-retired' }, { credentials }).check();
    expect(fake.refreshes - before).toBe(2);
    expect(stored.refreshToken).toBe(fake.app.refreshToken);
  });

  it('with rotation, a new token that cannot be stored fails the job as transient, and its retry stores it', async () => {
    fake.rotateRefreshTokens = true;
    const config = oauthConfig();
    const { stored, credentials } = memoryStore(config);
    let down = true;
    const flaky: StoredCredentials = { reload: credentials.reload, replace: async (from, to) => (down ? Promise.reject(new Error('database away')) : credentials.replace(from, to)) };
    fake.expireAccessToken();
    await expect(new SalesforceClient(config, { credentials: flaky }).check()).rejects.toMatchObject({ kind: 'transient', message: expect.stringContaining('could not be stored') });
    down = false;
    await new SalesforceClient(SalesforceConfigSchema.parse(stored), { credentials: flaky }).check();
    expect(stored.refreshToken).toBe(fake.app.refreshToken);
    expect(fake.refreshes).toBe(1);
  });

  it('a second 401 right after a refresh is permanent, with no further refresh', async () => {
    const describePath = '/services/data/v60.0/sobjects/Lead/describe';
    fake.failNextAt(describePath, 2, 401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    await expect(new SalesforceClient(oauthConfig()).check()).rejects.toMatchObject({
      kind: 'permanent', status: 401, message: 'Salesforce rejected a freshly refreshed access token: 401 INVALID_SESSION_ID: Session expired or invalid',
    });
    expect(tokenRequests()).toBe(1);
    expect(fake.count('GET', describePath)).toBe(2);
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
