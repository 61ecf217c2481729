import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { channelStatus } from '../../../channels/contract';
import { ChannelLeases } from '../../../server/channels/leases';
import { redisUrl } from '../../support/databases';

describe('channel leases (Redis)', () => {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  const prefix = `omnibot:test-leases:${randomBytes(4).toString('hex')}`;
  const one = new ChannelLeases(redis, prefix, 'server-one', 300);
  const two = new ChannelLeases(redis, prefix, 'server-two', 300);

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('one holder at a time; only the holder renews or releases; the status goes with the lease', async () => {
    expect(await one.acquire('wa-1')).toBe(true);
    expect(await one.acquire('wa-1')).toBe(true); // the holder taking it again renews it
    expect(await two.acquire('wa-1')).toBe(false);
    expect(await two.renew('wa-1')).toBe(false);
    await two.release('wa-1');
    expect(await two.acquire('wa-1')).toBe(false);
    await one.publishStatus('wa-1', channelStatus('qr', { qr: '2@abc' }));
    expect(await two.heldStatus('wa-1')).toMatchObject({ state: 'qr', qr: '2@abc' });
    await one.release('wa-1');
    expect(await two.acquire('wa-1')).toBe(true);
    expect(await one.renew('wa-1')).toBe(false);
  });

  it('a lease its holder stops renewing runs out, and another server instance takes it', async () => {
    expect(await one.acquire('tg-1')).toBe(true);
    expect(await two.acquire('tg-1')).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await two.acquire('tg-1')).toBe(true);
    expect(await one.renew('tg-1')).toBe(false);
  });
});
