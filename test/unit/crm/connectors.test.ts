import { ConnectorError, parseRetryAfter } from '../../../integrations/connectors/errors';
import { mapFields, markerFor, noteFor } from '../../../integrations/connectors/mapping';
import { connectorDefinitions, maskConfig, mergeSecrets, parseConnectorConfig } from '../../../integrations/connectors/registry';
import type { CrmEvent } from '../../../integrations/connectors/types';
import { signWebhook, verifyWebhookSignature } from '../../../integrations/connectors/webhook/signature';
import { crmJobFields, recordKeyFor } from '../../../integrations/crm-sync/job';
import { crmBackoffDelay } from '../../../integrations/crm-sync/options';
import { jobIdFor, outboxRoutes, queueNames } from '../../../integrations/relay/routes';

const contact = { id: 'c1', firstName: 'Ada', lastName: null, email: 'ada@example.com', phone: null, locale: 'en', fields: { city: 'London' } };
const lead = { id: 'l1', fields: { company: 'Engines', budget: 5000 }, score: 42, status: 'new', version: 3 };

describe('connector registry', () => {
  it('is a literal list with one definition per type, each with a default mapping onto known fields', () => {
    expect(connectorDefinitions.map((d) => d.type)).toEqual(['hubspot', 'salesforce', 'pipedrive', 'webhook']);
    for (const d of connectorDefinitions) {
      if (d.fields.length === 0) continue;
      for (const target of Object.values(d.defaultMapping)) expect(d.fields.map((f) => f.name)).toContain(target);
    }
  });

  it('validates configs, names the bad field, applies defaults', () => {
    expect(parseConnectorConfig('hubspot', { accessToken: 't' })).toMatchObject({ baseUrl: 'https://api.hubapi.com', rateLimitPerSecond: 10 });
    expect(() => parseConnectorConfig('webhook', { url: 'ftp://x', secret: 'short' })).toThrow(/url/);
    expect(() => parseConnectorConfig('salesforce', { instanceUrl: 'https://x.my.salesforce.com', accessToken: 't', externalIdField: 'bad field' })).toThrow(/externalIdField/);
    expect(() => parseConnectorConfig('zoho', {})).toThrow(/unknown connector type/);
  });

  it('Salesforce: an access token, or refreshToken with clientId and clientSecret to fetch one; loginUrl must be a URL', () => {
    const instanceUrl = 'https://acme.my.salesforce.com';
    const refresh = { refreshToken: '5Aep861refresh', clientId: '3MVG9consumer', clientSecret: 'consumer-secret' };
    expect(parseConnectorConfig('salesforce', { instanceUrl, ...refresh })).toMatchObject({ ...refresh, loginUrl: 'https://login.salesforce.com' });
    expect(parseConnectorConfig('salesforce', { instanceUrl, ...refresh, loginUrl: 'https://test.salesforce.com' })).toMatchObject({ loginUrl: 'https://test.salesforce.com' });
    expect(() => parseConnectorConfig('salesforce', { instanceUrl })).toThrow(
      'invalid Salesforce config: accessToken is required unless refreshToken, clientId and clientSecret are given to fetch one',
    );
    expect(() => parseConnectorConfig('salesforce', { instanceUrl, accessToken: 't', refreshToken: '5Aep861refresh', clientId: '3MVG9consumer' })).toThrow(
      'invalid Salesforce config: clientSecret is required with refreshToken and clientId: a token refresh needs refreshToken, clientId and clientSecret',
    );
    expect(() => parseConnectorConfig('salesforce', { instanceUrl, ...refresh, loginUrl: 'test.salesforce.com' })).toThrow(
      'invalid Salesforce config: loginUrl must be a URL like https://login.salesforce.com or https://test.salesforce.com',
    );
  });

  it('masks secrets and keeps them when sent back masked or omitted', () => {
    const masked = maskConfig('pipedrive', { apiToken: 'abcdef123456', baseUrl: 'https://x' });
    expect(masked).toEqual({ apiToken: '••••3456', baseUrl: 'https://x' });
    expect(mergeSecrets('pipedrive', { apiToken: 'abcdef123456' }, masked)).toMatchObject({ apiToken: 'abcdef123456' });
    expect(mergeSecrets('pipedrive', { apiToken: 'abcdef123456' }, { baseUrl: 'y' })).toMatchObject({ apiToken: 'abcdef123456' });
    expect(mergeSecrets('pipedrive', { apiToken: 'old' }, { apiToken: 'new-token' })).toMatchObject({ apiToken: 'new-token' });
    const salesforce = { instanceUrl: 'https://x', clientId: '3MVG9consumer', accessToken: '00Dxx!access', refreshToken: '5Aep861refresh', clientSecret: 'consumer-secret' };
    expect(maskConfig('salesforce', salesforce)).toEqual({ instanceUrl: 'https://x', clientId: '3MVG9consumer', accessToken: '••••cess', refreshToken: '••••resh', clientSecret: '••••cret' });
    expect(mergeSecrets('salesforce', salesforce, { instanceUrl: 'https://x', clientId: '3MVG9consumer' })).toEqual(salesforce);
  });
});

describe('field mapping and notes', () => {
  it('maps contact columns, lead fields and score; an empty target removes a default', () => {
    expect(mapFields(contact, lead, { email: 'email', firstName: 'firstname', company: 'company' }, { score: 'lead_score', city: 'city', company: '' })).toEqual({
      email: 'ada@example.com', firstname: 'Ada', lead_score: 42, city: 'London',
    });
  });

  it('builds the transcript note with a findable marker', () => {
    const key = 'closed:v1:conn';
    const event = { topic: 'conversation.closed', marker: markerFor(key), outcome: 'won', transcript: [{ at: new Date('2025-01-01T10:00:00Z'), sender: 'contact', text: 'hello' }] } as CrmEvent;
    const note = noteFor(event)!;
    expect(note.body).toContain('[2025-01-01 10:00] Customer: hello');
    expect(note.body).toContain(`Ref: ${markerFor(key)}`);
    expect(markerFor(key)).toMatch(/^omnibotref[0-9a-f]{24}$/);
    expect(noteFor({ ...event, topic: 'lead.updated' })).toBeUndefined();
  });
});

describe('errors, backoff and signatures', () => {
  it('classifies statuses: 4xx permanent, 408/5xx transient, 429 rate limited', () => {
    expect(ConnectorError.fromStatus(401, 'bad token').kind).toBe('permanent');
    expect(ConnectorError.fromStatus(404, 'x').kind).toBe('permanent');
    expect(ConnectorError.fromStatus(408, 'x').kind).toBe('transient');
    expect(ConnectorError.fromStatus(502, 'x').kind).toBe('transient');
    expect(ConnectorError.fromStatus(429, 'slow down', 3000)).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3000, message: '429 slow down' });
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it('backs off exponentially with jitter, capped, never sooner than Retry-After', () => {
    const settings = { attempts: 10, backoffMs: 1000, maxBackoffMs: 10_000 };
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6].map((n) => crmBackoffDelay(n, settings, undefined, mid))).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
    expect(crmBackoffDelay(1, settings, 30_000, mid)).toBe(30_000);
    expect(crmBackoffDelay(1, settings, undefined, () => 0)).toBe(800);
  });

  it('signs and verifies webhooks with a timestamp window', () => {
    const now = Date.now();
    const ts = Math.floor(now / 1000);
    const sig = signWebhook('secret-secret-secret', ts, '{"a":1}');
    expect(sig).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature('secret-secret-secret', { signature: sig, timestamp: String(ts) }, '{"a":1}', { now })).toBe(true);
    expect(verifyWebhookSignature('secret-secret-secret', { signature: sig, timestamp: String(ts) }, '{"a":2}', { now })).toBe(false);
    expect(verifyWebhookSignature('secret-secret-secret', { signature: sig, timestamp: String(ts) }, '{"a":1}', { now: now + 600_000 })).toBe(false);
  });
});

describe('relay routing and job data', () => {
  it('routes every CRM topic to crm-sync with fan-out, and nothing to a queue no worker consumes', () => {
    for (const topic of ['lead.updated', 'conversation.handoff', 'conversation.closed', 'crm.action']) {
      expect(outboxRoutes[topic]).toContainEqual({ queue: queueNames.crmSync, fanOut: 'crm' });
    }
    // The workers consume crm-sync only: a job of any other queue would wait in Redis forever.
    expect(new Set(Object.values(outboxRoutes).flat().map((target) => target.queue))).toEqual(new Set([queueNames.crmSync]));
    expect(jobIdFor('lead:abc:v2', 'conn')).toBe('lead|abc|v2|conn');
  });

  it('keeps job data small and typed; malformed payloads throw', () => {
    const fields = crmJobFields('lead.updated', { leadId: 'l1', contactId: 'c1', conversationId: 'v1', version: 2, fields: { big: 'x'.repeat(1000) } });
    expect(fields).toEqual({ contactId: 'c1', leadId: 'l1', conversationId: 'v1', version: 2 });
    expect(recordKeyFor({ topic: 'lead.updated', ...fields })).toBe('lead:l1');
    expect(recordKeyFor({ topic: 'conversation.closed', contactId: 'c1', conversationId: 'v1' })).toBe('conversation:v1');
    expect(() => crmJobFields('conversation.closed', { contactId: 'c1' })).toThrow();
    expect(crmJobFields('crm.action', { action: 'webhook', event: 'quote', contactId: 'c1', conversationId: 'v1', payload: null, url: null })).toMatchObject({ action: { action: 'webhook', event: 'quote', payload: {} } });
  });
});
