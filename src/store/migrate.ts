/**
 * Applies the numbered `.sql` files in store/migrations in order, each in its own transaction, once.
 * The same SQL runs on PostgreSQL and PGlite. On PostgreSQL an advisory lock keeps two replicas that
 * start together from migrating at once.
 *
 * How to add a migration: create `store/migrations/NNN_what.sql` with the next free number. Never edit
 * one that has shipped; write a new one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Db, StoreError } from './db.js';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));
const LOCK_ID = 20_241_125;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(dir + f, 'utf8') }));
}

export async function migrate(db: Db, migrations = listMigrations()): Promise<number[]> {
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('select pg_advisory_xact_lock($1)', [LOCK_ID]);
    await tx.exec(`create table if not exists schema_migrations (
      version integer primary key, name text not null, applied_at timestamptz not null default now())`);
    const done = new Set((await tx.query<{ version: number }>('select version from schema_migrations')).map((r) => r.version));
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      try {
        await tx.exec(m.sql);
      } catch (error) {
        throw new StoreError(`Migration ${m.name} failed: ${(error as Error).message}`, 'migration', { cause: error });
      }
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
