import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { Redis } from 'ioredis';
import { eq } from 'drizzle-orm';
import { crmSyncRecords } from '../../../core/db/schema/index';
import { createUser, login } from '../../../server/auth/sessions';
import type { AppContext } from '../../../server/context';
import { errorHandler, notFoundHandler } from '../../../server/http/errors';
import { crmRoutes, mountQueueDashboard } from '../../../server/routes/crm';
import { startWorkers, type RunningWorkers } from '../../../server/workers';
import { FakeHubSpot } from '../../fakes/crm/hubspot';
import {
  appendOutbox, cleanRedis, createTestDatabase, leadUpdatedEvent, redisUrl, seedBot, seedLead, silentLogger, uniquePrefix, waitFor, type TestDatabase,
} from './helpers';

jest.setTimeout(40_000);

let tdb: TestDatabase;
let redis: Redis;
let server: Server;
let base: string;
let adminToken: string;
let agentToken: string;
let workers: RunningWorkers;
let dashboard: { close(): Promise<void> };
const prefix = uniquePrefix('crmroutes');
const hubspot = new FakeHubSpot();

async function api(method: string, path: string, body?: unknown, token = adminToken) {
  const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedBot(tdb.db);
  await hubspot.start();
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  await createUser(tdb.db, { email: 'admin@example.com', password: 'admin-password', role: 'admin' });
  await createUser(tdb.db, { email: 'agent@example.com', password: 'agent-password', role: 'agent' });
  adminToken = (await login(tdb.db, 'admin@example.com', 'admin-password', 1)).token;
  agentToken = (await login(tdb.db, 'agent@example.com', 'agent-password', 1)).token;
  const ctx = { db: tdb.db, redis, logger: silentLogger } as unknown as AppContext;
  const app = express();
  dashboard = mountQueueDashboard(app, ctx, { prefix });
  app.use('/api', crmRoutes(ctx, { prefix, clientOptions: { timeoutMs: 1000 } }));
  app.use(notFoundHandler);
  app.use(errorHandler(silentLogger));
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  workers = startWorkers({ db: tdb.db, redisUrl, logger: silentLogger, prefix, relayPollMs: 50, crm: { attempts: 3, backoffMs: 50, maxBackoffMs: 200 } });
});

afterAll(async () => {
  await workers.stop();
  await dashboard.close();
  await new Promise((r) => server.close(r));
  redis.disconnect();
  await hubspot.close();
  await cleanRedis(prefix);
  await tdb.drop();
});

it('is admin only', async () => {
  expect((await api('GET', '/api/bots/demo/crm-connections', undefined, 'nope')).status).toBe(401);
  const forbidden = await api('GET', '/api/bots/demo/crm-connections', undefined, agentToken);
  expect(forbidden.status).toBe(403);
  expect(forbidden.body.error.code).toBe('forbidden');
  expect((await api('GET', '/admin/queues', undefined, agentToken)).status).toBe(403);
});

it('validates config with the connector schema and masks secrets', async () => {
  const bad = await api('POST', '/api/bots/demo/crm-connections', { type: 'salesforce', config: { accessToken: 'x' } });
  expect(bad.status).toBe(422);
  expect(bad.body.error.message).toMatch(/instanceUrl/);
  expect((await api('POST', '/api/bots/nobot/crm-connections', { type: 'hubspot', config: { accessToken: 'x' } })).status).toBe(404);
  const created = await api('POST', '/api/bots/demo/crm-connections', { type: 'hubspot', config: { accessToken: 'pat-wrong-token-1234', baseUrl: hubspot.url }, fieldMapping: { budget: '' } });
  expect(created.status).toBe(201);
  expect(created.body.connection.config.accessToken).toBe('••••1234');
  expect(JSON.stringify((await api('GET', '/api/bots/demo/crm-connections')).body)).not.toContain('pat-wrong-token');
  const connectors = await api('GET', '/api/crm/connectors');
  expect(connectors.body.connectors.map((c: { type: string }) => c.type)).toEqual(['hubspot', 'salesforce', 'pipedrive', 'webhook']);
});

it('tests the connection, shows failed sync status and dead letters, and replays after the token is fixed', async () => {
  const list = await api('GET', '/api/bots/demo/crm-connections');
  const conn = list.body.connections[0];
  const test1 = await api('POST', `/api/bots/demo/crm-connections/${conn.id}/test`);
  expect(test1.body).toMatchObject({ ok: false, status: 401, error: expect.stringMatching(/^failed: 401 /) });

  const lead = await seedLead(tdb.db, { email: 'replay@example.com' });
  await appendOutbox(tdb.db, [leadUpdatedEvent(lead)]);
  workers.kick();
  await waitFor(async () => (await tdb.db.select().from(crmSyncRecords).where(eq(crmSyncRecords.connectionId, conn.id)))[0]?.status === 'dead', 10_000, 'dead letter');

  const status = await api('GET', `/api/bots/demo/sync-status?record=lead:${lead.leadId}`);
  expect(status.status).toBe(200);
  expect(status.body.connectors[0]).toMatchObject({ connectionId: conn.id, status: 'dead', summary: expect.stringMatching(/^failed: 401 /) });
  expect((await api('GET', '/api/bots/demo/sync-status?record=nonsense')).status).toBe(400);

  const dead = await api('GET', '/api/crm/dead-letters?botId=demo');
  expect(dead.body.deadLetters).toHaveLength(1);
  const letter = dead.body.deadLetters[0];
  expect(letter).toMatchObject({ topic: 'lead.updated', httpStatus: 401, connection: { id: conn.id, type: 'hubspot' } });

  // fix the token (secret sent back masked elsewhere stays; here we send the new one)
  const updated = await api('PUT', `/api/bots/demo/crm-connections/${conn.id}`, { config: { accessToken: hubspot.token, baseUrl: hubspot.url } });
  expect(updated.status).toBe(200);
  expect((await api('POST', `/api/bots/demo/crm-connections/${conn.id}/test`)).body).toEqual({ ok: true });
  // a masked secret sent back keeps the stored one
  await api('PUT', `/api/bots/demo/crm-connections/${conn.id}`, { config: { ...updated.body.connection.config } });
  expect((await api('POST', `/api/bots/demo/crm-connections/${conn.id}/test`)).body).toEqual({ ok: true });

  const replay = await api('POST', `/api/crm/dead-letters/${letter.id}/replay`);
  expect(replay.status).toBe(202);
  await waitFor(async () => (await api('GET', `/api/bots/demo/sync-status?record=lead:${lead.leadId}`)).body.connectors[0]?.status === 'synced', 10_000, 'replayed');
  const after = await api('GET', `/api/bots/demo/sync-status?record=lead:${lead.leadId}`);
  expect(after.body.connectors[0].summary).toMatch(/^synced to HubSpot at \d\d:\d\d UTC$/);
  expect([...hubspot.contacts.values()].filter((c) => c.properties.email === 'replay@example.com')).toHaveLength(1);
  expect((await api('GET', '/api/crm/dead-letters')).body.deadLetters).toHaveLength(0);
  expect((await api('POST', `/api/crm/dead-letters/${letter.id}/replay`)).status).toBe(409);
  expect((await api('POST', '/api/crm/dead-letters/replay', {})).body).toEqual({ replayed: 0 });
});

it('edits field mapping and lead-scoring rules, deletes connections', async () => {
  const conn = (await api('GET', '/api/bots/demo/crm-connections')).body.connections[0];
  const mapping = await api('PUT', `/api/bots/demo/crm-connections/${conn.id}/field-mapping`, { fieldMapping: { jobTitle: 'jobtitle' } });
  expect(mapping.body.fieldMapping).toEqual({ jobTitle: 'jobtitle' });
  expect((await api('GET', `/api/bots/demo/crm-connections/${conn.id}/field-mapping`)).body.fields.length).toBeGreaterThan(5);
  const rules = await api('PUT', '/api/bots/demo/lead-scoring', { rules: { fieldPoints: { email: 50 } } });
  expect(rules.status).toBe(200);
  expect((await api('GET', '/api/bots/demo/lead-scoring')).body.rules.fieldPoints).toEqual({ email: 50 });
  expect((await api('PUT', '/api/bots/demo/lead-scoring', { rules: { maxScore: -1 } })).status).toBe(400);
  expect((await api('DELETE', `/api/bots/demo/crm-connections/${conn.id}`)).status).toBe(204);
  expect((await api('GET', `/api/bots/demo/crm-connections/${conn.id}`)).status).toBe(404);
});

it('serves bull-board to admins', async () => {
  const page = await api('GET', '/admin/queues');
  expect(page.status).toBe(200);
  const queues = await api('GET', '/admin/queues/api/queues');
  expect(queues.status).toBe(200);
  expect(JSON.stringify(queues.body)).toContain('crm-sync');
});
