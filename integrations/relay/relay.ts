import type { Queue } from 'bullmq';
import type { Database, Executor } from '../../core/db/client';
import { leaseOutboxRows } from '../../core/repositories/crm-outbox';
import type { Logger } from '../../core/logger';
import { enabledCrmConnections } from '../../core/repositories/crm';
import { insertSyncRecords, type NewCrmSyncRecord } from '../../core/repositories/crm-sync';
import { claimPendingOutbox, markOutboxFailed, markOutboxRelayed, type OutboxRow } from '../../core/repositories/outbox';
import { crmTopics, type CrmTopic } from '../connectors/types';
import { crmJobFields, recordKeyFor, type CrmSyncJobData, type OutboxJobData } from '../crm-sync/job';
import { jobIdFor, outboxRoutes, type QueueName } from './routes';
import { withTimeout } from '../../core/timeout';

export interface OutboxRelayOptions {
  db: Database;
  /** One producer per queue named in the routes table. */
  queues: ReadonlyMap<QueueName, Queue>;
  logger: Logger;
  batchSize?: number;
  pollMs?: number;
  /** Longest wait between attempts while Redis (or the database) is down. */
  maxBackoffMs?: number;
  /** Gives up on a Redis write after this long; the batch rolls back and waits for the next round. */
  enqueueTimeoutMs?: number;
  /** False while the producer's Redis connection is down: the round fails fast instead of waiting for the timeout. */
  canEnqueue?: () => boolean;
  /** How long claimed rows stay hidden from other relays while being enqueued (default 30 s). */
  leaseMs?: number;
  /** Job options for crm-sync jobs (attempts, backoff, retention). */
  crmJobOptions?: Record<string, unknown>;
  clock?: () => Date;
}

interface PlannedJob {
  name: string;
  data: CrmSyncJobData | OutboxJobData;
  opts: { jobId: string } & Record<string, unknown>;
}

/**
 * Moves outbox rows into BullMQ. Each round claims a batch (`for update skip locked`, then a short lease, so
 * several relays share the work), enqueues with deterministic job ids, then marks the rows relayed. If Redis is
 * down the lease is dropped and the rows wait for the next round; if the process dies they come back when the
 * lease ends. Relaying a row twice enqueues one job (same id), and the CRM ledger makes a re-run a no-op. A row
 * that cannot be routed or parsed is parked with a growing delay instead of blocking the rows behind it.
 */
export class OutboxRelay {
  private stopped = true;
  private loopDone: Promise<void> = Promise.resolve();
  private wake?: () => void;
  private failures = 0;
  private readonly batchSize: number;
  private readonly clock: () => Date;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.clock = options.clock ?? (() => new Date());
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loopDone = this.loop();
  }

  /** Relay now instead of at the next poll (call after a turn commits). */
  kick(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loopDone;
  }

  private async loop(): Promise<void> {
    const pollMs = this.options.pollMs ?? 200;
    const maxBackoff = this.options.maxBackoffMs ?? 5000;
    while (!this.stopped) {
      let full = false;
      try {
        const n = await this.relayOnce();
        if (this.failures > 0) this.options.logger.info({ after: this.failures }, 'outbox relay recovered');
        this.failures = 0;
        full = n >= this.batchSize;
      } catch (error) {
        this.failures += 1;
        // a round or two may fail while connections come up; say it once it persists, then now and then
        const log = this.failures === 3 || this.failures % 50 === 0 ? 'warn' : 'debug';
        this.options.logger[log]({ err: error, failures: this.failures }, 'outbox relay: cannot relay now, rows stay in the outbox');
      }
      if (full || this.stopped) continue;
      const wait = this.failures > 0 ? Math.min(maxBackoff, pollMs * 2 ** Math.min(this.failures, 10)) : pollMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /**
   * One round; returns how many rows it claimed. Throws when the batch could not be enqueued (the rows come back).
   * Phase 1 (one transaction): claim, write the pending sync rows, lease the rows. Phase 2: enqueue. Phase 3: mark
   * relayed. A job is only enqueued once its sync row is committed, so a worker never sees a job before its row.
   */
  async relayOnce(): Promise<number> {
    if (this.options.canEnqueue && !this.options.canEnqueue()) throw new Error('Redis is not connected');
    const now = this.clock();
    const plan = await this.options.db.transaction(async (tx) => {
      const rows = await claimPendingOutbox(tx, this.batchSize, now);
      if (rows.length === 0) return undefined;
      const planned = await this.plan(tx, rows);
      await insertSyncRecords(tx, planned.records);
      await leaseOutboxRows(tx, planned.relayed, new Date(now.getTime() + (this.options.leaseMs ?? 30_000)));
      for (const { row, error } of planned.parked) {
        const delayMs = Math.min(3_600_000, 10_000 * 2 ** Math.min(row.attempts, 12));
        this.options.logger.error({ outboxId: row.id, topic: row.topic, error }, 'outbox row parked');
        await markOutboxFailed(tx, row.id, error, new Date(now.getTime() + delayMs));
      }
      return { ...planned, claimed: rows.length };
    });
    if (!plan) return 0;
    try {
      for (const [name, list] of plan.jobs) {
        const queue = this.options.queues.get(name);
        if (!queue) throw new Error(`no producer for queue ${name}`);
        await withTimeout(queue.addBulk(list), this.options.enqueueTimeoutMs ?? 5000, `enqueue to ${name}`);
      }
    } catch (error) {
      await leaseOutboxRows(this.options.db, plan.relayed, now).catch(() => undefined);
      throw error;
    }
    await markOutboxRelayed(this.options.db, plan.relayed, now);
    return plan.claimed;
  }

  private async plan(tx: Executor, rows: OutboxRow[]) {
    const crmBots = [...new Set(rows.filter((r) => outboxRoutes[r.topic]?.some((t) => t.fanOut === 'crm')).map((r) => r.botId))];
    const connections = await enabledCrmConnections(tx, crmBots);
    const byBot = new Map<string, typeof connections>();
    for (const c of connections) byBot.set(c.botId, [...(byBot.get(c.botId) ?? []), c]); // few per bot

    const jobs = new Map<QueueName, PlannedJob[]>();
    const records: NewCrmSyncRecord[] = [];
    const relayed: number[] = [];
    const parked: { row: OutboxRow; error: string }[] = [];
    for (const row of rows) {
      const targets = outboxRoutes[row.topic];
      if (!targets) {
        parked.push({ row, error: `no route for topic "${row.topic}"` });
        continue;
      }
      try {
        const planned: [QueueName, PlannedJob][] = [];
        const rowRecords: NewCrmSyncRecord[] = [];
        for (const target of targets) {
          if (target.fanOut === 'crm') {
            for (const job of this.planCrmJobs(row, byBot.get(row.botId) ?? [])) {
              planned.push([target.queue, job]);
              const data = job.data as CrmSyncJobData;
              rowRecords.push({
                connectionId: data.connectionId, botId: row.botId, eventKey: row.idempotencyKey, recordKey: recordKeyFor(data),
                contactId: data.contactId, topic: row.topic, outboxId: row.id, job: data as unknown as Record<string, unknown>,
              });
            }
          } else {
            planned.push([target.queue, { name: row.topic, data: outboxJobData(row), opts: { jobId: jobIdFor(row.idempotencyKey), removeOnComplete: { age: 3600, count: 10000 }, removeOnFail: { age: 7 * 86400 } } }]);
          }
        }
        for (const [queue, job] of planned) {
          const list = jobs.get(queue);
          if (list) list.push(job);
          else jobs.set(queue, [job]);
        }
        records.push(...rowRecords);
        relayed.push(row.id);
      } catch (error) {
        parked.push({ row, error: `cannot relay: ${(error as Error).message.slice(0, 300)}` });
      }
    }
    return { jobs, records, relayed, parked };
  }

  private planCrmJobs(row: OutboxRow, connections: { id: string; type: string; config: Record<string, unknown> }[]): PlannedJob[] {
    if (!(crmTopics as readonly string[]).includes(row.topic)) throw new Error(`topic ${row.topic} is not a CRM topic`);
    const topic = row.topic as CrmTopic;
    const { onlyConnectionId, ...fields } = crmJobFields(topic, row.payload);
    return connections
      .filter((c) => !onlyConnectionId || c.id === onlyConnectionId)
      .filter((c) => fields.action?.action !== 'webhook' || c.type === 'webhook')
      .filter((c) => c.type !== 'webhook' || !Array.isArray(c.config.events) || c.config.events.includes(topic))
      .map((c) => {
        const data: CrmSyncJobData = { outboxId: row.id, topic, botId: row.botId, eventKey: row.idempotencyKey, connectionId: c.id, occurredAt: row.createdAt.toISOString(), ...fields };
        return { name: topic, data, opts: { ...(this.options.crmJobOptions ?? {}), jobId: jobIdFor(row.idempotencyKey, c.id) } };
      });
  }
}

function outboxJobData(row: OutboxRow): OutboxJobData {
  return { outboxId: row.id, topic: row.topic, botId: row.botId, aggregateId: row.aggregateId, idempotencyKey: row.idempotencyKey, payload: row.payload, createdAt: row.createdAt.toISOString() };
}

