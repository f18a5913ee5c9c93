/**
 * Every store test runs on both stores: embedded PGlite (in memory) and, when TEST_DATABASE_URL is set,
 * real PostgreSQL + pgvector, each suite in a schema of its own that is dropped afterwards.
 *
 * @example
 *   describe.each(storeKinds)('outbox on %s', (kind) => {
 *     const store = useStore(kind);
 *     it('…', async () => { await store.db.query('select 1'); });
 *   });
 */

import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { openStore } from '../../src/store/open-store.js';

// The test harness is the one other place allowed to look at the environment: it is not the service.
export const testDatabaseUrl = process.env['TEST_DATABASE_URL'] || undefined;
export type StoreKind = 'pglite' | 'postgres';
export const storeKinds: StoreKind[] = testDatabaseUrl ? ['pglite', 'postgres'] : ['pglite'];

let counter = 0;
export function uniqueSchema(prefix = 't'): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
}

export async function openTestStore(kind: StoreKind): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openStore({ dataDir: 'memory://' });
    return { db, drop: () => db.close() };
  }
  const schema = uniqueSchema();
  const db = await openStore({ databaseUrl: testDatabaseUrl!, schema, poolSize: 5 });
  return {
    db,
    drop: async () => {
      await db.close();
      const client = new pg.Client({ connectionString: testDatabaseUrl });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

/** Opens a fresh store for the enclosing describe block. Read `.db` inside tests. */
export function useStore(kind: StoreKind): { readonly db: Db } {
  let opened: Awaited<ReturnType<typeof openTestStore>> | undefined;
  beforeAll(async () => {
    opened = await openTestStore(kind);
  });
  afterAll(async () => {
    await opened?.drop();
  });
  return {
    get db() {
      if (!opened) throw new Error('store not open yet: use it inside a test or hook');
      return opened.db;
    },
  };
}
