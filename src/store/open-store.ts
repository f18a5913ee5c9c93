/**
 * Opens the store: PostgreSQL + pgvector when a URL is given, else embedded PGlite with its pgvector
 * extension in `dataDir` (owned through a lock file), or in memory for tests. Migrations run before it
 * is returned.
 *
 * @example
 *   const db = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
 */

import { PGlite, type Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import pg from 'pg';
import pgvector from 'pgvector';
import { yieldToEventLoop } from '../event-loop.js';
import { lockDataDir } from './data-dir-lock.js';
import { type Db, queryWithInTransaction, type Settings, StoreError, setConfigSql } from './db.js';
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
  /** How long to wait for PostgreSQL to answer a new connection (DATABASE_CONNECT_TIMEOUT_MS). */
  connectTimeoutMs?: number;
  /** Shown in pg_stat_activity, so an operator (or a test) can tell this service's connections apart. */
  applicationName?: string;
}

export async function openStore({
  databaseUrl,
  dataDir = './data',
  schema,
  poolSize = 10,
  migrations = true,
  connectTimeoutMs = 10_000,
  applicationName = 'niangjia',
}: StoreOptions = {}): Promise<Db> {
  const db = databaseUrl
    ? await openPostgres({ url: databaseUrl, max: poolSize, schema, connectTimeoutMs, applicationName })
    : await openPglite(dataDir);
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

interface PostgresOptions {
  url: string;
  max: number;
  schema?: string;
  connectTimeoutMs: number;
  applicationName: string;
}

/** How many distinct statement texts a PostgreSQL store prepares by name (see openPostgres). */
const PREPARED_STATEMENTS = 500;

async function openPostgres({ url, max, schema, connectTimeoutMs, applicationName }: PostgresOptions): Promise<Db> {
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new StoreError(`Bad schema name ${schema}`, 'connect');
  // One setup connection: create the schema, make sure pgvector is there, and learn the vector type's oid
  // so every pooled connection parses vectors with pgvector's parser from its first query.
  const types = new pg.TypeOverrides();
  const connection = { connectionString: url, connectionTimeoutMillis: connectTimeoutMs, application_name: applicationName };
  const setup = new pg.Client(connection);
  setup.on('error', () => {
    /* reported by the query that was running */
  });
  const started = Date.now();
  try {
    await setup.connect().catch((error: unknown) => {
      if (Date.now() - started < connectTimeoutMs) throw error;
      throw new StoreError(
        `Cannot connect to PostgreSQL at DATABASE_URL: the server did not answer within ${connectTimeoutMs / 1000} s. ` +
          'Check the host and port in DATABASE_URL and that PostgreSQL runs there (DATABASE_CONNECT_TIMEOUT_MS sets the wait).',
        'connect',
        { cause: error },
      );
    });
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
  const openPool = () => {
    const p = new pg.Pool({
      ...connection,
      max,
      types,
      options: schema ? `-c search_path=${schema},public` : undefined,
    });
    p.on('error', () => {
      /* an idle client died; the pool replaces it */
    });
    // A connection can die at any moment, also between pg-pool handing a client over and its user listening:
    // an 'error' event nobody hears ends the process. The query or transaction that used it reports the failure.
    p.on('connect', (client) => client.on('error', () => {}));
    return p;
  };
  const pool = openPool();
  // queryWith: one pool per set of settings, whose connections set them for their session when they open (the
  // set_config runs before any statement of the pool's users: a client's statements run in order).
  const tunedPools = new Map<string, { pool: pg.Pool; ready: WeakMap<pg.PoolClient, Promise<unknown>> }>();
  const tunedPool = (settings: Settings) => {
    const sql = setConfigSql(settings, false);
    let tuned = tunedPools.get(sql);
    if (!tuned) {
      const p = openPool();
      const ready = new WeakMap<pg.PoolClient, Promise<unknown>>();
      p.on('connect', (client) => {
        const set = client.query(sql);
        set.catch(() => {}); // heard by the statement that waits for it
        ready.set(client as pg.PoolClient, set);
      });
      tuned = { pool: p, ready };
      tunedPools.set(sql, tuned);
    }
    return tuned;
  };

  // Every statement with parameters is a named prepared statement: each connection parses it once (and PostgreSQL
  // may keep its plan), the next times it is only bound and run (measured on the echo bench: PostgreSQL's CPU per
  // message 2.5–2.8 → 1.8–1.9 ms). The first PREPARED_STATEMENTS distinct texts get names, the rest run unnamed.
  // The search (queryWith) stays unnamed: a generic plan of it was slower, and custom plans re-plan anyway.
  // Behind PgBouncer this needs session pooling, or transaction pooling with max_prepared_statements (≥ 1.21).
  const names = new Map<string, string>();
  const nameOf = (sql: string): string | undefined => {
    let name = names.get(sql);
    if (name === undefined && names.size < PREPARED_STATEMENTS) {
      name = `niangjia_${names.size}`;
      names.set(sql, name);
    }
    return name;
  };
  const wrap = (target: pg.Pool | pg.PoolClient): Pick<Db, 'query' | 'exec'> => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const query = params.length ? { name: nameOf(sql), text: sql, values: params as unknown[] } : { text: sql };
      return (await target.query(query).catch(unavailable)).rows as T[];
    },
    async exec(sql: string) {
      await target.query(sql).catch(unavailable); // no parameters: the simple protocol, several statements allowed
    },
  });
  const db: Db = {
    kind: 'postgres',
    ...wrap(pool),
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const client = await pool.connect().catch(unavailable);
      // A connection dropped while checked out emits 'error' on the client; unheard, it would end the process.
      let broken: Error | undefined;
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      try {
        await client.query('begin');
        const inner = wrap(client);
        const tx: Db = {
          ...db,
          ...inner,
          transaction: (nested) => nested(tx), // nested: join the outer transaction
          queryWith: queryWithInTransaction(inner),
          close: async () => {},
        };
        const result = await fn(tx);
        await client.query('commit');
        return result;
      } catch (error) {
        if (!broken) await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release(broken); // a broken connection leaves the pool
        client.off('error', onError);
      }
    },
    async queryWith<T>(settings: Settings, sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const { pool: p, ready } = tunedPool(settings);
      const client = await p.connect().catch(unavailable);
      try {
        await ready.get(client);
        const { rows } = await client.query(sql, params as unknown[]);
        client.release();
        return rows as T[];
      } catch (error) {
        client.release(error as Error); // as pool.query does: a connection a statement failed on leaves the pool
        return unavailable(error);
      }
    },
    async close() {
      await Promise.all([pool.end(), ...[...tunedPools.values()].map((t) => t.pool.end())]);
    },
  };
  return db;
}

/**
 * pg reports a lost or refused connection as a plain Error (SQL errors are DatabaseErrors with a SQLSTATE):
 * make it a StoreError `unavailable`, so callers know to try again.
 */
function unavailable(error: unknown): never {
  if (error instanceof pg.DatabaseError || error instanceof TypeError || error instanceof RangeError) throw error;
  throw new StoreError(`The PostgreSQL connection (DATABASE_URL) failed: ${(error as Error).message}`, 'unavailable', { cause: error });
}

async function ensureVectorExtension(client: pg.Client): Promise<void> {
  const [row] = (
    await client.query(`select
      exists(select 1 from pg_extension where extname = 'vector') as installed,
      exists(select 1 from pg_available_extensions where name = 'vector') as available`)
  ).rows;
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

/**
 * PGlite's buffer pool, inside its WebAssembly memory (which never shrinks). PostgreSQL's default, 128MB, is most
 * of an idle service's RSS here: opening an indexed data dir took it from 117 to 358 MB, with 32MB to ~240 MB;
 * pages beyond it come from the operating system's cache. Measured on bench:telegram at 40 msg/s: peak RSS 804 →
 * 686 MB, CPU per message the same (39.7 / 40.0 ms); 16MB cost CPU (44.8 ms).
 */
const PGLITE_SHARED_BUFFERS = '32MB';

async function openPglite(dataDir: string): Promise<Db> {
  const inMemory = dataDir.startsWith('memory://');
  const lock = inMemory ? undefined : lockDataDir(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(inMemory ? undefined : dataDir, {
      extensions: { vector },
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    });
    await pglite.exec('create extension if not exists vector');
  } catch (error) {
    lock?.release();
    throw new StoreError(`Cannot open the embedded database in ${dataDir}: ${(error as Error).message}`, 'connect', { cause: error });
  }
  // PGlite answers on this thread and its promises settle at once, so a run of queries (a re-index, a busy
  // worker's handling) would be one long chain of microtasks and nothing else — no webhook, no /healthz —
  // would run until it ended. After each statement, let the event loop take its turn.
  const wrap = (target: PGlite | Transaction): Pick<Db, 'query' | 'exec'> => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const { rows } = await target.query<T>(sql, params as unknown[]);
      await yieldToEventLoop();
      return rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
      await yieldToEventLoop();
    },
  });
  const db: Db = {
    kind: 'pglite',
    ...wrap(pglite),
    transaction: <T>(fn: (tx: Db) => Promise<T>) =>
      pglite.transaction(async (t) => {
        const inner = wrap(t);
        const tx: Db = {
          ...db,
          ...inner,
          transaction: (nested) => nested(tx),
          queryWith: queryWithInTransaction(inner),
          close: async () => {},
        };
        return fn(tx);
      }),
    // One connection, in this process: no round trip to save; the settings hold for a transaction around it.
    queryWith: <T>(settings: Settings, sql: string, params?: readonly unknown[]) =>
      db.transaction((tx) => tx.queryWith<T>(settings, sql, params)),
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
