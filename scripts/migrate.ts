import path from 'node:path';
import { openDatabase } from '../core/db/client';
import { loadConfig } from '../server/config';
import { loadDotEnv } from '../server/dotenv';

/** Applies pending migrations to DATABASE_URL (or the PGlite database in DATA_DIR) and exits. */
async function main() {
  loadDotEnv();
  const config = loadConfig();
  const handle = await openDatabase({ url: config.DATABASE_URL, dataDir: path.join(config.DATA_DIR, 'pglite') });
  await handle.close();
  console.log(`migrations applied (${handle.kind})`);
}

main().catch((error) => {
  console.error(`migrate: ${(error as Error).message}`);
  process.exit(1);
});
