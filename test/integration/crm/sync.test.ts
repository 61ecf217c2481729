import { eq } from 'drizzle-orm';
import { crmConnections, crmLinks, crmSyncRecords, outbox } from '../../../core/db/schema/index';
import { insertCrmConnection } from '../../../core/repositories/crm';
import { countPendingOutbox } from '../../../core/repositories/outbox';
import { startWorkers, type RunningWorkers } from '../../../server/workers';
import { FakeHubSpot } from '../../fakes/crm/hubspot';
import { FakePipedrive } from '../../fakes/crm/pipedrive';
import { FakeSalesforce, tokenPath } from '../../fakes/crm/salesforce';
import { FakeWebhookReceiver } from '../../fakes/crm/webhook-receiver';
import {
  appendOutbox, cleanRedis, closedEvent, createTestDatabase, fakePerTest, handoffEvent, leadUpdatedEvent, redisUrl, seedBot, seedLead, silentLogger, uniquePrefix, waitFor, type TestDatabase,
} from './helpers';

jest.setTimeout(40_000);

let tdb: TestDatabase;
let prefix: string;
let workers: RunningWorkers | undefined;
const hubspot = new FakeHubSpot();
const salesforce = new FakeSalesforce();
const pipedrive = new FakePipedrive();
const receiver = new FakeWebhookReceiver();

const start = (extra: Partial<Parameters<typeof startWorkers>[0]> = {}) => {
  workers = startWorkers({
    db: tdb.db, redisUrl, logger: silentLogger, prefix, concurrency: 8, relayPollMs: 50,
    crm: { attempts: 6, backoffMs: 100, maxBackoffMs: 1000 }, clientOptions: { timeoutMs: 1000 }, ...extra,
  });
  return workers;
};

async function records(connectionId: string) {
  return tdb.db.select().from(crmSyncRecords).where(eq(crmSyncRecords.connectionId, connectionId));
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedBot(tdb.db);
  await Promise.all([hubspot.start(), salesforce.start(), pipedrive.start(), receiver.start()]);
});

afterAll(async () => {
  await Promise.all([hubspot.close(), salesforce.close(), pipedrive.close(), receiver.close()]);
  await tdb.drop();
});

beforeEach(() => {
  prefix = uniquePrefix();
});

afterEach(async () => {
  await workers?.stop();
  workers = undefined;
  // connections are per test: remove them so later tests start clean
  await tdb.db.execute('delete from crm_connections');
  await cleanRedis(prefix);
});

it('demo lead: contact and transcript note appear in HubSpot once, after 500s and a 429', async () => {
  const conn = await insertCrmConnection(tdb.db, { botId: 'demo', type: 'hubspot', name: 'HubSpot', config: { accessToken: hubspot.token, baseUrl: hubspot.url, rateLimitPerSecond: 0 } });
  const lead = await seedLead(tdb.db, { email: 'demo.buyer@example.com', firstName: 'Demo', lastName: 'Buyer' });
  hubspot.failNext(2, 500);
  hubspot.failNext(1, 429, { 'retry-after': '1' });
  await appendOutbox(tdb.db, [leadUpdatedEvent(lead), closedEvent(lead, 'won')]);
  start();
  // One read: with two, the relay could insert both records (still pending) between an empty `every` and the count.
  await waitFor(async () => {
    const rows = await records(conn.id);
    return rows.length === 2 && rows.every((r) => r.status === 'synced');
  }, 20_000, 'both events synced');
  const contact = hubspot.contactByEmail('demo.buyer@example.com')!;
  expect([...hubspot.contacts.values()].filter((c) => c.properties.email === 'demo.buyer@example.com')).toHaveLength(1);
  expect(contact.properties).toMatchObject({ firstname: 'Demo', lastname: 'Buyer', company: 'Analytical Engines Ltd', lifecyclestage: 'customer' });
  const notes = hubspot.notesFor(contact.id);
  expect(notes).toHaveLength(1);
  expect(notes[0].properties.hs_note_body).toContain('I want a quote for 20 licences');
  expect(await countPendingOutbox(tdb.db)).toBe(0);
  const rows = await records(conn.id);
  expect(rows.map((r) => r.recordKey).sort()).toEqual([`conversation:${lead.conversationId}`, `lead:${lead.leadId}`].sort());
  expect(rows.some((r) => r.attempts > 1)).toBe(true); // it did retry
});

it('duplicate events and concurrent events for one new contact create one contact', async () => {
  const conn = await insertCrmConnection(tdb.db, { botId: 'demo', type: 'hubspot', config: { accessToken: hubspot.token, baseUrl: hubspot.url, rateLimitPerSecond: 0 } });
  const byEmail = await seedLead(tdb.db, { email: 'twice@example.com' });
  const phoneOnly = await seedLead(tdb.db, { email: null, phone: '+4915112345678' });
  hubspot.delayMs = 30; // widen the race window
  // the same change appended twice (one row), plus versions 2..4 and a handoff: all racing for a new contact
  await appendOutbox(tdb.db, [leadUpdatedEvent(byEmail), leadUpdatedEvent(byEmail)]);
  await appendOutbox(tdb.db, [2, 3, 4].flatMap((v) => [leadUpdatedEvent(byEmail, v), leadUpdatedEvent(phoneOnly, v)]));
  await appendOutbox(tdb.db, [handoffEvent(phoneOnly), leadUpdatedEvent(phoneOnly)]);
  start({ concurrency: 10 });
  await waitFor(async () => {
    const rows = await records(conn.id);
    return rows.length === 9 && rows.every((r) => r.status === 'synced');
  }, 20_000, 'all synced');
  hubspot.delayMs = 0;
  expect([...hubspot.contacts.values()].filter((c) => c.properties.email === 'twice@example.com')).toHaveLength(1);
  const phoneContacts = [...hubspot.contacts.values()].filter((c) => c.properties.phone === '+4915112345678');
  expect(phoneContacts).toHaveLength(1);
  expect(hubspot.notesFor(phoneContacts[0].id)).toHaveLength(1);
});

it('a CRM that is down for a while gets everything once when it comes back', async () => {
  const conn = await insertCrmConnection(tdb.db, { botId: 'demo', type: 'webhook', config: { url: `${receiver.url}/hook`, secret: receiver.secret } });
  const leads = await Promise.all(Array.from({ length: 20 }, () => seedLead(tdb.db)));
  receiver.setDown(true);
  start();
  await appendOutbox(tdb.db, leads.flatMap((l) => [leadUpdatedEvent(l), handoffEvent(l)]));
  workers!.kick();
  await waitFor(async () => (await records(conn.id)).filter((r) => r.status === 'failed').length >= 10, 10_000, 'failures while down');
  await new Promise((r) => setTimeout(r, 800));
  receiver.setDown(false);
  await waitFor(async () => (await records(conn.id)).filter((r) => r.status === 'synced').length === 40, 25_000, 'all 40 delivered');
  const ours = [...receiver.events.keys()].filter((k) => k.endsWith(conn.id));
  expect(ours).toHaveLength(40);
  expect(receiver.duplicates).toBe(0);
  expect((await records(conn.id)).every((r) => r.status === 'synced')).toBe(true);
});

it('a 401 goes to the dead letters without retrying', async () => {
  const conn = await insertCrmConnection(tdb.db, { botId: 'demo', type: 'hubspot', config: { accessToken: 'pat-revoked', baseUrl: hubspot.url } });
  const lead = await seedLead(tdb.db, { email: 'dead@example.com' });
  const before = hubspot.requests.length;
  await appendOutbox(tdb.db, [leadUpdatedEvent(lead)]);
  start();
  await waitFor(async () => (await records(conn.id))[0]?.status === 'dead', 10_000, 'dead letter');
  const [row] = await records(conn.id);
  expect(row.lastError).toMatch(/^401 /);
  expect(row.lastErrorStatus).toBe(401);
  await new Promise((r) => setTimeout(r, 300));
  expect(hubspot.requests.length - before).toBe(1); // no retries for a permanent error
  expect(hubspot.contactByEmail('dead@example.com')).toBeUndefined();
});

it('Salesforce and Pipedrive: lead, transcript task/note and outcome', async () => {
  const sf = await insertCrmConnection(tdb.db, { botId: 'demo', type: 'salesforce', config: { instanceUrl: salesforce.url, accessToken: salesforce.token } });
  const pd = await insertCrmConnection(tdb.db, { botId: 'demo', type: 'pipedrive', config: { apiToken: pipedrive.token, baseUrl: pipedrive.url, lostLabelId: 'lbl-lost' } });
  const lead = await seedLead(tdb.db, { email: 'both@example.com', firstName: 'Grace', lastName: 'Hopper' });
  await appendOutbox(tdb.db, [leadUpdatedEvent(lead), closedEvent(lead, 'lost')]);
  start();
  await waitFor(async () => [...(await records(sf.id)), ...(await records(pd.id))].filter((r) => r.status === 'synced').length === 4, 15_000, 'synced to both');
  const sfLead = salesforce.leadByExternalId(lead.contactId)!;
  expect(sfLead.fields).toMatchObject({ Email: 'both@example.com', LastName: 'Hopper', Status: 'Closed - Not Converted' });
  expect([...salesforce.tasks.values()].filter((t) => t.fields.WhoId === sfLead.Id)).toHaveLength(1);
  const person = [...pipedrive.persons.values()].find((p) => p.emails.includes('both@example.com'))!;
  expect(person.name).toBe('Grace Hopper');
  const pdLeads = [...pipedrive.leads.values()].filter((l) => l.person_id === person.id);
  expect(pdLeads).toHaveLength(1);
  expect(pdLeads[0]).toMatchObject({ is_archived: true, label_ids: ['lbl-lost'] });
  expect(pipedrive.notes.filter((n) => n.person_id === person.id)).toHaveLength(1);
});

it('the relay keeps rows while Redis is unreachable and relays them once it is back', async () => {
  const conn = await insertCrmConnection(tdb.db, { botId: 'demo', type: 'webhook', config: { url: `${receiver.url}/hook2`, secret: receiver.secret } });
  const lead = await seedLead(tdb.db);
  await appendOutbox(tdb.db, [leadUpdatedEvent(lead)]);
  const broken = startWorkers({ db: tdb.db, redisUrl: 'redis://127.0.0.1:1', logger: silentLogger, prefix, crmSync: false, relayPollMs: 50 });
  await new Promise((r) => setTimeout(r, 500)); // several relay rounds fail
  const s0 = Date.now();
  await broken.stop();
  expect(Date.now() - s0).toBeLessThan(2000);
  const [row] = await tdb.db.select().from(outbox).where(eq(outbox.idempotencyKey, `lead:${lead.leadId}:v1`));
  expect(row.relayedAt).toBeNull();
  expect(await records(conn.id)).toHaveLength(0); // nothing claimed while Redis is away
  const t0 = Date.now();
  start();
  await waitFor(async () => (await records(conn.id))[0]?.status === 'synced', 10_000, 'synced after Redis is back');
  expect(Date.now() - t0).toBeLessThan(5000); // not waiting for the lease: the failed round released it
  expect(receiver.events.has(`lead:${lead.leadId}:v1:${conn.id}`)).toBe(true);
});

describe('Salesforce with a refresh token', () => {
  // a new fake per test: a new refresh token, so no test starts from a token an earlier one refreshed
  const currentFake = fakePerTest(() => new FakeSalesforce());
  let sf: FakeSalesforce;
  beforeEach(() => {
    sf = currentFake();
  });

  const oauthConnection = () => insertCrmConnection(tdb.db, { botId: 'demo', type: 'salesforce', config: { instanceUrl: sf.url, loginUrl: sf.url, accessToken: sf.token, ...sf.app } });
  const allSynced = async (connectionId: string, count: number) => {
    const rows = await records(connectionId);
    return rows.length === count && rows.every((r) => r.status === 'synced');
  };
  /** A connection whose first lead is synced, with the workers running. */
  async function syncedFirstLead(email: string) {
    const conn = await oauthConnection();
    const lead = await seedLead(tdb.db, { email });
    await appendOutbox(tdb.db, [leadUpdatedEvent(lead)]);
    start();
    await waitFor(() => allSynced(conn.id, 1), 10_000, 'first lead synced');
    return { conn, lead };
  }
  async function appendWhileRunning(events: Parameters<typeof appendOutbox>[1]) {
    await appendOutbox(tdb.db, events);
    workers!.kick();
  }

  it('the token expires mid-sync: jobs refresh it once between them and every event lands once, without a retry', async () => {
    const { conn, lead: early } = await syncedFirstLead('early@example.com');
    sf.expireAccessToken();
    const later = await Promise.all(['later1@example.com', 'later2@example.com'].map((email) => seedLead(tdb.db, { email })));
    await appendWhileRunning([closedEvent(early, 'won'), ...later.map((l) => leadUpdatedEvent(l))]);
    await waitFor(() => allSynced(conn.id, 4), 15_000, 'all four synced');
    expect(sf.count('POST', tokenPath)).toBe(1);
    expect([...sf.leads.values()].map((l) => l.fields.Email).sort()).toEqual(['early@example.com', 'later1@example.com', 'later2@example.com']);
    const earlyLead = sf.leadByExternalId(early.contactId)!;
    expect(earlyLead.fields.Status).toBe('Closed - Converted');
    expect([...sf.tasks.values()].filter((t) => t.fields.WhoId === earlyLead.Id)).toHaveLength(1);
    expect((await records(conn.id)).map((r) => r.attempts)).toEqual([1, 1, 1, 1]);
  });

  it('with refresh token rotation, the new refresh token is stored in the connection and the next expiry uses it', async () => {
    sf.rotateRefreshTokens = true;
    const granted = sf.app.refreshToken;
    const { conn, lead: early } = await syncedFirstLead('rotated@example.com');
    const storedToken = async () => (await tdb.db.select().from(crmConnections).where(eq(crmConnections.id, conn.id)))[0].config.refreshToken;
    for (const round of [1, 2]) {
      sf.expireAccessToken();
      const lead = await seedLead(tdb.db, { email: `rotated${round}@example.com` });
      await appendWhileRunning([leadUpdatedEvent(lead)]);
      await waitFor(() => allSynced(conn.id, 1 + round), 15_000, `round ${round} synced`);
      expect(await storedToken()).toBe(sf.app.refreshToken);
    }
    expect(sf.refreshes).toBe(2);
    expect(await storedToken()).not.toBe(granted);
    expect((await records(conn.id)).every((r) => r.attempts === 1)).toBe(true);
    expect(sf.leadByExternalId(early.contactId)).toBeDefined();
    expect(sf.leads.size).toBe(3);
  });

  it('a revoked refresh token sends the event to the dead letters at once, saying why; nothing is duplicated or lost', async () => {
    const { conn, lead } = await syncedFirstLead('revoked@example.com');
    sf.revokeRefreshToken();
    await appendWhileRunning([closedEvent(lead, 'won')]);
    await waitFor(async () => (await records(conn.id)).some((r) => r.status === 'dead'), 10_000, 'dead letter');
    const rows = await records(conn.id);
    const dead = rows.find((r) => r.status === 'dead')!;
    expect(dead.lastError).toMatch(/^Salesforce token refresh failed: 400 invalid_grant: expired access\/refresh token \(the refresh token was revoked/);
    expect(dead.lastErrorStatus).toBe(400);
    expect(dead.attempts).toBe(1); // permanent: not retried
    expect(dead.steps).toEqual({});
    expect(rows.find((r) => r !== dead)).toMatchObject({ status: 'synced', eventKey: `lead:${lead.leadId}:v1` });
    const sfLead = sf.leadByExternalId(lead.contactId)!;
    expect(sf.leads.size).toBe(1);
    expect(sf.tasks.size).toBe(0);
    const links = await tdb.db.select().from(crmLinks).where(eq(crmLinks.connectionId, conn.id));
    expect(links.map((l) => l.remoteId)).toEqual([sfLead.Id]);
  });

  it('a token endpoint answering 500 is transient: the queue retries the job until the refresh works', async () => {
    const conn = await oauthConnection();
    sf.expireAccessToken();
    sf.failNextAt(tokenPath, 2, 500, { error: 'unknown_error', error_description: 'retry your request' });
    const lead = await seedLead(tdb.db, { email: 'retried@example.com' });
    await appendOutbox(tdb.db, [leadUpdatedEvent(lead)]);
    start();
    await waitFor(() => allSynced(conn.id, 1), 15_000, 'lead synced after retries');
    const [row] = await records(conn.id);
    expect(row.attempts).toBe(3); // two failed refreshes, then the sync
    expect(sf.count('POST', tokenPath)).toBe(3);
    expect([...sf.leads.values()].filter((l) => l.fields.Email === 'retried@example.com')).toHaveLength(1);
  });
});
