import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bots, contacts } from './core';

export const crmConnectorTypes = ['hubspot', 'salesforce', 'pipedrive', 'webhook'] as const;
export type CrmConnectorType = (typeof crmConnectorTypes)[number];

/** One CRM (or webhook) a bot syncs to. `config` holds secrets and is never returned unmasked. */
export const crmConnections = pgTable('crm_connections', {
  id: uuid('id').primaryKey().defaultRandom(),
  botId: text('bot_id').notNull().references(() => bots.id, { onDelete: 'cascade' }),
  type: text('type', { enum: crmConnectorTypes }).notNull(),
  name: text('name').notNull().default(''),
  config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
  /** Captured field (lead field or contact column) → CRM field name. */
  fieldMapping: jsonb('field_mapping').$type<Record<string, string>>().notNull().default({}),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('crm_connections_bot_idx').on(t.botId)]);

/** Our contact ↔ the CRM's record (HubSpot contact id, Salesforce Lead id, Pipedrive person id + lead id). */
export const crmLinks = pgTable('crm_links', {
  connectionId: uuid('connection_id').notNull().references(() => crmConnections.id, { onDelete: 'cascade' }),
  contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
  remoteId: text('remote_id').notNull(),
  /** Other remote ids the connector keeps (e.g. Pipedrive lead id). */
  extra: jsonb('extra').$type<Record<string, string>>().notNull().default({}),
  /** Highest lead version pushed; an older lead.updated job is then a no-op. */
  leadVersion: integer('lead_version').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.connectionId, t.contactId] })]);

export const crmSyncStatuses = ['pending', 'synced', 'failed', 'dead', 'skipped'] as const;
export type CrmSyncStatus = (typeof crmSyncStatuses)[number];

/**
 * One outbox event delivered to one connection: the idempotency ledger (steps already applied remotely),
 * the per-record sync status shown to admins, and — with status `dead` — the dead-letter list.
 */
export const crmSyncRecords = pgTable('crm_sync_records', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  connectionId: uuid('connection_id').notNull().references(() => crmConnections.id, { onDelete: 'cascade' }),
  botId: text('bot_id').notNull(),
  /** The outbox idempotency key of the event, e.g. lead:<id>:v3. */
  eventKey: text('event_key').notNull(),
  /** What the admin looks up: lead:<id> or conversation:<id>. */
  recordKey: text('record_key').notNull(),
  contactId: uuid('contact_id'),
  topic: text('topic').notNull(),
  outboxId: bigint('outbox_id', { mode: 'number' }),
  status: text('status', { enum: crmSyncStatuses }).notNull().default('pending'),
  /** Remote steps done for this event (e.g. { contact: "123", note: "456" }); a retry skips them. */
  steps: jsonb('steps').$type<Record<string, string>>().notNull().default({}),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  /** HTTP status of the last failure, when there was one. */
  lastErrorStatus: integer('last_error_status'),
  /** The job to enqueue again on replay. */
  job: jsonb('job').$type<Record<string, unknown>>().notNull(),
  replays: integer('replays').notNull().default(0),
  syncedAt: timestamp('synced_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('crm_sync_records_event_unique').on(t.connectionId, t.eventKey),
  index('crm_sync_records_record_idx').on(t.recordKey, t.updatedAt),
  index('crm_sync_records_contact_idx').on(t.contactId),
  index('crm_sync_records_dead_idx').on(t.updatedAt).where(sql`${t.status} = 'dead'`),
]);

/** Lead scoring rules per bot (validated by bots/leads/scoring.ts). */
export const leadScoringRules = pgTable('lead_scoring_rules', {
  botId: text('bot_id').primaryKey().references(() => bots.id, { onDelete: 'cascade' }),
  rules: jsonb('rules').$type<Record<string, unknown>>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
