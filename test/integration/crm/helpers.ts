import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { openDatabase, type Database, type DatabaseHandle } from '../../../core/db/client';
import { createPostgresDatabase } from '../../support/databases';
import { bots, channelInstances, contacts, conversations, leads, messages } from '../../../core/db/schema/index';
import { createLogger } from '../../../core/logger';
import { appendOutbox } from '../../../core/repositories/outbox';
import type { FakeHttpServer } from '../../fakes/crm/base';

import { postgresServerUrl, redisUrl } from '../../support/databases';

export { postgresServerUrl as pgBaseUrl, redisUrl };
export const silentLogger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export interface TestDatabase {
  url: string;
  handle: DatabaseHandle;
  db: Database;
  drop(): Promise<void>;
}

/** A throwaway PostgreSQL database with migrations applied. */
export async function createTestDatabase(label = 'crm_test'): Promise<TestDatabase> {
  const database = await createPostgresDatabase(label);
  const handle = await openDatabase({ url: database.url, poolSize: 20 });
  return {
    url: database.url,
    handle,
    db: handle.db,
    drop: async () => {
      await handle.close().catch(() => undefined);
      await database.drop();
    },
  };
}


/** A new fake for each test of the enclosing block, started before it and closed after it. */
export function fakePerTest<T extends FakeHttpServer>(create: () => T): () => T {
  let fake: T;
  beforeEach(async () => {
    fake = create();
    await fake.start();
  });
  afterEach(() => fake.close());
  return () => fake;
}

export function uniquePrefix(label = 'crmtest'): string {
  return `${label}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every BullMQ / gate key under the prefix. */
export async function cleanRedis(prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface Seeded {
  botId: string;
  contactId: string;
  conversationId: string;
  leadId: string;
  version: number;
}

/** A bot with a web channel, and per call a contact with a conversation, a short transcript and a lead. */
export async function seedBot(db: Database, botId = 'demo'): Promise<void> {
  await db.insert(bots).values({ id: botId, name: 'Demo shop' }).onConflictDoNothing();
  await db.insert(channelInstances).values({ id: `${botId}-web`, botId, channel: 'web' }).onConflictDoNothing();
}

export async function seedLead(
  db: Database,
  input: { botId?: string; email?: string | null; phone?: string | null; firstName?: string; lastName?: string; fields?: Record<string, unknown>; transcript?: [string, string][] } = {},
): Promise<Seeded> {
  const botId = input.botId ?? 'demo';
  const [contact] = await db
    .insert(contacts)
    .values({ botId, email: input.email === undefined ? `lead-${randomBytes(4).toString('hex')}@example.com` : input.email, phone: input.phone ?? null, firstName: input.firstName ?? 'Ada', lastName: input.lastName ?? 'Lovelace' })
    .returning();
  const [conversation] = await db
    .insert(conversations)
    .values({ botId, contactId: contact.id, channelInstanceId: `${botId}-web`, externalUserId: `visitor-${contact.id}` })
    .returning();
  const transcript = input.transcript ?? [['contact', 'Hi, I want a quote for 20 licences'], ['bot', 'Sure! What is your email?'], ['contact', contact.email ?? 'no email']];
  if (transcript.length) {
    await db.insert(messages).values(
      transcript.map(([sender, text]) => ({
        conversationId: conversation.id, channelInstanceId: `${botId}-web`, direction: sender === 'contact' ? ('in' as const) : ('out' as const),
        sender: sender as 'contact' | 'bot', type: 'text', text, payload: { type: 'text', text },
      })),
    );
  }
  const [lead] = await db.insert(leads).values({ botId, contactId: contact.id, conversationId: conversation.id, fields: input.fields ?? { company: 'Analytical Engines Ltd', budget: 5000 }, score: 40, status: 'new' }).returning();
  return { botId, contactId: contact.id, conversationId: conversation.id, leadId: lead.id, version: lead.version };
}

export function leadUpdatedEvent(s: Seeded, version = s.version) {
  return {
    topic: 'lead.updated', botId: s.botId, aggregateId: s.leadId, idempotencyKey: `lead:${s.leadId}:v${version}`,
    payload: { leadId: s.leadId, contactId: s.contactId, conversationId: s.conversationId, version, fields: {}, score: 40, status: 'new' },
  };
}

export function closedEvent(s: Seeded, outcome: 'won' | 'lost' | 'not_a_lead' | null = 'won') {
  return {
    topic: 'conversation.closed', botId: s.botId, aggregateId: s.conversationId, idempotencyKey: `closed:${s.conversationId}`,
    payload: { conversationId: s.conversationId, contactId: s.contactId, outcome },
  };
}

export function handoffEvent(s: Seeded, eventId = 'e1') {
  return {
    topic: 'conversation.handoff', botId: s.botId, aggregateId: s.conversationId, idempotencyKey: `handoff:${s.conversationId}:${eventId}`,
    payload: { conversationId: s.conversationId, contactId: s.contactId, reason: 'asked for sales', priority: 'high' },
  };
}

export { appendOutbox };
