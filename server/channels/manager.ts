import { randomUUID } from 'node:crypto';
import type { AnyChannelAdapter, ChannelConnection, ChannelHost, ChannelInstance, ChannelStatus } from '../../channels/contract';
import { channelStatus } from '../../channels/contract';
import { adapterFor } from '../../channels/registry';
import type { Logger } from '../../core/logger';
import type { Database } from '../../core/db/client';
import { findChannelInstance, listChannelInstances, type ChannelInstanceRow } from '../../core/repositories/bots';
import type { ChannelLeases } from './leases';

/** One channel instance opened on this server instance. */
export interface RunningInstance {
  row: ChannelInstanceRow;
  adapter: AnyChannelAdapter;
  instance: ChannelInstance;
  connection?: ChannelConnection;
  /** Why it could not be opened (invalid config, unknown channel...). */
  error?: string;
  /** Exclusive (see `ChannelAdapter.exclusive`) and connected on another server instance: sends go there. */
  elsewhere?: boolean;
  /** The status that server instance published last. */
  heldStatus?: ChannelStatus;
}

/** What the manager needs to keep exclusive instances on one server instance. */
export interface ExclusiveConnections {
  leases: ChannelLeases;
  /** Called when this server instance takes over an exclusive instance (to send what was left for it). */
  onTakeOver(channelInstanceId: string): void;
}

/** Event on the real-time bus telling every server instance to reload a channel instance. */
export const channelsChangedEvent = 'channels.changed';

/**
 * Opens every enabled channel instance of this server instance and keeps them in step with the
 * database: admins change instances through the API, which reloads them here and announces the change
 * on the bus so the other server instances reload too.
 */
export class ChannelManager {
  private readonly running = new Map<string, RunningInstance>();
  private readonly pending = new Map<string, Promise<RunningInstance | undefined>>();
  private stopped = false;
  private leaseTimer?: NodeJS.Timeout;
  private keeping?: Promise<void>;
  /** Exclusive instances whose lease this server instance holds (connected, or connecting). */
  private readonly held = new Set<string>();

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly hostFor: (row: ChannelInstanceRow) => ChannelHost,
    private readonly exclusive?: ExclusiveConnections,
    /** Tells this server instance's own bus announcements apart from the others' (and holds its leases). */
    readonly origin: string = randomUUID(),
  ) {}

  async startAll(): Promise<void> {
    // Before connecting: a slow connection (WhatsApp starts a browser) must not outlive its lease.
    if (this.exclusive && !this.stopped && !this.leaseTimer) {
      const every = Math.max(50, Math.floor(this.exclusive.leases.ttlMs / 3));
      this.leaseTimer = setInterval(() => {
        // One round at a time: with Redis slow, rounds would overlap.
        if (!this.keeping) this.keeping = this.keepLeases().finally(() => (this.keeping = undefined));
      }, every);
      this.leaseTimer.unref();
    }
    const rows = await listChannelInstances(this.db);
    await Promise.all(rows.filter((row) => row.enabled).map((row) => this.reload(row.id)));
    this.logger.info({ instances: [...this.running.values()].map((r) => `${r.row.channel}:${r.row.id}${r.elsewhere ? ' (elsewhere)' : ''}`) }, 'channels started');
  }

  /**
   * Renews the leases this server instance holds (and publishes their status); takes over the ones whose holder
   * went away. A lease lost (Redis was away longer than its life) closes the connection here: another server
   * instance may have opened its own.
   */
  private async keepLeases(): Promise<void> {
    const exclusive = this.exclusive;
    if (!exclusive) return;
    for (const id of [...this.held]) {
      try {
        if (await exclusive.leases.renew(id)) {
          const connection = this.running.get(id)?.connection;
          if (connection) await exclusive.leases.publishStatus(id, connection.status());
        } else if (this.held.delete(id)) {
          this.logger.warn({ channelInstanceId: id }, 'lost the lease of an exclusive channel instance; closing it here');
          void this.reload(id);
        }
      } catch (error) {
        this.logger.warn({ err: error, channelInstanceId: id }, 'could not renew the lease of a channel instance');
      }
    }
    if (this.stopped) return;
    for (const [id, running] of this.running) {
      if (!running.elsewhere || this.pending.has(id)) continue;
      try {
        if (await exclusive.leases.acquire(id)) void this.reload(id);
        else running.heldStatus = await exclusive.leases.heldStatus(id);
      } catch (error) {
        this.logger.warn({ err: error, channelInstanceId: id }, 'could not take the lease of a channel instance');
      }
    }
  }

  get(id: string): RunningInstance | undefined {
    return this.running.get(id);
  }

  list(): RunningInstance[] {
    return [...this.running.values()];
  }

  /** The running instance, opening it first when another server instance created it moments ago. */
  async ensure(id: string): Promise<RunningInstance | undefined> {
    return this.running.get(id) ?? this.pending.get(id) ?? this.reload(id);
  }

  /** Closes and reopens one instance from its stored row (closed for good when deleted or disabled). */
  reload(id: string): Promise<RunningInstance | undefined> {
    const previous = this.pending.get(id) ?? Promise.resolve(undefined);
    const next = previous.catch(() => undefined).then(async () => {
      await this.close(id);
      if (this.stopped) return undefined;
      const row = await findChannelInstance(this.db, id);
      if (!row || !row.enabled) return undefined;
      return this.open(row);
    });
    this.pending.set(id, next);
    void next.finally(() => {
      if (this.pending.get(id) === next) this.pending.delete(id);
    }).catch(() => undefined);
    return next;
  }

  status(id: string): ChannelStatus {
    const running = this.running.get(id);
    if (!running) return channelStatus(this.pending.has(id) ? 'starting' : 'stopped');
    if (running.error) return channelStatus('failed', { detail: running.error });
    if (running.elsewhere) {
      const held = running.heldStatus ?? channelStatus('starting');
      return { ...held, detail: `${held.detail ? `${held.detail}; ` : ''}connected on another server instance` };
    }
    return running.connection?.status() ?? channelStatus('starting');
  }

  async close(id: string): Promise<void> {
    const running = this.running.get(id);
    if (!running) return;
    this.running.delete(id);
    await running.connection?.close().catch((error: unknown) => this.logger.warn({ err: error, channelInstanceId: id }, 'closing a channel instance failed'));
    // Given up at once, so another server instance takes over without waiting for the lease to run out.
    if (this.held.delete(id)) await this.releaseLease(id);
  }

  private async releaseLease(id: string): Promise<void> {
    await this.exclusive?.leases.release(id).catch((error: unknown) => this.logger.warn({ err: error, channelInstanceId: id }, 'could not release the lease of a channel instance'));
  }

  /** Closes every instance; leases are kept alive until their connection is closed, then given up. */
  async stopAll(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.pending.values()]);
    await Promise.all([...this.running.keys()].map((id) => this.close(id)));
    clearInterval(this.leaseTimer);
  }

  private async open(row: ChannelInstanceRow): Promise<RunningInstance | undefined> {
    const log = this.logger.child({ channel: row.channel, channelInstanceId: row.id });
    const adapter = adapterFor(row.channel);
    if (!adapter) {
      log.error('unknown channel type; instance not started');
      return undefined;
    }
    const parsed = adapter.configSchema.safeParse(row.config);
    const base = { row, adapter, instance: { id: row.id, botId: row.botId, config: row.config } };
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const running: RunningInstance = { ...base, error: `invalid config: ${issue.path.join('.')} ${issue.message}` };
      log.error({ error: running.error }, 'channel instance not started');
      this.running.set(row.id, running);
      return running;
    }
    const instance: ChannelInstance = { id: row.id, botId: row.botId, config: parsed.data as Record<string, unknown> };
    const exclusive = this.exclusive && adapter.exclusive?.(instance.config) ? this.exclusive : undefined;
    if (exclusive) {
      if (!(await exclusive.leases.acquire(row.id).catch(() => false))) {
        const heldStatus = await exclusive.leases.heldStatus(row.id).catch(() => undefined);
        const running: RunningInstance = { ...base, instance, elsewhere: true, heldStatus };
        this.running.set(row.id, running);
        log.info('exclusive channel instance connected on another server instance; sending through it');
        return running;
      }
      this.held.add(row.id);
    }
    try {
      const connection = await adapter.connect(instance, this.hostFor(row));
      const running: RunningInstance = { ...base, instance, connection };
      this.running.set(row.id, running);
      if (exclusive) {
        await exclusive.leases.publishStatus(row.id, connection.status()).catch(() => undefined);
        exclusive.onTakeOver(row.id);
      }
      return running;
    } catch (error) {
      log.error({ err: error }, 'channel instance could not be opened');
      if (this.held.delete(row.id)) await this.releaseLease(row.id);
      const running: RunningInstance = { ...base, instance, error: (error as Error).message };
      this.running.set(row.id, running);
      return running;
    }
  }
}
