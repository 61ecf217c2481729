import path from 'node:path';
import fs from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index';
import { UnavailableError } from '../errors';
import { withTimeout } from '../timeout';

export type Schema = typeof schema;
/** Either backend: node-postgres against a server, or PGlite embedded. Both speak the same SQL. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A database handle or an open transaction; repositories accept both. */
export type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface DatabaseHandle {
  db: Database;
  kind: 'postgres' | 'pglite';
  /** Cheap liveness query for /readyz. */
  ping(): Promise<void>;
  /** Applies pending migrations (core/db/migrations), safe when several instances start at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = path.join(__dirname, 'migrations');

export interface OpenDatabaseOptions {
  /** postgres://… ; when absent PGlite is used. */
  url?: string;
  /** Where PGlite keeps its files; `memory://` for a throwaway database. */
  dataDir?: string;
  poolSize?: number;
  migrate?: boolean;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const handle = options.url ? await openPostgres(options.url, options.poolSize ?? 10) : await openPglite(options.dataDir ?? './data/pglite');
  if (options.migrate ?? true) await handle.migrate();
  return handle;
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const { Pool } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  // Same for a checked-out client whose server connection is cut between two queries (e.g. the database
  // restarts mid-transaction): its next query fails and the caller handles that.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = drizzle(pool, { schema }) as unknown as Database;
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new UnavailableError(`cannot connect to PostgreSQL at ${redactUrl(url)}: ${(error as Error).message}`, {}, { cause: error });
  }
  return {
    db,
    kind: 'postgres',
    ping: async () => void (await pool.query('select 1')),
    migrate: async () => {
      const { migrate } = await import('drizzle-orm/node-postgres/migrator');
      // Session-level lock, so one dedicated connection: several instances may start at once.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock(727274)');
        await migrate(drizzle(client, { schema }), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock(727274)').catch(() => undefined);
        client.release();
      }
    },
    // A client lost in a database outage may never come back to the pool; shutdown must not wait for it forever.
    close: () => withTimeout(pool.end(), 5000, 'closing the database pool').catch(() => undefined),
  };
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (!dataDir.startsWith('memory://')) fs.mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir);
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    ping: async () => void (await client.query('select 1')),
    migrate: async () => {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(drizzle(client, { schema }), { migrationsFolder });
    },
    close: () => client.close(),
  };
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
