import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../core/db/client';
import { userRoles, type UserRole } from '../core/db/schema/index';
import { createUser } from '../server/auth/sessions';
import { loadConfig } from '../server/config';
import { loadDotEnv } from '../server/dotenv';

/** npm run create-admin -- --email a@b.c --password '...' [--role admin|marketer|agent] [--name N] */
async function main() {
  loadDotEnv();
  const { values } = parseArgs({ options: { email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string', default: 'admin' }, name: { type: 'string' } } });
  if (!values.email || !values.password) throw new Error('usage: npm run create-admin -- --email EMAIL --password PASSWORD [--role admin|marketer|agent] [--name NAME]');
  if (!userRoles.includes(values.role as UserRole)) throw new Error(`--role must be one of ${userRoles.join(', ')}`);
  const config = loadConfig();
  const handle = await openDatabase({ url: config.DATABASE_URL, dataDir: path.join(config.DATA_DIR, 'pglite') });
  try {
    const user = await createUser(handle.db, { email: values.email, password: values.password, role: values.role as UserRole, name: values.name });
    console.log(`created ${user.role} ${user.email}`);
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(`create-admin: ${(error as Error).message}`);
  process.exit(1);
});
