/**
 * After /forget the erased values are gone from the rows but not from the files: PostgreSQL keeps the old
 * row versions until a vacuum, and a plain VACUUM only marks their space reusable. VACUUM FULL rewrites
 * each table (and its indexes) into a new file and drops the old one. Requests are coalesced: one run for
 * every /forget within `delayMs`. VACUUM FULL must keep what an older transaction may still see, so on
 * PostgreSQL it waits (`waitMs` at a time) until every transaction that began before the erasure has ended —
 * a re-index's long statements, say. Each table is locked only while it is rewritten (milliseconds at a
 * union's volumes); the write-ahead log still holds the values until its segments are recycled. Sessions of
 * other roles count only if this role may see them (pg_read_all_stats).
 *
 * @example
 *   const vacuum = createErasureVacuum({ db, log });
 *   vacuum.request();      // after erasing a worker
 *   await vacuum.idle();   // tests: the files are clean now
 */

import { type Logger, silentLogger } from '../log.js';
import type { Db } from './db.js';

/** The tables that can hold a worker's personal data (see worker-store, case-store, conversation-store). */
const tables = [
  'workers',
  'inbound_messages',
  'outbox',
  'conversation_turns',
  'cases',
  'case_messages',
  'answer_feedback',
  'asked_questions',
  'applications',
];

export interface ErasureVacuum {
  request(): void;
  /** Resolves when no run is due or running. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function createErasureVacuum({
  db,
  log = silentLogger,
  delayMs = 5_000,
  waitMs = 30_000,
}: {
  db: Db;
  log?: Logger;
  delayMs?: number;
  waitMs?: number;
}): ErasureVacuum {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  // When the first erasure not vacuumed yet happened: transactions older than it may still see what it erased.
  let since: Date | undefined;
  const waiters: Array<() => void> = [];

  /** One try; returns how long to wait before the next one when it had to wait, else undefined. */
  async function run(): Promise<number | undefined> {
    timer = undefined;
    try {
      const older = await olderTransactions(since!);
      if (older > 0) {
        // VACUUM FULL keeps every row version an open transaction may still see: wait for them to end.
        log.info('privacy.vacuum_waits', { transactions: older, retryInMs: waitMs });
        return waitMs;
      }
      since = undefined;
      const started = performance.now();
      for (const table of tables) await db.exec(`vacuum (full, analyze) ${table}`);
      log.info('privacy.vacuumed', { tables: tables.length, ms: Math.round(performance.now() - started) });
    } catch (error) {
      since = undefined;
      log.error('privacy.vacuum_failed', { error });
    }
    return undefined;
  }

  /** Other sessions of this database in a transaction that began before `erasedAt` (none on PGlite). */
  async function olderTransactions(erasedAt: Date): Promise<number> {
    if (db.kind !== 'postgres') return 0;
    const [row] = await db.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()
          and (backend_xmin is not null or backend_xid is not null) and xact_start < $1`,
      [erasedAt],
    );
    return row?.n ?? 0;
  }

  function schedule(after: number): void {
    if (timer || running) return;
    timer = setTimeout(() => {
      running = run().then((again) => {
        running = undefined;
        if (again !== undefined) schedule(again);
        else if (since)
          schedule(delayMs); // erased again while the vacuum ran
        else for (const w of waiters.splice(0)) w();
      });
    }, after);
  }

  return {
    request() {
      since ??= new Date();
      schedule(delayMs);
    },
    idle: () => (timer || running ? new Promise<void>((resolve) => waiters.push(resolve)) : Promise.resolve()),
    async stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
      if (timer) clearTimeout(timer);
      timer = undefined;
      for (const w of waiters.splice(0)) w();
    },
  };
}
