import type { Redis } from 'ioredis';
import type { Logger } from '../../core/logger';
import type { RuntimeEvent, RuntimeEventSink } from '../../bots/runtime/types';

/** Events of any kind that cross server instances; `type` tells listeners what they hold. */
export type BusEvent = RuntimeEvent | { type: string; botId?: string; conversationId?: string; [key: string]: unknown };
export type BusListener = (event: BusEvent) => void;

/**
 * Real-time fan-out across server instances through Redis pub/sub: every instance publishes what
 * happened and every instance's websocket clients hear it, whichever instance they are connected to.
 */
export class EventBus implements RuntimeEventSink {
  private readonly listeners = new Set<BusListener>();
  private subscribed?: Promise<unknown>;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly logger: Logger,
    private readonly channel = 'omnibot:events',
  ) {}

  async start(): Promise<void> {
    this.subscriber.on('message', (channel: string, raw: string) => {
      if (channel !== this.channel) return;
      let event: BusEvent;
      try {
        event = JSON.parse(raw) as BusEvent;
      } catch (error) {
        this.logger.warn({ err: error }, 'ignored a malformed bus event');
        return;
      }
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (error) {
          this.logger.error({ err: error, type: event.type }, 'bus listener failed');
        }
      }
    });
    this.subscribed = this.subscriber.subscribe(this.channel);
    await this.subscribed;
  }

  publish(event: BusEvent): void {
    this.publisher.publish(this.channel, JSON.stringify(event)).catch((error: unknown) => this.logger.warn({ err: error, type: event.type }, 'could not publish a real-time event'));
  }

  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.listeners.clear();
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }
}
