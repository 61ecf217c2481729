import { count } from 'drizzle-orm';
import type { Database } from '../../../core/db/client';
import { outbox } from '../../../core/db/schema/index';
import { upsertBot, upsertChannelInstance } from '../../../core/repositories/bots';
import { publishVersion, saveDraft } from '../../../core/repositories/flows';
import { BotRuntime } from '../../../bots/runtime/runtime';
import { createLogger } from '../../../core/logger';
import { openTestDatabase } from '../../support/databases';
import { sayOnWeb } from '../knowledge/setup';

/** Asks for an email, then saves the lead (a `lead.updated` outbox event). */
const definition = {
  schemaVersion: 2,
  id: 'main',
  name: 'Email',
  start: 'email',
  fallbackLocale: 'en',
  locales: ['en'],
  blocks: [
    { id: 'email', type: 'ask', var: 'email', answer: 'email', question: 'Your email?', saveTo: { contact: 'auto' }, next: 'lead', giveUp: 'done' },
    { id: 'lead', type: 'updateLead', status: 'qualified', fields: { source: 'test' }, next: 'done' },
    { id: 'done', type: 'message', text: 'Thanks!' },
  ],
  intents: [],
};

describe('a turn that appends outbox rows', () => {
  let cleanup: () => Promise<void>;
  let db: Database;
  let runtime: BotRuntime;
  let kicks = 0;

  beforeAll(async () => {
    const opened = await openTestDatabase('postgres');
    cleanup = opened.cleanup;
    db = opened.handle.db;
    await upsertBot(db, { id: 'outbox', name: 'outbox', settings: {} });
    await upsertChannelInstance(db, { id: 'outbox-web', botId: 'outbox', channel: 'web', name: 'Website' });
    await saveDraft(db, { botId: 'outbox', flowId: 'main', name: 'Email', draft: definition });
    await publishVersion(db, { botId: 'outbox', flowId: 'main', definition, note: 'test' });
    runtime = new BotRuntime({ db, logger: createLogger({ level: 'silent' }), onOutbox: () => (kicks += 1) });
  });
  afterAll(() => cleanup());

  const outboxRows = async () => (await db.select({ n: count() }).from(outbox))[0].n;

  it('has the relay kicked once it commits; a turn that appends none does not', async () => {
    const question = await sayOnWeb(runtime, 'outbox', 'visitor', 'hello');
    expect(question.outboxEvents).toBe(0);
    expect(kicks).toBe(0);
    expect(await outboxRows()).toBe(0);

    const saved = await sayOnWeb(runtime, 'outbox', 'visitor', 'mia@example.com');
    expect(saved.outboxEvents).toBeGreaterThan(0);
    expect(kicks).toBe(1);
    expect(await outboxRows()).toBe(saved.outboxEvents);
  });
});
