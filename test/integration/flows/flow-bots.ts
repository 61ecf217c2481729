import type { Database } from '../../../core/db/client';
import { upsertBot, upsertChannelInstance } from '../../../core/repositories/bots';
import { publishVersion, saveDraft } from '../../../core/repositories/flows';
import { openTestDatabase } from '../../support/databases';

export interface FlowBots {
  db: Database;
  /** A bot with these settings, a website channel `<id>-web`, and the flow as its published `main` flow. */
  botWith(id: string, settings: Record<string, unknown>): Promise<void>;
  cleanup(): Promise<void>;
}

/** A PostgreSQL test database for bots that all run one flow definition. */
export async function openFlowBots(definition: { name: string }): Promise<FlowBots> {
  const { handle, cleanup } = await openTestDatabase('postgres');
  const db = handle.db;
  const botWith = async (id: string, settings: Record<string, unknown>) => {
    await upsertBot(db, { id, name: id, settings });
    await upsertChannelInstance(db, { id: `${id}-web`, botId: id, channel: 'web', name: 'Website' });
    await saveDraft(db, { botId: id, flowId: 'main', name: definition.name, draft: definition });
    await publishVersion(db, { botId: id, flowId: 'main', definition, note: 'test' });
  };
  return { db, botWith, cleanup };
}
