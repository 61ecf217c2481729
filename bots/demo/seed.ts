import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Database } from '../../core/db/client';
import type { Logger } from '../../core/logger';
import { upsertBot, upsertChannelInstance, findBot } from '../../core/repositories/bots';
import { findPublishedVersion, publishVersion, saveDraft } from '../../core/repositories/flows';
import { parseFlowText } from '../../flows/index';

export const DEMO_BOT_ID = 'demo';
const demoDir = __dirname;

/**
 * Loads the demo shop bot: settings with its catalog, a web channel instance and the published flow.
 * Idempotent; republishes only when the flow file changed, and keeps settings an admin edited.
 */
export async function seedDemoBot(db: Database, logger: Logger): Promise<void> {
  const flow = parseFlowText(fs.readFileSync(path.join(demoDir, 'flow.yaml'), 'utf8'), 'yaml');
  const catalog = JSON.parse(fs.readFileSync(path.join(demoDir, 'catalog.json'), 'utf8')) as unknown[];
  const existing = await findBot(db, DEMO_BOT_ID);
  await db.transaction(async (tx) => {
    if (!existing) {
      await upsertBot(tx, { id: DEMO_BOT_ID, name: 'Lumi Cosmetics (demo shop)', settings: demoSettings(catalog) });
    }
    await upsertChannelInstance(tx, { id: `${DEMO_BOT_ID}-web`, botId: DEMO_BOT_ID, channel: 'web', name: 'Website' });
    const definition = flow as unknown as Record<string, unknown>;
    await saveDraft(tx, { botId: DEMO_BOT_ID, flowId: 'main', name: flow.name, draft: definition });
    const published = await findPublishedVersion(tx, DEMO_BOT_ID, 'main');
    if (!published || !isDeepStrictEqual(published.definition, definition)) {
      const version = await publishVersion(tx, { botId: DEMO_BOT_ID, flowId: 'main', definition, note: 'demo seed' });
      logger.info({ botId: DEMO_BOT_ID, version: version.version }, 'published the demo flow');
    }
  });
}

function demoSettings(catalog: unknown[]): Record<string, unknown> {
  return {
    languages: ['en', 'ar', 'fa', 'pl'],
    defaultLocale: 'en',
    brandVoice: { name: 'Lumi', tone: 'warm, helpful, concise', do: ['recommend products from the catalog only'], dont: ['give medical advice'] },
    disclosure: {
      en: 'I am Lumi, an AI assistant. A person can take over at any time: just ask.',
      ar: 'أنا لومي، مساعد ذكاء اصطناعي. يمكن لموظف أن يتولى المحادثة في أي وقت، فقط اطلب ذلك.',
      fa: 'من لومی هستم، یک دستیار هوش مصنوعی. هر زمان بخواهید یک همکار انسانی گفتگو را ادامه می‌دهد.',
      pl: 'Jestem Lumi, asystent AI. W każdej chwili możesz poprosić o rozmowę z człowiekiem.',
    },
    catalog,
  };
}
