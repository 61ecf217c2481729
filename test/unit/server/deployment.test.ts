import { loadConfig } from '../../../server/config';
import { deploymentKey, queuePrefix } from '../../../server/deployment';
import { workerSettings } from '../../../server/workers';

describe('deployment keys in a shared Redis', () => {
  const staging = loadConfig({ DATABASE_URL: 'postgres://db/staging' });
  const production = loadConfig({ DATABASE_URL: 'postgres://db/production' });

  it('each database gets its own queues, so one deployment\'s workers never take another\'s jobs', () => {
    expect(deploymentKey(staging)).toMatch(/^[0-9a-f]{12}$/);
    expect(deploymentKey(staging)).toBe(deploymentKey(loadConfig({ DATABASE_URL: 'postgres://db/staging' })));
    expect(queuePrefix(staging)).not.toBe(queuePrefix(production));
    expect(workerSettings(staging).prefix).toBe(queuePrefix(staging));
  });

  it('without DATABASE_URL the embedded database\'s directory tells deployments apart', () => {
    expect(queuePrefix(loadConfig({ DATA_DIR: '/srv/a' }))).not.toBe(queuePrefix(loadConfig({ DATA_DIR: '/srv/b' })));
  });

  it('WORKER_QUEUE_PREFIX wins (to keep jobs queued under an older default, "bull")', () => {
    expect(queuePrefix(loadConfig({ DATABASE_URL: 'postgres://db/staging', WORKER_QUEUE_PREFIX: 'bull' }))).toBe('bull');
  });
});
