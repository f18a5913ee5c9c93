/**
 * A real test store with faults injected: the next `times` statements matching `match` fail before they reach
 * the database, as a dropped connection would (StoreError 'unavailable') or as a refusal ('rejected'). Not a mock: every other
 * statement runs on the real store.
 *
 * @example
 *   const db = withFaults(store.db);
 *   db.failNext(/set status = 'sent'/, 2);
 */
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { type Db, StoreError } from '../../src/store/db.js';
import { openStore } from '../../src/store/open-store.js';
import { testDatabaseUrl, uniqueSchema } from './stores.js';

type Fault = 'unavailable' | 'rejected';

export function withFaults(db: Db): Db & { failNext(match: RegExp, times?: number, fault?: Fault): void } {
  const faults: Array<{ match: RegExp; left: number; fault: Fault }> = [];
  const check = (sql: string) => {
    const found = faults.find((f) => f.left > 0 && f.match.test(sql));
    if (!found) return;
    found.left -= 1;
    if (found.fault === 'rejected') throw Object.assign(new Error('refused by the injected fault'), { code: '22000' });
    throw new StoreError('The PostgreSQL connection (DATABASE_URL) failed: Connection terminated unexpectedly', 'unavailable');
  };
  const wrap = (inner: Db): Db => ({
    kind: inner.kind,
    async query(sql, params) {
      check(sql);
      return inner.query(sql, params);
    },
    async exec(sql) {
      check(sql);
      return inner.exec(sql);
    },
    transaction: (fn) => inner.transaction((tx) => fn(wrap(tx))),
    async queryWith(settings, sql, params) {
      check(sql);
      return inner.queryWith(settings, sql, params);
    },
    close: () => inner.close(),
  });
  return Object.assign(wrap(db), {
    failNext(match: RegExp, times = 1, fault: Fault = 'unavailable') {
      faults.push({ match, left: times, fault });
    },
  });
}

/**
 * A PostgreSQL store in a schema of its own, for a describe block, whose connections the test can cut:
 * `dropConnections()` terminates every backend of this store (by its application name) and says how many.
 */
export function useDroppablePostgres(poolSize: number): { readonly db: Db; dropConnections(): Promise<number> } {
  const applicationName = uniqueSchema('nj_drop');
  const schema = uniqueSchema();
  let db: Db | undefined;
  let admin: pg.Client | undefined;
  beforeAll(async () => {
    db = await openStore({ databaseUrl: testDatabaseUrl!, schema, applicationName, poolSize });
    admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await db?.close();
    await admin?.query(`drop schema if exists ${schema} cascade`);
    await admin?.end();
  });
  return {
    get db() {
      return db!;
    },
    async dropConnections() {
      const { rows } = await admin!.query<{ ok: boolean }>(
        'select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = $1',
        [applicationName],
      );
      return rows.filter((r) => r.ok).length;
    },
  };
}
