import type { Redis } from 'ioredis';
import { AppError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { InboundMessage } from '../../core/messages';
import { withTimeout } from '../../core/timeout';

export interface IntakeOptions {
  stream?: string;
  group?: string;
  /** Turns running at once on this server instance. */
  concurrency?: number;
  /** A message whose worker died is taken over after this long. */
  claimIdleMs?: number;
  /** Stops retrying a message after this many failed attempts (database down for long). */
  maxAttempts?: number;
}

interface Entry {
  id: string;
  message: InboundMessage;
}

/**
 * A durable inbox for webhook channels (Telegram): the webhook appends the decoded message to a Redis
 * stream and answers at once, so the platform never times out and redelivers under load; workers on every
 * server instance (one consumer group) run the turns. A message is acknowledged only once its turn is
 * stored; a turn that failed because the database was away stays pending and is retried, and messages
 * of a worker that died are claimed by another after `claimIdleMs`. Turns of one customer keep their
 * order (the runtime's per-conversation lock is taken in stream order).
 */
export class InboundIntake {
  readonly stream: string;
  private readonly group: string;
  private readonly concurrency: number;
  private readonly claimIdleMs: number;
  private readonly maxAttempts: number;
  private readonly consumer = `c-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private running = false;
  private paused = false;
  private active = 0;
  private readonly slotWaiters: (() => void)[] = [];
  private loop?: Promise<void>;
  private claimTimer?: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    /** A second connection for the blocking reads. */
    private readonly reader: Redis,
    private readonly handle: (message: InboundMessage) => Promise<unknown>,
    private readonly logger: Logger,
    options: IntakeOptions = {},
  ) {
    this.stream = options.stream ?? 'omnibot:inbound';
    this.group = options.group ?? 'turns';
    this.concurrency = options.concurrency ?? 32;
    this.claimIdleMs = options.claimIdleMs ?? 60000;
    this.maxAttempts = options.maxAttempts ?? 20;
  }

  /** Stores the message durably; resolves once Redis has it. Rejects (→ the webhook answers 503) when Redis is away. */
  async enqueue(message: InboundMessage): Promise<void> {
    await withTimeout(this.redis.xadd(this.stream, 'MAXLEN', '~', '1000000', '*', 'm', JSON.stringify(message)), 2000, 'inbound queue');
  }

  private async ensureGroup(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.stream, this.group, '0', 'MKSTREAM');
    } catch (error) {
      if (!/BUSYGROUP/.test((error as Error).message)) throw error;
    }
  }

  async start(): Promise<void> {
    await this.ensureGroup();
    this.running = true;
    this.loop = this.readLoop();
    this.claimTimer = setInterval(() => void this.claimStale(), Math.max(1000, this.claimIdleMs / 2));
    this.claimTimer.unref();
  }

  async stop(timeoutMs = 5000): Promise<void> {
    this.running = false;
    clearInterval(this.claimTimer);
    this.reader.disconnect();
    await this.loop?.catch(() => undefined);
    const until = Date.now() + timeoutMs;
    while (this.active > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    // An empty queue leaves no key behind (another instance recreates it on its next read).
    await withTimeout(this.redis.eval("if redis.call('xlen', KEYS[1]) == 0 then return redis.call('del', KEYS[1]) end return 0", 1, this.stream), 1000, 'queue cleanup').catch(() => undefined);
  }

  /** Stops taking new messages from the queue (they keep queueing); `resume` continues. For maintenance and benchmarks. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  /** Resolves true when nothing is queued or running (tests, benchmarks). */
  async idle(timeoutMs = 60000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.active === 0 && (await this.redis.xlen(this.stream)) === 0) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  }

  private async readLoop(): Promise<void> {
    while (this.running) {
      if (this.paused) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      try {
        await this.slot();
        const free = this.concurrency - this.active + 1;
        const result = (await this.reader.xreadgroup('GROUP', this.group, this.consumer, 'COUNT', free, 'BLOCK', 1000, 'STREAMS', this.stream, '>')) as [string, [string, string[]][]][] | null;
        this.release();
        for (const [, entries] of result ?? []) {
          for (const [id, fields] of entries) await this.dispatch(id, fields);
        }
      } catch (error) {
        this.release();
        if (!this.running) return;
        if (/NOGROUP/.test((error as Error).message)) {
          await this.ensureGroup().catch(() => undefined);
          continue;
        }
        this.logger.warn({ err: error }, 'reading the inbound queue failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  private async dispatch(id: string, fields: string[]): Promise<void> {
    const raw = fields[fields.indexOf('m') + 1];
    let entry: Entry;
    try {
      entry = { id, message: InboundMessage.parse(JSON.parse(raw)) };
    } catch (error) {
      this.logger.error({ err: error, id }, 'dropped a malformed inbound queue entry');
      await this.ack(id);
      return;
    }
    await this.slot();
    // Started in stream order, so the runtime's per-conversation lock keeps each customer's order.
    void this.run(entry).finally(() => this.release());
  }

  private async run(entry: Entry): Promise<void> {
    try {
      await this.handle(entry.message);
      await this.ack(entry.id);
    } catch (error) {
      if (error instanceof AppError && error.status >= 500) {
        // Left pending: claimed again after claimIdleMs.
        this.logger.warn({ err: error, id: entry.id }, 'turn not stored; the queued message will be retried');
        return;
      }
      this.logger.error({ err: error, id: entry.id, channelInstanceId: entry.message.channelInstanceId }, 'queued message dropped');
      await this.ack(entry.id);
    }
  }

  private async claimStale(): Promise<void> {
    if (!this.running) return;
    try {
      const [, entries] = (await this.redis.xautoclaim(this.stream, this.group, this.consumer, this.claimIdleMs, '0-0', 'COUNT', 100)) as [string, [string, string[] | null][]];
      for (const [id, fields] of entries) {
        if (!fields) continue;
        const [[, , , deliveries]] = (await this.redis.xpending(this.stream, this.group, id, id, 1)) as [string, string, number, number][];
        if (deliveries > this.maxAttempts) {
          this.logger.error({ id, deliveries }, 'gave up on a queued message after repeated failures');
          await this.ack(id);
          continue;
        }
        await this.dispatch(id, fields);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'claiming stale inbound messages failed');
    }
  }

  private async ack(id: string): Promise<void> {
    await this.redis.multi().xack(this.stream, this.group, id).xdel(this.stream, id).exec().catch((error: unknown) => this.logger.warn({ err: error, id }, 'could not acknowledge a queued message'));
  }

  private async slot(): Promise<void> {
    while (this.active >= this.concurrency) await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    this.active += 1;
  }

  private release(): void {
    this.active = Math.max(0, this.active - 1);
    this.slotWaiters.shift()?.();
  }
}
