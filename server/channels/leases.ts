import type { Redis } from 'ioredis';
import type { ChannelStatus } from '../../channels/contract';

/** Extends the lease only while this server instance still holds it. */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
/** Gives the lease up only when this server instance holds it. */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Which server instance holds the one connection of an exclusive channel instance (see `ChannelAdapter.exclusive`):
 * a Redis key per channel instance, set only when free and kept alive by its holder, so it passes to another server
 * instance within `ttlMs` when the holder dies, at once when it stops. The holder also publishes its connection's
 * status beside it, so every server instance can answer the admin's status and QR requests.
 */
export class ChannelLeases {
  constructor(
    private readonly redis: Redis,
    /** Keys are per deployment (database), like the inbound queue: platforms sharing a Redis keep apart. */
    private readonly prefix: string,
    /** Server instance holding the leases it takes. */
    private readonly holder: string,
    readonly ttlMs: number,
  ) {}

  private key(channelInstanceId: string): string {
    return `${this.prefix}:lease:${channelInstanceId}`;
  }

  private statusKey(channelInstanceId: string): string {
    return `${this.prefix}:status:${channelInstanceId}`;
  }

  /** Takes the lease when no server instance holds it (or this one does); true when this one holds it now. */
  async acquire(channelInstanceId: string): Promise<boolean> {
    const taken = await this.redis.set(this.key(channelInstanceId), this.holder, 'PX', this.ttlMs, 'NX');
    return taken === 'OK' || (await this.renew(channelInstanceId));
  }

  /** Keeps the lease for another `ttlMs`; false when this server instance no longer holds it. */
  async renew(channelInstanceId: string): Promise<boolean> {
    return (await this.redis.eval(RENEW, 1, this.key(channelInstanceId), this.holder, String(this.ttlMs))) === 1;
  }

  async release(channelInstanceId: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key(channelInstanceId), this.holder);
  }

  /** Publishes the holder's connection status, valid as long as the lease. */
  async publishStatus(channelInstanceId: string, status: ChannelStatus): Promise<void> {
    await this.redis.set(this.statusKey(channelInstanceId), JSON.stringify(status), 'PX', this.ttlMs);
  }

  /** The status the holder published last, if it is still alive. */
  async heldStatus(channelInstanceId: string): Promise<ChannelStatus | undefined> {
    const raw = await this.redis.get(this.statusKey(channelInstanceId));
    return raw ? (JSON.parse(raw) as ChannelStatus) : undefined;
  }
}
