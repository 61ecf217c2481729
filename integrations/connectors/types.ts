import type { z } from 'zod';
import type { CrmConnectorType } from '../../core/db/schema/index';

export type CrmTopic = 'lead.updated' | 'conversation.handoff' | 'conversation.closed' | 'crm.action';
export const crmTopics: readonly CrmTopic[] = ['lead.updated', 'conversation.handoff', 'conversation.closed', 'crm.action'];

export interface SyncContact {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
  fields: Record<string, unknown>;
}

export interface SyncLead {
  id: string;
  fields: Record<string, unknown>;
  score: number;
  status: string;
  version: number;
}

export interface TranscriptLine {
  at: Date;
  sender: 'contact' | 'bot' | 'agent' | 'system';
  text: string;
}

/** Everything a connector needs for one event, loaded from the database inside the job. */
export interface CrmEvent {
  topic: CrmTopic;
  /** The outbox idempotency key, e.g. lead:<id>:v3. */
  eventKey: string;
  /** `<eventKey>:<connectionId>`: the key of this delivery; the same event never applies twice to one CRM. */
  idempotencyKey: string;
  /** A short token derived from `idempotencyKey`, written into notes/tasks so a retry can find them. */
  marker: string;
  botId: string;
  occurredAt: Date;
  contact: SyncContact;
  lead?: SyncLead;
  conversationId?: string;
  transcript?: TranscriptLine[];
  handoff?: { reason?: string; priority?: string };
  outcome?: 'won' | 'lost' | 'not_a_lead' | null;
  action?: { action: string; event?: string; payload: Record<string, unknown> };
  /** CRM field name → value, after the connection's field mapping. */
  mapped: Record<string, unknown>;
}

/** Our contact as known by the CRM: its record id and any other ids the connector keeps. */
export interface RemoteLink {
  remoteId: string;
  extra: Record<string, string>;
}

/** What a connector receives besides the event: where it stands with this event and this contact. */
export interface PushContext {
  link?: RemoteLink;
  /** Steps already applied for this event (step name → remote id); skip them. */
  steps: Readonly<Record<string, string>>;
  /** True when an earlier attempt may have reached the CRM without us learning the result (crash, timeout). */
  uncertain: boolean;
  /** Persists a finished step (and the contact link, when it changed) before the next remote call. */
  step(name: string, value: string, link?: RemoteLink): Promise<void>;
}

/** A CRM field the mapping UI offers. */
export interface CrmField {
  name: string;
  label: string;
  required?: boolean;
}

/** A CRM connector definition: config schema, field list and defaults. No I/O, safe to import anywhere. */
export interface ConnectorDefinition<Config = Record<string, unknown>> {
  type: CrmConnectorType;
  label: string;
  configSchema: z.ZodType<Config>;
  /** Config keys holding secrets: masked in API answers, kept on update when omitted. */
  secretFields: readonly string[];
  fields: readonly CrmField[];
  /** Our field (contact column, lead/contact field, `score`, `status`) → CRM field; the connection's mapping overrides it. */
  defaultMapping: Readonly<Record<string, string>>;
  /** True when two jobs for one contact must not run at once (a CRM could get two creates); webhooks need not. */
  lockPerContact: boolean;
  /** Requests per second per connection before we wait; 0 for no limit. */
  rateLimitPerSecond(config: Config): number;
}

/** A definition paired with its I/O side (registry.ts): `createClient` builds the client from a validated config. */
export interface Connector<Config = Record<string, unknown>> extends ConnectorDefinition<Config> {
  createClient(config: Config, options?: ClientOptions): ConnectorClient;
}

export interface ClientOptions {
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** The connection's stored config, for credentials the CRM rotates (Salesforce refresh tokens). */
  credentials?: StoredCredentials;
}

/** Where a client reads and writes the credentials of its connection while it runs. */
export interface StoredCredentials {
  /** The stored config now: another process may have stored a rotated secret since this client was built. */
  reload(): Promise<Record<string, unknown> | undefined>;
  /** Replaces secrets the CRM rotated, unless the stored ones changed meanwhile (an admin, another process). */
  replace(from: Record<string, string>, to: Record<string, string>): Promise<void>;
}

/** The I/O side of a connector. */
export interface ConnectorClient {
  /** Verifies the credentials with one cheap call (the admin "test connection" button). */
  check(): Promise<void>;
  /**
   * Applies one event. Must be idempotent: done steps in `ctx.steps` are skipped, creations are
   * upserts or are looked up first when `ctx.uncertain`. Throws ConnectorError on failure.
   */
  push(event: CrmEvent, ctx: PushContext): Promise<void>;
}
