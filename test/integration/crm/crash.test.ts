import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { crmSyncRecords } from '../../../core/db/schema/index';
import { insertCrmConnection } from '../../../core/repositories/crm';
import { FakeHubSpot } from '../../fakes/crm/hubspot';
import {
  appendOutbox, cleanRedis, closedEvent, createTestDatabase, leadUpdatedEvent, redisUrl, seedBot, seedLead, uniquePrefix, waitFor, type TestDatabase,
} from './helpers';

jest.setTimeout(60_000);

const root = path.resolve(__dirname, '../../..');
let tdb: TestDatabase;
let prefix: string;
const hubspot = new FakeHubSpot();
const children: ChildProcess[] = [];

function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/workers.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: tdb.url, REDIS_URL: redisUrl, LOG_LEVEL: 'warn', WORKER_QUEUE_PREFIX: prefix, WORKER_CONCURRENCY: '4',
      WORKER_LOCK_DURATION_MS: '1500', WORKER_STALLED_INTERVAL_MS: '500', CRM_BACKOFF_MS: '100', CRM_HTTP_TIMEOUT_MS: '20000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(child);
  return child;
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedBot(tdb.db);
  await hubspot.start();
  prefix = uniquePrefix('crmcrash');
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(children.map(exited));
  await hubspot.close();
  await cleanRedis(prefix);
  await tdb.drop();
});

it('a worker process killed while HubSpot holds the note request: the next worker finishes, contact and note exist once', async () => {
  const conn = await insertCrmConnection(tdb.db, { botId: 'demo', type: 'hubspot', config: { accessToken: hubspot.token, baseUrl: hubspot.url, rateLimitPerSecond: 0 } });
  const lead = await seedLead(tdb.db, { email: 'crash@example.com' });
  // HubSpot creates the note, then takes "forever" to answer: the worker dies not knowing whether it worked.
  hubspot.holdResponse = (req) => (req.method === 'POST' && req.path === '/crm/v3/objects/notes' ? 60_000 : 0);
  await appendOutbox(tdb.db, [leadUpdatedEvent(lead), closedEvent(lead, 'won')]);

  const first = startWorkerProcess();
  await hubspot.waitForRequest((r) => r.method === 'POST' && r.path === '/crm/v3/objects/notes', 30_000);
  expect(hubspot.notes).toHaveLength(1); // written on the CRM side, answer never delivered
  first.kill('SIGKILL');
  await exited(first);
  expect(first.signalCode).toBe('SIGKILL');
  hubspot.holdResponse = undefined;

  const [before] = await tdb.db.select().from(crmSyncRecords).where(eq(crmSyncRecords.eventKey, `closed:${lead.conversationId}`));
  expect(before.status).not.toBe('synced');
  expect(before.steps).toHaveProperty('contact'); // the contact step was recorded before the crash

  const second = startWorkerProcess();
  await waitFor(async () => {
    const rows = await tdb.db.select().from(crmSyncRecords).where(eq(crmSyncRecords.connectionId, conn.id));
    return rows.length === 2 && rows.every((r) => r.status === 'synced');
  }, 40_000, 'the second worker to finish the stalled job');

  const contacts = [...hubspot.contacts.values()].filter((c) => c.properties.email === 'crash@example.com');
  expect(contacts).toHaveLength(1);
  expect(hubspot.notesFor(contacts[0].id)).toHaveLength(1);
  expect(contacts[0].properties.lifecyclestage).toBe('customer');
  // the second worker looked the note up by its marker instead of creating another
  expect(hubspot.count('POST', '/crm/v3/objects/notes/search')).toBeGreaterThanOrEqual(1);
  expect(hubspot.requests.filter((r) => r.method === 'POST' && r.path === '/crm/v3/objects/notes')).toHaveLength(1);

  second.kill('SIGTERM');
  await exited(second);
  expect(second.exitCode).toBe(0); // graceful shutdown
});
