import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { bots, conversations, users } from './core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const agentStatuses = ['online', 'away', 'offline'] as const;
export type AgentStatus = (typeof agentStatuses)[number];

/** Inbox settings of a user who answers conversations (agents and admins). */
export const agentProfiles = pgTable('agent_profiles', {
  userId: uuid('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  /** online: gets conversations assigned; away: may claim, gets none; offline: not signed in. */
  status: text('status', { enum: agentStatuses }).notNull().default('away'),
  maxOpen: integer('max_open').notNull().default(5),
  /** Languages the agent answers in (ISO 639-1); empty = any. */
  languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
  skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
  /** Round robin among equals: the least recently assigned agent goes first. */
  lastAssignedAt: timestamp('last_assigned_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [check('agent_profiles_status_check', sql`${t.status} in ('online', 'away', 'offline')`)]);

export const handoffStatuses = ['waiting', 'assigned', 'done'] as const;
export type HandoffStatus = (typeof handoffStatuses)[number];
export const conversationOutcomes = ['won', 'lost', 'not_a_lead', 'resolved', 'returned'] as const;
export type ConversationOutcome = (typeof conversationOutcomes)[number];

/**
 * One stay of a conversation with the humans: queued (waiting), with an agent (assigned), finished (done:
 * handed back or closed). At most one open (waiting|assigned) request per conversation.
 */
export const handoffRequests = pgTable('handoff_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
  botId: text('bot_id').notNull().references(() => bots.id, { onDelete: 'cascade' }),
  reason: text('reason').notNull(),
  /** Higher first; see bots/handoff/priority.ts. */
  priority: integer('priority').notNull(),
  priorityLabel: text('priority_label').notNull().default('normal'),
  language: text('language'),
  channel: text('channel').notNull(),
  skill: text('skill'),
  leadScore: integer('lead_score').notNull().default(0),
  status: text('status', { enum: handoffStatuses }).notNull().default('waiting'),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
  assignedAt: timestamp('assigned_at', { withTimezone: true }),
  assignedAgentId: uuid('assigned_agent_id'),
  /** When the assigned agent must have answered (first reply), else the conversation goes back to the queue. */
  slaDueAt: timestamp('sla_due_at', { withTimezone: true }),
  firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
  /** Set once the waiting-time alert was raised. */
  waitAlertedAt: timestamp('wait_alerted_at', { withTimezone: true }),
  requeueCount: integer('requeue_count').notNull().default(0),
  outcome: text('outcome', { enum: conversationOutcomes }),
  /** Why the customer was told what they were told (ETA, business hours), for the agent. */
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('handoff_requests_open_unique').on(t.conversationId).where(sql`${t.status} in ('waiting', 'assigned')`),
  /** "Next for this agent" walks this index in order: priority desc, oldest first. */
  index('handoff_requests_waiting_idx').on(t.priority.desc(), t.requestedAt.asc(), t.id).where(sql`${t.status} = 'waiting'`),
  index('handoff_requests_waiting_language_idx').on(t.language, t.priority.desc(), t.requestedAt.asc()).where(sql`${t.status} = 'waiting'`),
  index('handoff_requests_agent_idx').on(t.assignedAgentId).where(sql`${t.status} = 'assigned'`),
  index('handoff_requests_sla_idx').on(t.slaDueAt).where(sql`${t.status} = 'assigned' and ${t.firstResponseAt} is null`),
  index('handoff_requests_conversation_idx').on(t.conversationId, t.createdAt),
  check('handoff_requests_status_check', sql`${t.status} in ('waiting', 'assigned', 'done')`),
  check('handoff_requests_assigned_has_agent', sql`${t.status} <> 'assigned' or ${t.assignedAgentId} is not null`),
]);

/** Private notes of agents on a conversation; never sent to the customer. */
export const inboxNotes = pgTable('inbox_notes', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
  authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
  text: text('text').notNull(),
  createdAt: createdAt(),
}, (t) => [index('inbox_notes_conversation_idx').on(t.conversationId, t.id)]);

/** Saved answers agents insert into the reply box; per bot (null = every bot) and per locale. */
export const cannedReplies = pgTable('canned_replies', {
  id: uuid('id').primaryKey().defaultRandom(),
  botId: text('bot_id').references(() => bots.id, { onDelete: 'cascade' }),
  locale: text('locale').notNull().default('en'),
  shortcut: text('shortcut').notNull(),
  title: text('title').notNull(),
  text: text('text').notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
}, (t) => [index('canned_replies_lookup_idx').on(t.botId, t.locale)]);

/** The CSAT question asked after a close, and the customer's answer (1-5) once given. */
export const csatResponses = pgTable('csat_responses', {
  id: uuid('id').primaryKey().defaultRandom(),
  conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
  contactId: uuid('contact_id').notNull(),
  agentId: uuid('agent_id'),
  score: integer('score'),
  askedAt: timestamp('asked_at', { withTimezone: true }).notNull().defaultNow(),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('csat_responses_conversation_unique').on(t.conversationId),
  index('csat_responses_contact_idx').on(t.contactId, t.askedAt),
  check('csat_responses_score_check', sql`${t.score} is null or ${t.score} between 1 and 5`),
]);

/** Per user and conversation: the last message the user has seen, for unread counts. */
export const inboxReadMarkers = pgTable('inbox_read_markers', {
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
  lastReadMessageId: bigint('last_read_message_id', { mode: 'number' }).notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.userId, t.conversationId] })]);
