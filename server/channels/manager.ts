import { randomUUID } from 'node:crypto';
import type { AnyChannelAdapter, ChannelConnection, ChannelHost, ChannelInstance, ChannelStatus } from '../../channels/contract';
import { channelStatus } from '../../channels/contract';
import { adapterFor } from '../../channels/registry';
import type { Logger } from '../../core/logger';
import type { Database } from '../../core/db/client';
import { findChannelInstance, listChannelInstances, type ChannelInstanceRow } from '../../core/repositories/bots';

/** One channel instance opened on this server instance. */
export interface RunningInstance {
  row: ChannelInstanceRow;
  adapter: AnyChannelAdapter;
  instance: ChannelInstance;
  connection?: ChannelConnection;
  /** Why it could not be opened (invalid config, unknown channel...). */
  error?: string;
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
  /** Tells this server instance's own bus announcements apart from the others'. */
  readonly origin = randomUUID();

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly hostFor: (row: ChannelInstanceRow) => ChannelHost,
  ) {}

  async startAll(): Promise<void> {
    const rows = await listChannelInstances(this.db);
    await Promise.all(rows.filter((row) => row.enabled).map((row) => this.reload(row.id)));
    this.logger.info({ instances: [...this.running.values()].map((r) => `${r.row.channel}:${r.row.id}`) }, 'channels started');
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
    return running.connection?.status() ?? channelStatus('starting');
  }

  async close(id: string): Promise<void> {
    const running = this.running.get(id);
    if (!running) return;
    this.running.delete(id);
    await running.connection?.close().catch((error: unknown) => this.logger.warn({ err: error, channelInstanceId: id }, 'closing a channel instance failed'));
  }

  async stopAll(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.pending.values()]);
    await Promise.all([...this.running.keys()].map((id) => this.close(id)));
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
    try {
      const connection = await adapter.connect(instance, this.hostFor(row));
      const running: RunningInstance = { ...base, instance, connection };
      this.running.set(row.id, running);
      return running;
    } catch (error) {
      log.error({ err: error }, 'channel instance could not be opened');
      const running: RunningInstance = { ...base, instance, error: (error as Error).message };
      this.running.set(row.id, running);
      return running;
    }
  }
}
