import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Database } from '../../core/db/client';
import { findBot } from '../../core/repositories/bots';
import { deleteKnowledgeByKeyPrefix } from '../../core/repositories/knowledge';
import { FaqItem, ingestKnowledge } from './ingest';

const demoKnowledgeDir = path.join(__dirname, '..', 'demo', 'knowledge');
const SeedFile = z.object({ locale: z.string().min(2), faq: z.array(FaqItem.extend({ key: z.string().min(1) })).min(1) });

/**
 * Loads the demo shop's FAQ (bots/demo/knowledge/<locale>.yaml) into the demo bot. Idempotent: entries are
 * keyed `demo:<locale>:<key>`; unchanged ones are skipped, changed ones replaced, removed ones deleted, and
 * the knowledge revision only moves when something changed. Does nothing when the bot does not exist.
 */
export async function seedDemoKnowledge(db: Database, options: { botId?: string; dir?: string } = {}): Promise<{ changed: number; removed: number }> {
  const botId = options.botId ?? 'demo';
  const dir = options.dir ?? demoKnowledgeDir;
  if (!(await findBot(db, botId))) return { changed: 0, removed: 0 };
  const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  let changed = 0;
  let removed = 0;
  await db.transaction(async (tx) => {
    const keys: string[] = [];
    for (const file of files) {
      const parsed = SeedFile.parse(parse(fs.readFileSync(path.join(dir, file), 'utf8')));
      const items = parsed.faq.map((item) => ({ ...item, key: `demo:${parsed.locale}:${item.key}` }));
      keys.push(...items.map((i) => i.key));
      const docs = await ingestKnowledge(tx, botId, { kind: 'faq', locale: parsed.locale, items });
      changed += docs.filter((d) => d.changed).length;
    }
    removed = await deleteKnowledgeByKeyPrefix(tx, botId, 'demo:', keys);
  });
  return { changed, removed };
}
