import type { Redis } from 'ioredis';

/**
 * Per-connection admission in one Redis round trip: waits out a 429 pause, takes a per-contact lock (two jobs
 * for the same contact never race to create it twice) and counts requests against a per-second limit.
 * Returns 0 when the job may go (lock held), else how long to wait in ms.
 */
const acquireScript = `
local pause = redis.call('PTTL', KEYS[1])
if pause > 0 then return pause end
if not redis.call('SET', KEYS[3], ARGV[2], 'NX', 'PX', ARGV[3]) then return -1 end
local limit = tonumber(ARGV[1])
if limit > 0 then
  local n = redis.call('INCRBY', KEYS[2], ARGV[4])
  if n == tonumber(ARGV[4]) then redis.call('PEXPIRE', KEYS[2], 1000) end
  if n > limit then
    redis.call('DEL', KEYS[3])
    local t = redis.call('PTTL', KEYS[2])
    if t < 1 then t = 50 end
    return t
  end
end
return 0`;

const releaseScript = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const extendScript = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

export class ConnectionGate {
  /** Pause deadlines seen recently (connection id → { until, checkedAt }): spares a Redis round trip per job. */
  private readonly pauses = new Map<string, { until: number; checkedAt: number }>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Contact lock lifetime; held locks are renewed every half of it, so a dead worker's lock frees quickly. */
    readonly lockMs = 30_000,
  ) {}

  private keys(connectionId: string, contactId: string) {
    const base = `${this.prefix}:crm-gate:${connectionId}`;
    return { pause: `${base}:pause`, window: `${base}:window`, lock: `${base}:lock:${contactId}` };
  }

  /**
   * 0 = go; > 0 = wait that long. Without a contact lock and a rate limit only the 429 pause matters; it is
   * read from Redis at most once a second per connection and process (a 429 seen here applies at once).
   */
  async admit(connectionId: string, contactId: string, token: string, options: { perSecond: number; lock: boolean; cost?: number }): Promise<number> {
    if (options.lock || options.perSecond > 0) return this.acquire(connectionId, contactId, token, options.perSecond, options.cost);
    const now = Date.now();
    let known = this.pauses.get(connectionId);
    if (!known || now - known.checkedAt > 1000) {
      const ttl = await this.redis.pttl(this.keys(connectionId, '').pause);
      known = { until: ttl > 0 ? now + ttl : 0, checkedAt: now };
      this.pauses.set(connectionId, known);
    }
    return known.until > now ? known.until - now : 0;
  }

  /** 0 = go; > 0 = wait that long; contact locks answer a short wait. */
  async acquire(connectionId: string, contactId: string, token: string, perSecond: number, cost = 1): Promise<number> {
    const k = this.keys(connectionId, contactId);
    const result = Number(await this.redis.eval(acquireScript, 3, k.pause, k.window, k.lock, perSecond, token, this.lockMs, Math.max(1, cost)));
    return result === -1 ? 150 + Math.floor(Math.random() * 200) : result;
  }

  async release(connectionId: string, contactId: string, token: string): Promise<void> {
    await this.redis.eval(releaseScript, 1, this.keys(connectionId, contactId).lock, token);
  }

  /** Keeps the contact lock alive while the job runs; call the returned function to stop. */
  keepAlive(connectionId: string, contactId: string, token: string): () => void {
    const key = this.keys(connectionId, contactId).lock;
    const timer = setInterval(() => void this.redis.eval(extendScript, 1, key, token, this.lockMs).catch(() => undefined), Math.max(100, Math.floor(this.lockMs / 2)));
    timer.unref();
    return () => clearInterval(timer);
  }

  /** After a 429: every job of this connection waits until the CRM's Retry-After has passed. */
  async pause(connectionId: string, ms: number): Promise<void> {
    this.pauses.set(connectionId, { until: Date.now() + ms, checkedAt: Date.now() });
    await this.redis.set(this.keys(connectionId, '').pause, '1', 'PX', Math.max(1, Math.round(ms)));
  }
}
