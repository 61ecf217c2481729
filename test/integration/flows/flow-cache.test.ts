import { upsertBot } from '../../../core/repositories/bots';
import { publishVersion, saveDraft } from '../../../core/repositories/flows';
import { FlowCache } from '../../../bots/runtime/flow-cache';
import { BotRuntime } from '../../../bots/runtime/runtime';
import { createLogger } from '../../../core/logger';
import { openTestDatabase } from '../../support/databases';

const definition = {
  schemaVersion: 2,
  id: 'main',
  name: 'Cache',
  start: 'router',
  fallbackLocale: 'en',
  locales: ['en'],
  blocks: [
    { id: 'router', type: 'intent', routes: [{ intent: 'hello', next: 'hi' }], fallback: 'hi' },
    { id: 'hi', type: 'message', text: 'Hi' },
  ],
  intents: [
    { name: 'hello', examples: { en: ['hello', 'hi there'] } },
    { name: 'bye', examples: { en: ['goodbye', 'see you'] } },
  ],
};

describe('FlowCache', () => {
  it('shares one training between concurrent loads, per NLU settings, and forgets missing versions', async () => {
    const { handle, cleanup } = await openTestDatabase('pglite');
    try {
      const db = handle.db;
      await upsertBot(db, { id: 'cache', name: 'cache', settings: {} });
      const version = await publishVersion(db, { botId: 'cache', flowId: 'main', definition, note: 'test' });
      const cache = new FlowCache();
      const [a, b] = await Promise.all([cache.load(db, version.id), cache.load(db, version.id)]);
      expect(a).toBeDefined();
      expect(a).toBe(b);
      expect(a!.nlu.analyze('hello').intent?.name).toBe('hello');
      const strict = await cache.load(db, version.id, { oosThreshold: 0.99 });
      expect(strict).not.toBe(a);
      expect(await cache.load(db, version.id)).toBe(a);
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect(await cache.load(db, unknown)).toBeUndefined();
      expect(await cache.load(db, unknown)).toBeUndefined();
    } finally {
      await cleanup();
    }
  });

  it('the runtime prepares every published flow at startup', async () => {
    const { handle, cleanup } = await openTestDatabase('pglite');
    try {
      const db = handle.db;
      await upsertBot(db, { id: 'a', name: 'a', settings: {} });
      await upsertBot(db, { id: 'b', name: 'b', settings: { nlu: { oosThreshold: 0.7 } } });
      for (const botId of ['a', 'b']) {
        await saveDraft(db, { botId, flowId: 'main', name: 'Cache', draft: definition });
        await publishVersion(db, { botId, flowId: 'main', definition, note: 'test' });
      }
      const runtime = new BotRuntime({ db, logger: createLogger({ level: 'silent' }) });
      await runtime.prepareAllFlows();
      expect(runtime.flows.size).toBe(2);
    } finally {
      await cleanup();
    }
  });
});
