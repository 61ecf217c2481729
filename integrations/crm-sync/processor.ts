import { randomUUID } from 'node:crypto';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Database } from '../../core/db/client';
import type { Logger } from '../../core/logger';
import { loadSyncJobs, markSyncFailed, markSynced, markSyncedMany, saveSyncStep } from '../../core/repositories/crm-sync';
import { MicroBatcher } from './batcher';
import { ConnectorError, isConnectorError } from '../connectors/errors';
import { connectorDefinition } from '../connectors/registry';
import type { ClientOptions, PushContext, RemoteLink } from '../connectors/types';
import { storedCredentials } from './credentials';
import { buildCrmEvent } from './event';
import type { ConnectionGate } from './gate';
import type { CrmSyncJobData } from './job';

export interface CrmProcessorDeps {
  db: Database;
  gate: ConnectionGate;
  logger: Logger;
  /** Timeout / fetch for connector clients. */
  clientOptions?: ClientOptions;
  /** Wait after a 429 without Retry-After. */
  defaultRateLimitWaitMs?: number;
}

export type CrmJobResult = { status: 'synced' | 'skipped' | 'already'; detail?: string };

const requestCost: Record<CrmSyncJobData['topic'], number> = { 'lead.updated': 1, 'conversation.handoff': 2, 'conversation.closed': 3, 'crm.action': 2 };

/**
 * The crm-sync job: loads the event's rows, passes the connection's gate (429 pause, per-contact lock, rate
 * limit), pushes through the connector, and records the outcome. Permanent failures (4xx) go to the dead-letter
 * list at once; transient ones are retried by BullMQ with backoff until the last attempt, then dead-lettered.
 */
export function createCrmProcessor(deps: CrmProcessorDeps) {
  // Concurrent jobs share round trips: one query loads all of them, one statement marks them synced.
  const loader = new MicroBatcher(async (keys: { connectionId: string; eventKey: string }[]) => {
    const rows = await loadSyncJobs(deps.db, keys);
    const byKey = new Map(rows.map((r) => [`${r.record.connectionId}|${r.record.eventKey}`, r]));
    return keys.map((k) => byKey.get(`${k.connectionId}|${k.eventKey}`));
  });
  const finisher = new MicroBatcher(async (items: { id: number; steps: Record<string, string> }[]) => {
    await markSyncedMany(deps.db, items);
    return items.map(() => undefined);
  });

  return async function processCrmJob(job: Job<CrmSyncJobData>, token?: string): Promise<CrmJobResult> {
    const data = job.data;
    const loaded = await loader.call({ connectionId: data.connectionId, eventKey: data.eventKey });
    if (!loaded) return { status: 'skipped', detail: 'connection or record deleted' };
    const { record, connection, contact, link } = loaded;
    if (record.status === 'synced' || record.status === 'skipped') return { status: 'already', detail: record.status };
    if (!connection.enabled) {
      await markSynced(deps.db, record, { status: 'skipped', note: 'connection disabled' });
      return { status: 'skipped', detail: 'connection disabled' };
    }
    if (!contact) {
      await markSynced(deps.db, record, { status: 'skipped', note: 'contact deleted' });
      return { status: 'skipped', detail: 'contact deleted' };
    }
    if (data.topic === 'lead.updated' && data.version !== undefined && link && link.leadVersion >= data.version) {
      await markSynced(deps.db, record, { note: `superseded by version ${link.leadVersion}` });
      return { status: 'synced', detail: 'superseded' };
    }

    const definition = connectorDefinition(connection.type);
    const parsedConfig = definition.configSchema.safeParse(connection.config);
    if (!parsedConfig.success) {
      const message = `invalid connection config: ${parsedConfig.error.issues[0]?.path.join('.')} ${parsedConfig.error.issues[0]?.message}`;
      await markSyncFailed(deps.db, record.id, { status: 'dead', error: message });
      throw new UnrecoverableError(message);
    }

    const lockToken = randomUUID();
    const locked = definition.lockPerContact;
    const perSecond = definition.rateLimitPerSecond(parsedConfig.data);
    const wait = await deps.gate.admit(connection.id, contact.id, lockToken, { perSecond, lock: locked, cost: requestCost[data.topic] });
    if (wait > 0) return delay(job, token, wait);
    const holdsLock = locked || perSecond > 0;

    const attempts = job.opts.attempts ?? 1;
    const stopKeepAlive = holdsLock ? deps.gate.keepAlive(connection.id, contact.id, lockToken) : () => undefined;
    try {
      const event = await buildCrmEvent(deps.db, data, { ...loaded, contact }, definition);
      const client = definition.createClient(parsedConfig.data, { ...deps.clientOptions, credentials: storedCredentials(deps.db, connection) });
      const steps: Record<string, string> = { ...record.steps };
      const ctx: PushContext = {
        link: link ? { remoteId: link.remoteId, extra: link.extra } : undefined,
        steps,
        uncertain: job.attemptsStarted > 1 || record.attempts > 0 || record.replays > 0,
        step: async (name: string, value: string, newLink?: RemoteLink) => {
          steps[name] = value;
          await saveSyncStep(deps.db, record, { name, value }, newLink);
        },
      };
      await client.push(event, ctx);
      const done: Record<string, string> = Object.keys(steps).length ? {} : { delivered: new Date().toISOString() };
      // only CRMs keep a link whose lead version moves; a webhook has none
      if (data.version !== undefined && (link || steps.contact)) await markSynced(deps.db, record, { steps: done, leadVersion: data.version });
      else await finisher.call({ id: record.id, steps: done });
      return { status: 'synced' };
    } catch (error) {
      if (error instanceof DelayedError) throw error;
      const err = isConnectorError(error) ? error : new ConnectorError((error as Error).message ?? String(error), 'transient', undefined, undefined, { cause: error });
      const log = { jobId: job.id, connectionId: connection.id, type: connection.type, eventKey: data.eventKey, attempt: job.attemptsMade + 1, status: err.status, error: err.message };
      if (err.kind === 'skip') {
        await markSynced(deps.db, record, { status: 'skipped', note: err.message });
        return { status: 'skipped', detail: err.message };
      }
      if (err.kind === 'rate_limited' && job.attemptsStarted <= attempts * 5) {
        const ms = err.retryAfterMs ?? deps.defaultRateLimitWaitMs ?? 1000;
        await deps.gate.pause(connection.id, ms);
        await markSyncFailed(deps.db, record.id, { status: 'failed', error: `${err.message} (waiting ${Math.ceil(ms / 1000)} s)`, httpStatus: err.status, countAttempt: false });
        deps.logger.warn(log, 'crm-sync: rate limited by the CRM');
        return delay(job, token, ms);
      }
      if (err.kind === 'permanent') {
        await markSyncFailed(deps.db, record.id, { status: 'dead', error: err.message, httpStatus: err.status });
        deps.logger.warn(log, 'crm-sync: permanent failure, moved to dead letters');
        throw new UnrecoverableError(err.message);
      }
      const last = job.attemptsMade + 1 >= attempts;
      await markSyncFailed(deps.db, record.id, { status: last ? 'dead' : 'failed', error: err.message, httpStatus: err.status }).catch(() => undefined);
      deps.logger[last ? 'warn' : 'info'](log, last ? 'crm-sync: out of retries, moved to dead letters' : 'crm-sync: transient failure, will retry');
      throw err;
    } finally {
      stopKeepAlive();
      if (holdsLock) await deps.gate.release(connection.id, contact.id, lockToken).catch(() => undefined);
    }
  };
}

async function delay(job: Job, token: string | undefined, ms: number): Promise<never> {
  await job.moveToDelayed(Date.now() + ms + Math.floor(Math.random() * 50), token);
  throw new DelayedError();
}
