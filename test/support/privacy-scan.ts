/**
 * Where a value still lives in a test store: in any row of any table (as text), and in the relation files
 * themselves (tables, their TOAST tables and every index, after a CHECKPOINT), where an erased value
 * lingers in dead tuples until a VACUUM FULL rewrites the file. The knowledge index is left out (it holds
 * laws, not people). Needs a superuser (pg_read_binary_file): PGlite is one, the test PostgreSQL user too.
 *
 * @example
 *   expect(await rowsHolding(db, ['张三丰'])).toEqual([]);
 *   expect(await filesHolding(db, ['张三丰'])).toEqual([]);
 */
import type { Db } from '../../src/store/db.js';

export async function rowsHolding(db: Db, needles: string[]): Promise<string[]> {
  const tables = await db.query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'knowledge%' order by 1`,
  );
  const found: string[] = [];
  for (const { name } of tables) {
    const rows = await db.query<{ t: string }>(`select t::text as t from "${name}" t`);
    for (const needle of needles) if (rows.some((r) => r.t.includes(needle))) found.push(`${name}: ${needle}`);
  }
  return found;
}

export async function filesHolding(db: Db, needles: string[]): Promise<string[]> {
  await db.exec('checkpoint');
  const relations = await db.query<{ oid: number; name: string }>(
    `with mine as (select oid, reltoastrelid from pg_class
                    where relnamespace = current_schema()::regnamespace and relkind = 'r' and relname not like 'knowledge%'),
          heaps as (select oid from mine union select reltoastrelid from mine where reltoastrelid <> 0)
     select oid::int as oid, oid::regclass::text as name from heaps
     union select indexrelid::int, indexrelid::regclass::text from pg_index where indrelid in (select oid from heaps)`,
  );
  const found: string[] = [];
  for (const { oid, name } of relations) {
    for (const needle of needles) {
      const [row] = await db.query<{ hit: boolean }>(
        `select position(convert_to($2, 'UTF8') in pg_read_binary_file(pg_relation_filepath($1::oid))) > 0 as hit`,
        [oid, needle],
      );
      if (row?.hit) found.push(`${name}: ${needle}`);
    }
  }
  return found;
}
