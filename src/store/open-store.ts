/**
 * Opens the store: PostgreSQL + pgvector when a URL is given, else embedded PGlite with its pgvector
 * extension in `dataDir` (owned through a lock file), or in memory for tests. Migrations run before it
 * is returned.
 *
 * @example
 *   const db = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
 */
import pg from 'pg';
import pgvector from 'pgvector';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { StoreError, type Db } from './db.js';
import { lockDataDir } from './data-dir-lock.js';
import { migrate } from './migrate.js';

export interface StoreOptions {
  /** postgres://… — when absent the embedded PGlite store is used. */
  databaseUrl?: string;
  /** PGlite data directory; `memory://` for an in-memory store. */
  dataDir?: string;
  /** PostgreSQL schema to use (tests give each suite its own). Created when missing. */
  schema?: string;
  poolSize?: number;
  /** Run migrations (default true). */
  migrations?: boolean;
}

export async function openStore({
  databaseUrl,
  dataDir = './data',
  schema,
  poolSize = 10,
  migrations = true,
}: StoreOptions = {}): Promise<Db> {
  const db = databaseUrl ? await openPostgres(databaseUrl, poolSize, schema) : await openPglite(dataDir);
  if (migrations) {
    try {
      await migrate(db);
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return db;
}

async function openPostgres(url: string, max: number, schema?: string): Promise<Db> {
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new StoreError(`Bad schema name ${schema}`, 'connect');
  // One setup connection: create the schema, make sure pgvector is there, and learn the vector type's oid
  // so every pooled connection parses vectors with pgvector's parser from its first query.
  const types = new pg.TypeOverrides();
  const setup = new pg.Client({ connectionString: url });
  try {
    await setup.connect();
    if (schema) await setup.query(`create schema if not exists ${schema}`);
    await ensureVectorExtension(setup);
    const [vectorType] = (await setup.query<{ oid: number }>(`select oid::int from pg_type where typname = 'vector'`)).rows;
    if (vectorType) types.setTypeParser(vectorType.oid, 'text', (value: string) => pgvector.fromSql(value));
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError(
      `Cannot connect to PostgreSQL at DATABASE_URL (${(error as Error).message}). Check host, port, user and database.`,
      'connect',
      { cause: error },
    );
  } finally {
    await setup.end().catch(() => {});
  }
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types,
    options: schema ? `-c search_path=${schema},public` : undefined,
  });
  pool.on('error', () => { /* an idle client died; the pool replaces it */ });

  const wrap = (target: pg.Pool | pg.PoolClient): Pick<Db, 'query' | 'exec'> => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await target.query(sql, params as unknown[])).rows as T[];
    },
    async exec(sql: string) {
      await target.query(sql); // no parameters: the simple protocol, several statements allowed
    },
  });
  const db: Db = {
    kind: 'postgres',
    ...wrap(pool),
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const tx: Db = {
          ...db,
          ...wrap(client),
          transaction: (inner) => inner(tx), // nested: join the outer transaction
          close: async () => {},
        };
        const result = await fn(tx);
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
  return db;
}

async function ensureVectorExtension(client: pg.Client): Promise<void> {
  const [row] = (await client.query(`select
      exists(select 1 from pg_extension where extname = 'vector') as installed,
      exists(select 1 from pg_available_extensions where name = 'vector') as available`)).rows;
  if (row.installed) return;
  if (!row.available) {
    throw new StoreError(
      'DATABASE_URL points to a PostgreSQL server without the pgvector extension. Install pgvector on the server ' +
        '(e.g. apt install postgresql-16-pgvector, or build it from source: see .ci/install-pgvector), then restart.',
      'no_vector',
    );
  }
  try {
    await client.query('create extension if not exists vector');
  } catch (error) {
    throw new StoreError(
      'pgvector is installed on the server but not enabled in this database, and this user may not enable it: ' +
        'run CREATE EXTENSION vector; as a superuser in this database.',
      'no_vector',
      { cause: error },
    );
  }
}

async function openPglite(dataDir: string): Promise<Db> {
  const inMemory = dataDir.startsWith('memory://');
  const lock = inMemory ? undefined : lockDataDir(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(inMemory ? undefined : dataDir, { extensions: { vector } });
    await pglite.exec('create extension if not exists vector');
  } catch (error) {
    lock?.release();
    throw new StoreError(`Cannot open the embedded database in ${dataDir}: ${(error as Error).message}`, 'connect', { cause: error });
  }
  const wrap = (target: PGlite | Transaction): Pick<Db, 'query' | 'exec'> => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await target.query<T>(sql, params as unknown[])).rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  });
  const db: Db = {
    kind: 'pglite',
    ...wrap(pglite),
    transaction: <T>(fn: (tx: Db) => Promise<T>) =>
      pglite.transaction(async (t) => {
        const tx: Db = { ...db, ...wrap(t), transaction: (inner) => inner(tx), close: async () => {} };
        return fn(tx);
      }),
    async close() {
      try {
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
  return db;
}

