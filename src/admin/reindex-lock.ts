/**
 * One re-index at a time: an in-process flag (the Slack command and the /admin endpoint share one Admin),
 * and on PostgreSQL an advisory lock, so two service replicas — or the CLI beside a running service — never
 * build at once. PGlite has a single owning process (the data-dir lock), so the flag is enough there.
 *
 * @example
 *   const lock = createReindexLock(db);
 *   await lock.run(() => build());   // throws ReindexBusyError while another run holds it
 */
import type { Db } from '../store/db.js';
import { REINDEX_LOCK_ID, tryAdvisoryTransactionLock } from '../store/reindex-store.js';

/** Another re-index holds the lock; nothing was done. */
export class ReindexBusyError extends Error {
  override name = 'ReindexBusyError';
  constructor(where = '') {
    super(`a re-index is already running${where}; try again when it has finished`);
  }
}

export interface ReindexLock {
  readonly busy: boolean;
  run<T>(fn: () => Promise<T>): Promise<T>;
}

export function createReindexLock(db: Db, { lockId = REINDEX_LOCK_ID }: { lockId?: number } = {}): ReindexLock {
  let busy = false;
  return {
    get busy() {
      return busy;
    },
    async run(fn) {
      if (busy) throw new ReindexBusyError();
      busy = true;
      try {
        if (db.kind !== 'postgres') return await fn();
        // A transaction-scoped lock on a connection held open for the run: it is released at the end, and by
        // the server if this process dies mid-run, so a crash never leaves the index locked.
        return await db.transaction(async (tx) => {
          if (!(await tryAdvisoryTransactionLock(tx, lockId))) throw new ReindexBusyError(' (in another process)');
          return fn();
        });
      } finally {
        busy = false;
      }
    },
  };
}
