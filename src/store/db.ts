/**
 * The one small interface over PostgreSQL (`pg`) and embedded PGlite. Repositories in store/ take a `Db`;
 * nothing else writes SQL. The same numbered migrations run on both.
 *
 * @example
 *   const rows = await db.query<{ n: number }>('select count(*)::int as n from outbox where status = $1', ['pending']);
 *   await db.transaction(async (tx) => { await tx.query('...'); await tx.query('...'); });
 */
export interface Db {
  readonly kind: 'postgres' | 'pglite';
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements, without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The store failed in a way the operator must fix (missing extension, locked data dir, bad URL). */
export class StoreError extends Error {
  override name = 'StoreError';
  constructor(message: string, readonly code: 'locked' | 'no_vector' | 'connect' | 'migration', options?: ErrorOptions) {
    super(message, options);
  }
}

/** Formats a number array as a pgvector literal: `[0.1,0.2]`. Works on both drivers without type parsers. */
export function toVectorLiteral(v: ArrayLike<number>): string {
  return `[${Array.from(v, (x) => (Number.isFinite(x) ? x : 0)).join(',')}]`;
}
