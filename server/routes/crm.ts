import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queue } from 'bullmq';
import express, { Router, type Express } from 'express';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { crmConnectorTypes, leads } from '../../core/db/schema/index';
import { NotFoundError, UnavailableError, ValidationError } from '../../core/errors';
import { findBot } from '../../core/repositories/bots';
import {
  deleteCrmConnection, findCrmConnection, insertCrmConnection, listCrmConnections, updateCrmConnection, type CrmConnectionRow,
} from '../../core/repositories/crm';
import { saveScoringRules } from '../../core/repositories/crm-scoring';
import { findSyncRecord, listDeadLetters, listSyncRecords, markForReplay, type CrmSyncRecordRow } from '../../core/repositories/crm-sync';
import { isConnectorError } from '../../integrations/connectors/errors';
import { connectorDefinition, connectorDefinitions, maskConfig, mergeSecrets, parseConnectorConfig } from '../../integrations/connectors/registry';
import type { ClientOptions } from '../../integrations/connectors/types';
import type { CrmSyncJobData } from '../../integrations/crm-sync/job';
import { crmJobOptions } from '../../integrations/crm-sync/options';
import { loadScoringRules } from '../../bots/leads/rules';
import { ScoringRulesSchema } from '../../bots/leads/scoring';
import { allQueueNames, jobIdFor, queueNames } from '../../integrations/relay/routes';
import { requireRole } from '../auth/middleware';
import type { AppContext } from '../context';
import { parseBody } from '../http/validation';
import { param } from '../http/params';
import { withTimeout } from '../../core/timeout';
import { queuePrefix } from '../deployment';
import { storedCredentials } from '../../integrations/crm-sync/credentials';

export interface CrmRoutesOptions {
  /** BullMQ key prefix, must match the workers' (default: the deployment's, `queuePrefix`). */
  prefix?: string;
  /** Producer for replays; created from ctx.redis when absent. */
  queue?: Queue;
  /** Timeout / fetch for "test connection". */
  clientOptions?: ClientOptions;
}

const FieldMapping = z.record(z.string().min(1).max(200), z.string().max(200));
const CreateConnection = z.object({
  type: z.enum(crmConnectorTypes),
  name: z.string().max(200).optional(),
  config: z.record(z.string(), z.unknown()),
  fieldMapping: FieldMapping.optional(),
  enabled: z.boolean().optional(),
});
const UpdateConnection = z.object({
  name: z.string().max(200).optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  fieldMapping: FieldMapping.optional(),
  enabled: z.boolean().optional(),
});
const ReplayAll = z.object({ botId: z.string().optional(), connectionId: z.uuid().optional(), limit: z.number().int().min(1).max(1000).default(500) });
const uuidParam = z.uuid();

/**
 * Admin API for CRM sync, mounted under /api, admin only:
 * connections (config validated by the connector definition, secrets masked), field mapping, test, per-record
 * sync status, dead letters and replay, lead-scoring rules.
 */
export function crmRoutes(ctx: AppContext, options: CrmRoutesOptions = {}): Router {
  const router = Router();
  const admin = requireRole(ctx.db, 'admin');
  let queue = options.queue;
  const replayQueue = () => (queue ??= new Queue(queueNames.crmSync, { connection: ctx.redis, prefix: options.prefix ?? queuePrefix(ctx.config) }));

  router.use(['/bots/:botId/crm-connections', '/bots/:botId/sync-status', '/bots/:botId/lead-scoring', '/crm'], admin, express.json({ limit: '256kb' }));

  router.get('/crm/connectors', (_req, res) => {
    res.json({
      connectors: connectorDefinitions.map((d) => ({
        type: d.type, label: d.label, fields: d.fields, defaultMapping: d.defaultMapping, secretFields: d.secretFields,
        configSchema: z.toJSONSchema(d.configSchema, { io: 'input', unrepresentable: 'any' }),
      })),
    });
  });

  const bot = async (botId: string) => {
    if (!(await findBot(ctx.db, botId))) throw new NotFoundError('bot', { botId });
    return botId;
  };
  const connection = async (botId: string, id: string) => {
    const row = uuidParam.safeParse(id).success ? await findCrmConnection(ctx.db, botId, id) : undefined;
    if (!row) throw new NotFoundError('CRM connection', { id });
    return row;
  };

  router.get('/bots/:botId/crm-connections', async (req, res) => {
    const rows = await listCrmConnections(ctx.db, await bot(param(req, 'botId')));
    res.json({ connections: rows.map(view) });
  });

  router.post('/bots/:botId/crm-connections', async (req, res) => {
    const botId = await bot(param(req, 'botId'));
    const input = parseBody(CreateConnection, req.body);
    const config = parseConnectorConfig(input.type, input.config);
    const row = await insertCrmConnection(ctx.db, {
      botId, type: input.type, name: input.name ?? connectorDefinition(input.type).label, config, fieldMapping: input.fieldMapping, enabled: input.enabled,
    });
    res.status(201).json({ connection: view(row) });
  });

  router.get('/bots/:botId/crm-connections/:id', async (req, res) => {
    res.json({ connection: view(await connection(param(req, 'botId'), param(req, 'id'))) });
  });

  router.put('/bots/:botId/crm-connections/:id', async (req, res) => {
    const existing = await connection(param(req, 'botId'), param(req, 'id'));
    const input = parseBody(UpdateConnection, req.body);
    const config = input.config ? parseConnectorConfig(existing.type, mergeSecrets(existing.type, existing.config, input.config)) : undefined;
    const row = await updateCrmConnection(ctx.db, existing.botId, existing.id, { name: input.name, config, fieldMapping: input.fieldMapping, enabled: input.enabled });
    if (!row) throw new NotFoundError('CRM connection', { id: existing.id });
    res.json({ connection: view(row) });
  });

  router.delete('/bots/:botId/crm-connections/:id', async (req, res) => {
    const existing = await connection(param(req, 'botId'), param(req, 'id'));
    await deleteCrmConnection(ctx.db, existing.botId, existing.id);
    res.status(204).end();
  });

  router.get('/bots/:botId/crm-connections/:id/field-mapping', async (req, res) => {
    const row = await connection(param(req, 'botId'), param(req, 'id'));
    const definition = connectorDefinition(row.type);
    res.json({ fieldMapping: row.fieldMapping, defaultMapping: definition.defaultMapping, fields: definition.fields });
  });

  router.put('/bots/:botId/crm-connections/:id/field-mapping', async (req, res) => {
    const row = await connection(param(req, 'botId'), param(req, 'id'));
    const mapping = parseBody(z.object({ fieldMapping: FieldMapping }), req.body).fieldMapping;
    const updated = await updateCrmConnection(ctx.db, row.botId, row.id, { fieldMapping: mapping });
    res.json({ fieldMapping: updated?.fieldMapping ?? mapping });
  });

  router.post('/bots/:botId/crm-connections/:id/test', async (req, res) => {
    const row = await connection(param(req, 'botId'), param(req, 'id'));
    const definition = connectorDefinition(row.type);
    try {
      const clientOptions = { ...(options.clientOptions ?? { timeoutMs: 10_000 }), credentials: storedCredentials(ctx.db, row) };
      await definition.createClient(parseConnectorConfig(row.type, row.config), clientOptions).check();
      res.json({ ok: true });
    } catch (error) {
      if (!isConnectorError(error)) throw error;
      res.json({ ok: false, error: `failed: ${error.message}`, status: error.status ?? null });
    }
  });

  router.get('/bots/:botId/sync-status', async (req, res) => {
    const botId = await bot(param(req, 'botId'));
    const record = typeof req.query.record === 'string' ? req.query.record : '';
    const m = /^(lead|contact|conversation):([0-9a-f-]{36})$/i.exec(record);
    if (!m) throw new ValidationError('record must look like lead:<id>, contact:<id> or conversation:<id>', { field: 'record' });
    const [, kind, id] = m;
    let filter: { recordKey?: string; contactId?: string } = { recordKey: record };
    if (kind === 'contact') filter = { contactId: id };
    if (kind === 'lead') {
      const [lead] = await ctx.db.select({ contactId: leads.contactId }).from(leads).where(eq(leads.id, id)).limit(1);
      filter = lead ? { recordKey: record, contactId: lead.contactId } : { recordKey: record };
    }
    const rows = await listSyncRecords(ctx.db, botId, filter, 100);
    const latest = new Map<string, (typeof rows)[number]>();
    for (const row of rows) if (!latest.has(row.connection.id)) latest.set(row.connection.id, row);
    res.json({
      record,
      connectors: [...latest.values()].map((r) => ({ connectionId: r.connection.id, name: r.connection.name, type: r.connection.type, ...statusView(r.record, r.connection) })),
      events: rows.map((r) => ({ id: r.record.id, connectionId: r.connection.id, topic: r.record.topic, eventKey: r.record.eventKey, ...statusView(r.record, r.connection) })),
    });
  });

  router.get('/bots/:botId/lead-scoring', async (req, res) => {
    res.json({ rules: await loadScoringRules(ctx.db, await bot(param(req, 'botId'))) });
  });

  router.put('/bots/:botId/lead-scoring', async (req, res) => {
    const botId = await bot(param(req, 'botId'));
    const rules = parseBody(ScoringRulesSchema, req.body?.rules ?? req.body);
    await saveScoringRules(ctx.db, botId, rules as unknown as Record<string, unknown>);
    res.json({ rules });
  });

  router.get('/crm/dead-letters', async (req, res) => {
    const q = parseBody(
      z.object({ botId: z.string().optional(), connectionId: z.uuid().optional(), before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      req.query,
    );
    const rows = await listDeadLetters(ctx.db, { botId: q.botId, connectionId: q.connectionId, beforeId: q.before, limit: q.limit });
    res.json({
      deadLetters: rows.map((r) => ({
        id: r.record.id, botId: r.record.botId, connection: r.connection, topic: r.record.topic, eventKey: r.record.eventKey, recordKey: r.record.recordKey,
        error: r.record.lastError, httpStatus: r.record.lastErrorStatus, attempts: r.record.attempts, replays: r.record.replays, failedAt: r.record.updatedAt,
      })),
      nextBefore: rows.length === q.limit ? rows[rows.length - 1].record.id : null,
    });
  });

  const replay = async (ids: number[]) => {
    // Enqueue inside the transaction: if Redis refuses, the rows stay on the dead-letter list.
    return ctx.db.transaction(async (tx) => {
      const moved = await markForReplay(tx, ids);
      if (moved.length === 0) return [];
      const jobs = moved.map((r) => ({
        name: r.topic,
        data: r.job as unknown as CrmSyncJobData,
        opts: { ...crmJobOptions(), jobId: jobIdFor(r.eventKey, r.connectionId, `replay${r.replays}`) },
      }));
      try {
        await withTimeout(replayQueue().addBulk(jobs), 5000, 'enqueue replays');
      } catch (error) {
        throw new UnavailableError(`cannot enqueue the replay: ${(error as Error).message}`, {}, { cause: error });
      }
      return moved;
    });
  };

  router.post('/crm/dead-letters/replay', async (req, res) => {
    const input = parseBody(ReplayAll, req.body);
    const rows = await listDeadLetters(ctx.db, { botId: input.botId, connectionId: input.connectionId, limit: input.limit });
    const moved = await replay(rows.map((r) => r.record.id));
    res.json({ replayed: moved.length });
  });

  router.post('/crm/dead-letters/:id/replay', async (req, res) => {
    const id = Number(param(req, 'id'));
    const record = Number.isSafeInteger(id) && id > 0 ? await findSyncRecord(ctx.db, id) : undefined;
    if (!record) throw new NotFoundError('dead letter', { id: param(req, 'id') });
    const moved = await replay([record.id]);
    if (moved.length === 0) throw new ValidationError(`record ${record.id} is ${record.status}, not a dead letter`, { field: 'id' }, { status: 409, code: 'conflict' });
    res.status(202).json({ replayed: 1, status: 'pending' });
  });

  return router;
}

function view(row: CrmConnectionRow) {
  return {
    id: row.id, botId: row.botId, type: row.type, name: row.name, enabled: row.enabled,
    config: maskConfig(row.type, row.config), fieldMapping: row.fieldMapping, createdAt: row.createdAt, updatedAt: row.updatedAt,
  };
}

/** `synced to HubSpot at 10:42` / `failed: 401 invalid token` / `pending`. */
function statusView(record: CrmSyncRecordRow, connection: { type: string; name: string }) {
  const label = connectorDefinition(connection.type).label;
  const hhmm = (d: Date) => d.toISOString().slice(11, 16);
  const summary =
    record.status === 'synced' ? `synced to ${label} at ${hhmm(record.syncedAt ?? record.updatedAt)} UTC`
    : record.status === 'failed' ? `failed: ${record.lastError ?? 'unknown error'} (retrying)`
    : record.status === 'dead' ? `failed: ${record.lastError ?? 'unknown error'}`
    : record.status === 'skipped' ? `skipped: ${record.lastError ?? ''}`.trim()
    : 'pending';
  return { status: record.status, at: record.syncedAt ?? record.updatedAt, error: record.status === 'synced' ? null : record.lastError, summary, attempts: record.attempts };
}

/**
 * Mounts bull-board (every routed queue) at `basePath` (default /admin/queues), admin only.
 * Call before the app's 404 handler.
 */
export function mountQueueDashboard(app: Express, ctx: Pick<AppContext, 'db' | 'redis' | 'config'>, options: { basePath?: string; prefix?: string } = {}): { close(): Promise<void> } {
  const basePath = options.basePath ?? '/admin/queues';
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(basePath);
  const queues = allQueueNames.map((name) => new Queue(name, { connection: ctx.redis, prefix: options.prefix ?? queuePrefix(ctx.config) }));
  // @bull-board/express 9.10.1 bundles its own @bull-board/api 9.10.1: same adapter interface, separate type declarations.
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'] });
  app.use(basePath, requireRole(ctx.db, 'admin'), serverAdapter.getRouter());
  return { close: async () => void (await Promise.allSettled(queues.map((q) => q.close()))) };
}
