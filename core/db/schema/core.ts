import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const userRoles = ['admin', 'marketer', 'agent'] as const;
export type UserRole = (typeof userRoles)[number];

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
  name: text('name').notNull().default(''),
  role: text('role', { enum: userRoles }).notNull(),
  passwordHash: text('password_hash').notNull(),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('users_email_unique').on(sql`lower(${t.email})`)]);

export const sessions = pgTable('sessions', {
  /** sha256 of the bearer token; the token itself is never stored. */
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
});

export const bots = pgTable('bots', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Brand voice, languages, disclosure text, LLM settings, handoff rules, catalog: see bots/settings.ts. */
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const channelInstances = pgTable('channel_instances', {
  id: text('id').primaryKey(),
  botId: text('bot_id').notNull().references(() => bots.id, { onDelete: 'cascade' }),
  channel: text('channel').notNull(),
  name: text('name').notNull().default(''),
  /** Channel settings including secrets (tokens); never returned by the API unmasked. */
  config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: createdAt(),
}, (t) => [index('channel_instances_bot_idx').on(t.botId)]);

export const contacts = pgTable('contacts', {
  id: uuid('id').primaryKey().defaultRandom(),
  botId: text('bot_id').notNull().references(() => bots.id, { onDelete: 'cascade' }),
  firstName: text('first_name'),
  lastName: text('last_name'),
  email: text('email'),
  phone: text('phone'),
  locale: text('locale'),
  fields: jsonb('fields').$type<Record<string, unknown>>().notNull().default({}),
  consentAt: timestamp('consent_at', { withTimezone: true }),
  optedOutAt: timestamp('opted_out_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [index('contacts_bot_email_idx').on(t.botId, t.email), index('contacts_bot_phone_idx').on(t.botId, t.phone)]);

export const contactIdentities = pgTable('contact_identities', {
  id: uuid('id').primaryKey().defaultRandom(),
  contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
  channelInstanceId: text('channel_instance_id').notNull().references(() => channelInstances.id, { onDelete: 'cascade' }),
  externalUserId: text('external_user_id').notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('contact_identities_external_unique').on(t.channelInstanceId, t.externalUserId)]);

export const conversationOwners = ['bot', 'queue', 'human', 'closed'] as const;
export type ConversationOwner = (typeof conversationOwners)[number];

export const flows = pgTable('flows', {
  id: text('id').notNull(),
  botId: text('bot_id').notNull().references(() => bots.id, { onDelete: 'cascade' }),
  name: text('name').notNull().default(''),
  draft: jsonb('draft').$type<Record<string, unknown>>().notNull(),
  draftUpdatedAt: timestamp('draft_updated_at', { withTimezone: true }).notNull().defaultNow(),
  /** The version new conversations start on; null until the first publish. */
  publishedVersionId: uuid('published_version_id'),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.botId, t.id] })]);

export const flowVersions = pgTable('flow_versions', {
  id: uuid('id').primaryKey().defaultRandom(),
  botId: text('bot_id').notNull().references(() => bots.id, { onDelete: 'cascade' }),
  flowId: text('flow_id').notNull(),
  version: integer('version').notNull(),
  definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
  publishedBy: uuid('published_by'),
  note: text('note'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('flow_versions_unique').on(t.botId, t.flowId, t.version)]);

export const conversations = pgTable('conversations', {
  id: uuid('id').primaryKey().defaultRandom(),
  botId: text('bot_id').notNull().references(() => bots.id, { onDelete: 'cascade' }),
  contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
  channelInstanceId: text('channel_instance_id').notNull().references(() => channelInstances.id, { onDelete: 'cascade' }),
  externalUserId: text('external_user_id').notNull(),
  owner: text('owner', { enum: conversationOwners }).notNull().default('bot'),
  assignedAgentId: uuid('assigned_agent_id'),
  /** The flow version this conversation started on; it finishes on it. */
  flowVersionId: uuid('flow_version_id'),
  state: jsonb('state').$type<Record<string, unknown>>(),
  locale: text('locale'),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  index('conversations_lookup_idx').on(t.channelInstanceId, t.externalUserId, t.closedAt),
  index('conversations_owner_idx').on(t.botId, t.owner),
  check('conversations_owner_check', sql`${t.owner} in ('bot', 'queue', 'human', 'closed')`),
  check('conversations_human_has_agent', sql`${t.owner} <> 'human' or ${t.assignedAgentId} is not null`),
]);

export const messageDirections = ['in', 'out'] as const;
export const messageSenders = ['contact', 'bot', 'agent', 'system'] as const;

export const messages = pgTable('messages', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
  channelInstanceId: text('channel_instance_id').notNull(),
  direction: text('direction', { enum: messageDirections }).notNull(),
  sender: text('sender', { enum: messageSenders }).notNull(),
  senderId: text('sender_id'),
  /** Platform message id of inbound messages; a redelivery hits the unique index and is a no-op. */
  externalMessageId: text('external_message_id'),
  /** For bot replies: the inbound message that produced them. */
  inReplyTo: bigint('in_reply_to', { mode: 'number' }),
  type: text('type').notNull(),
  text: text('text').notNull().default(''),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  /** Outbound delivery: pending | sent | failed (with error) ; inbound: received. */
  deliveryStatus: text('delivery_status').notNull().default('received'),
  deliveryError: text('delivery_error'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('messages_external_unique').on(t.channelInstanceId, t.externalMessageId),
  index('messages_conversation_idx').on(t.conversationId, t.id),
]);

export const leads = pgTable('leads', {
  id: uuid('id').primaryKey().defaultRandom(),
  botId: text('bot_id').notNull().references(() => bots.id, { onDelete: 'cascade' }),
  contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
  conversationId: uuid('conversation_id'),
  fields: jsonb('fields').$type<Record<string, unknown>>().notNull().default({}),
  /** Total: the bot's scoring rules (fields, buying intents, engagement, recency) plus the flow's adjustments. */
  score: integer('score').notNull().default(0),
  /** Sum of the flow's explicit score changes (update-lead blocks, e.g. +20 on buying intent). */
  scoreAdjustment: integer('score_adjustment').notNull().default(0),
  /** Buying-intent detections by intent name. */
  intentHits: jsonb('intent_hits').$type<Record<string, number>>().notNull().default({}),
  messageCount: integer('message_count').notNull().default(0),
  lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
  status: text('status').notNull().default('new'),
  /** Bumped on every change; CRM idempotency keys are (lead id, version). */
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [uniqueIndex('leads_bot_contact_unique').on(t.botId, t.contactId)]);

export const outbox = pgTable('outbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** Event type, e.g. lead.updated, conversation.handoff, conversation.closed, followup.scheduled. */
  topic: text('topic').notNull(),
  botId: text('bot_id').notNull(),
  aggregateId: text('aggregate_id').notNull(),
  /** Deterministic: becomes the BullMQ job id, so relaying a row twice enqueues one job. */
  idempotencyKey: text('idempotency_key').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  availableAt: timestamp('available_at', { withTimezone: true }).notNull().defaultNow(),
  relayedAt: timestamp('relayed_at', { withTimezone: true }),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('outbox_idempotency_unique').on(t.idempotencyKey),
  index('outbox_pending_idx').on(t.availableAt).where(sql`${t.relayedAt} is null`),
]);

/** Every ownership change and handoff step, with who and when. */
export const conversationEvents = pgTable('conversation_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
  type: text('type').notNull(),
  fromOwner: text('from_owner'),
  toOwner: text('to_owner'),
  actorType: text('actor_type').notNull(),
  actorId: text('actor_id'),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
}, (t) => [index('conversation_events_conversation_idx').on(t.conversationId, t.id)]);

export const followUpStatuses = ['scheduled', 'sent', 'cancelled'] as const;

/** A message the flow scheduled for later; rows survive restarts and a worker sends them when due. */
export const followUps = pgTable('follow_ups', {
  id: uuid('id').primaryKey().defaultRandom(),
  conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
  /** The flow's deterministic id for this follow-up within the conversation. */
  key: text('key').notNull(),
  blockId: text('block_id').notNull(),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  cancelOn: jsonb('cancel_on').$type<string[]>().notNull().default([]),
  status: text('status', { enum: followUpStatuses }).notNull().default('scheduled'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('follow_ups_key_unique').on(t.conversationId, t.key),
  index('follow_ups_due_idx').on(t.dueAt).where(sql`${t.status} = 'scheduled'`),
]);
