import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, type DatabaseHandle } from '../../core/db/client';

/** The CI PostgreSQL server (trust auth). Override with TEST_POSTGRES_URL. */
export const postgresServerUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty PostgreSQL database on the real server; `drop()` removes it. */
export async function createPostgresDatabase(prefix = 'omnibot_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: postgresServerUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(postgresServerUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: postgresServerUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

export type Backend = 'postgres' | 'pglite';

/** Opens a migrated database of either backend; the same repository tests run on both. */
export async function openTestDatabase(backend: Backend): Promise<{ handle: DatabaseHandle; cleanup(): Promise<void> }> {
  if (backend === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://' });
    return { handle, cleanup: () => handle.close() };
  }
  const database = await createPostgresDatabase();
  const handle = await openDatabase({ url: database.url, poolSize: 5 });
  return {
    handle,
    cleanup: async () => {
      await handle.close();
      await database.drop();
    },
  };
}
