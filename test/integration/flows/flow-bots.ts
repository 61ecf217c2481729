import { BotRuntime } from '../../../bots/runtime/runtime';
import type { Database } from '../../../core/db/client';
import { createLogger, type Logger } from '../../../core/logger';
import { upsertBot, upsertChannelInstance } from '../../../core/repositories/bots';
import { publishVersion, saveDraft } from '../../../core/repositories/flows';
import { openTestDatabase } from '../../support/databases';

export interface FlowBots {
  db: Database;
  logger: Logger;
  /** A runtime on the real clock; build another with `db` and `logger` for a clock of the test's own. */
  runtime: BotRuntime;
  /** A bot with these settings, a website channel `<id>-web`, and the flow as its published `main` flow. */
  botWith(id: string, settings: Record<string, unknown>): Promise<void>;
  cleanup(): Promise<void>;
}

/** A PostgreSQL test database for bots that all run one flow definition, and a runtime over it. */
export async function openFlowBots(definition: { name: string }): Promise<FlowBots> {
  const { handle, cleanup } = await openTestDatabase('postgres');
  const db = handle.db;
  const botWith = async (id: string, settings: Record<string, unknown>) => {
    await upsertBot(db, { id, name: id, settings });
    await upsertChannelInstance(db, { id: `${id}-web`, botId: id, channel: 'web', name: 'Website' });
    await saveDraft(db, { botId: id, flowId: 'main', name: definition.name, draft: definition });
    await publishVersion(db, { botId: id, flowId: 'main', definition, note: 'test' });
  };
  const logger = createLogger({ level: 'silent' });
  return { db, logger, runtime: new BotRuntime({ db, logger }), botWith, cleanup };
}
