import { eq } from 'drizzle-orm';
import { upsertBot, upsertChannelInstance } from '../../../core/repositories/bots';
import { findOrCreateContact } from '../../../core/repositories/contacts';
import { findOrCreateOpenConversation } from '../../../core/repositories/conversations';
import { findFlow, publishVersion, saveDraft } from '../../../core/repositories/flows';
import { conversations, flowVersions } from '../../../core/db/schema/index';
import type { Executor } from '../../../core/db/client';
import { FlowCache } from '../../../bots/runtime/flow-cache';
import { DraftModels } from '../../../bots/runtime/draft-models';
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

const findPublishedId = async (db: Executor, botId: string) => (await findFlow(db, botId, 'main'))!.publishedVersionId!;

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
      // Stored afterwards (another instance published it): a remembered miss would still say undefined.
      await db.insert(flowVersions).values({ id: unknown, botId: 'cache', flowId: 'main', version: 2, definition });
      expect((await cache.load(db, unknown))?.versionId).toBe(unknown);
    } finally {
      await cleanup();
    }
  });

  it('the runtime prepares every published flow, and older versions open conversations run on, at startup', async () => {
    const { handle, cleanup } = await openTestDatabase('pglite');
    try {
      const db = handle.db;
      await upsertBot(db, { id: 'a', name: 'a', settings: {} });
      await upsertBot(db, { id: 'b', name: 'b', settings: { nlu: { oosThreshold: 0.7 } } });
      for (const botId of ['a', 'b']) {
        await saveDraft(db, { botId, flowId: 'main', name: 'Cache', draft: definition });
        await publishVersion(db, { botId, flowId: 'main', definition, note: 'test' });
      }
      // Bot a: one conversation still open on version 1, one closed on version 2, then version 3 is published.
      await upsertChannelInstance(db, { id: 'a-web', botId: 'a', channel: 'web' });
      const onVersion = async (externalUserId: string, flowVersionId: string) => {
        const { contact } = await findOrCreateContact(db, 'a', { channelInstanceId: 'a-web', externalUserId });
        return (await findOrCreateOpenConversation(db, { botId: 'a', contactId: contact.id, channelInstanceId: 'a-web', externalUserId, flowVersionId })).conversation;
      };
      const first = await findPublishedId(db, 'a');
      await onVersion('open', first);
      const second = (await publishVersion(db, { botId: 'a', flowId: 'main', definition, note: 'second' })).id;
      const closed = await onVersion('closed', second);
      await db.update(conversations).set({ closedAt: new Date() }).where(eq(conversations.id, closed.id));
      await publishVersion(db, { botId: 'a', flowId: 'main', definition, note: 'third' });

      const runtime = new BotRuntime({ db, logger: createLogger({ level: 'silent' }) });
      await runtime.prepareAllFlows();
      // With the stored versions gone, only models prepared under each bot's own NLU settings can still load.
      await db.delete(flowVersions);
      const [a, b] = await Promise.all(['a', 'b'].map((botId) => findPublishedId(db, botId)));
      expect(await runtime.flows.load(db, a)).toBeDefined();
      expect(await runtime.flows.load(db, first)).toBeDefined();
      expect(await runtime.flows.load(db, second)).toBeUndefined();
      expect(await runtime.flows.load(db, b, { oosThreshold: 0.7 })).toBeDefined();
      expect(await runtime.flows.load(db, b)).toBeUndefined();
    } finally {
      await cleanup();
    }
  });
  it('keeps draft models by intents and NLU settings, not by the rest of the draft', async () => {
    const drafts = new DraftModels();
    const model = await drafts.model(definition, {});
    const edited = { ...definition, blocks: [...definition.blocks, { id: 'bye', type: 'message', text: 'Bye' }] };
    expect(await drafts.model(edited, {})).toBe(model);
    expect(await drafts.model(definition, { oosThreshold: 0.9 })).not.toBe(model);
    const moreIntents = { ...definition, intents: [...definition.intents, { name: 'thanks', examples: { en: ['thank you', 'thanks a lot'] } }] };
    const retrained = await drafts.model(moreIntents, {});
    expect(retrained).not.toBe(model);
    expect(retrained.analyze('thanks a lot').intent?.name).toBe('thanks');
  });
});
