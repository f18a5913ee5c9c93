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
  /**
   * Runs one statement with settings of its own (`set_config` names and values, e.g. planner switches). On
   * PostgreSQL it goes to connections opened for those settings, so it is one round trip (no transaction to set
   * them in and end); on PGlite, and inside a transaction, they are set for the transaction around it.
   */
  queryWith<T = Record<string, unknown>>(settings: Settings, sql: string, params?: readonly unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** Settings for `Db.queryWith`: names and values of `set_config`, plain words only. */
export type Settings = Readonly<Record<string, string>>;

const settingWord = /^[a-z0-9][a-z0-9_.]*$/i;
/** `select set_config(…)` for each setting, checked: the names and values are written into the statement. */
export function setConfigSql(settings: Settings, local: boolean): string {
  const entries = Object.entries(settings);
  for (const [name, value] of entries) {
    if (!settingWord.test(name) || !settingWord.test(value)) throw new TypeError(`not a plain setting: ${name} = ${value}`);
  }
  return `select ${entries.map(([name, value]) => `set_config('${name}', '${value}', ${local})`).join(', ')}`;
}

/** `queryWith` inside a transaction: the settings hold for the rest of it (as a nested transaction would). */
export function queryWithInTransaction(tx: Pick<Db, 'query'>): Db['queryWith'] {
  return async <T>(settings: Settings, sql: string, params?: readonly unknown[]) => {
    await tx.query(setConfigSql(settings, true));
    return tx.query<T>(sql, params);
  };
}

/**
 * The store failed: in a way the operator must fix (missing extension, locked data dir, bad URL, a server that
 * does not answer: `connect`), or a connection that broke under a running service (`unavailable`: try again).
 */
export class StoreError extends Error {
  override name = 'StoreError';
  constructor(
    message: string,
    readonly code: 'locked' | 'no_vector' | 'connect' | 'migration' | 'unavailable',
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * What kind of database failure `error` is, for callers that decide whether to try again:
 * - `unavailable`: the database could not be reached or dropped the connection, or asked to retry
 *   (SQLSTATE classes 08, 40, 53, 57): the same work may succeed later;
 * - `rejected`: the database refused this statement or its data (e.g. 22P05, a NUL character in jsonb):
 *   the same work will fail again;
 * - undefined: not a database error.
 */
export function storeFault(error: unknown): 'unavailable' | 'rejected' | undefined {
  if (error instanceof StoreError) return error.code === 'unavailable' || error.code === 'connect' ? 'unavailable' : 'rejected';
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  return ['08', '40', '53', '57'].includes(code.slice(0, 2)) ? 'unavailable' : 'rejected';
}

/**
 * Runs `write` until it succeeds, for as long as the database is merely unavailable (a dropped connection,
 * a failover): for writes that record what already happened elsewhere — a message Telegram accepted — which
 * must not be lost to a blip. Waits `delayMs`, doubling, `attempts` times; then the error goes to the caller.
 *
 * @example
 *   await persist(() => markOutboxSent(db, id, result, now));
 */
export async function persist<T>(
  write: () => Promise<T>,
  { attempts = 10, delayMs = 50 }: { attempts?: number; delayMs?: number } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || storeFault(error) !== 'unavailable') throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(delayMs * 2 ** (attempt - 1), 5_000)));
    }
  }
}

/** Formats a number array as a pgvector literal: `[0.1,0.2]`. Works on both drivers without type parsers. */
export function toVectorLiteral(v: ArrayLike<number>): string {
  // A plain loop, zeros written without number formatting: the local embedder's vectors are mostly zeros.
  let out = '[';
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (i) out += ',';
    out += x === 0 || !Number.isFinite(x) ? '0' : String(x);
  }
  return `${out}]`;
}
