/**
 * Store before handle. Every update is written to inbound_messages (deduplicated on update_id and what the
 * update is: see update-identity.ts) before Telegram is told it arrived — before the webhook answers 200,
 * before polling confirms the offset — and marked handled only after its handler finished. So a redelivered
 * update or a restart never answers twice, and an update interrupted by a crash is replayed at the next start.
 *
 * Marking is batched (one statement for all updates finished within `flushMs`): on the embedded store
 * every statement costs a file sync. An update finished but not yet marked when the process dies is
 * replayed, which is safe because every reply is enqueued with a dedupe key derived from the update.
 *
 * When it goes wrong, one update never holds up the others:
 * - the database refuses to store it (storeFault 'rejected', e.g. a NUL character, which jsonb cannot
 *   hold): it is recorded failed with the reason and without its payload, acknowledged, passed over, and
 *   the worker told (`notify`);
 * - its handler fails because the database is unavailable: it is tried again in this process, with
 *   backoff, for as long as it takes; the worker hears it is kept if the second try fails too;
 * - its handler fails otherwise: the failure is counted in the row and it is tried again; after
 *   `failures.max` it is given up on ('failed', with the reason), the worker told, and never replayed.
 *
 * @example
 *   const journal = createUpdateJournal({ db, log, retry: (update) => handle(update), notify });
 *   const id = await journal.admit(update);     // undefined = seen before, being handled, or refused
 *   if (id !== undefined) journal.track(bot.handleUpdate(update));
 *   bot.use(journal.middleware());               // marks the update handled when its handler resolves
 */
import type { Context, MiddlewareFn } from 'grammy';
import type { Update } from 'grammy/types';
import { type Logger, silentLogger } from '../../log.js';
import { failureReason } from '../../privacy/mask.js';
import { type Db, storeFault } from '../../store/db.js';
import {
  listUnhandledInbound,
  markInbound,
  markInboundHandled,
  recordInbound,
  recordInboundFailure,
  recordRefusedInbound,
} from '../../store/inbox-store.js';
import { TELEGRAM_CHANNEL } from './incoming-message.js';
import { updateIdentity } from './update-identity.js';

/** The context every handler of this channel sees: the stored row of its update. */
export type JournaledContext = Context & { inboundId: number };

/** What the worker is told: their update is kept for later, or it could not be handled at all. */
export type UpdateNotice = 'kept' | 'failed';

export interface FailurePolicy {
  /** Failures (other than an unavailable database) before an update is given up on. */
  max?: number;
  /** Wait before the first retry in this process; doubles each time, up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

export interface UpdateJournalOptions {
  db: Db;
  log?: Logger;
  flushMs?: number;
  failures?: FailurePolicy;
  /** Handles an update again after a failure: the channel's own entry point. */
  retry: (update: Update) => void;
  notify?: (update: Update, inboundId: number, notice: UpdateNotice) => Promise<void>;
}

export interface UpdateJournal {
  /** Stores the update; returns its inbound id when it should be handled now, else undefined. */
  admit(update: Update): Promise<number | undefined>;
  middleware(): MiddlewareFn<JournaledContext>;
  /** Keeps a handling promise so `settled()` can wait for it (graceful shutdown). */
  track(work: Promise<unknown>): void;
  /** Waits for the updates in hand; retries not yet due stay 'received' for the next start. */
  settled(): Promise<void>;
  /** Updates stored but never handled (a crash in between), oldest first, admitted: hand each to the bot. */
  interrupted(): Promise<Update[]>;
  readonly inFlight: number;
}

/** An update_id Telegram can have sent: JSON numbers beyond 2^53 lose digits, so they cannot be confirmed. */
export function isUpdateId(id: unknown): id is number {
  return Number.isSafeInteger(id) && (id as number) >= 0;
}

export function createUpdateJournal({
  db,
  log = silentLogger,
  flushMs = 10,
  failures: { max = 3, retryMs = 1_000, maxRetryMs = 30_000 } = {},
  retry,
  notify,
}: UpdateJournalOptions): UpdateJournal {
  const admitted = new WeakMap<Update, number>();
  // Updates admitted and not finished (update id + fingerprint): a redelivery that arrives while the first
  // copy is still being handled, or waits for a retry, is skipped (the row is still 'received').
  const busy = new Set<string>();
  const tries = new Map<string, number>();
  const retries = new Set<NodeJS.Timeout>();
  const pending = new Set<Promise<unknown>>();
  // Finished updates waiting to be marked handled: inbound id → key.
  let finished = new Map<number, string>();
  let flushing: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closing = false;

  const keyOf = (update: Update) => `${update.update_id}:${updateIdentity(update).fingerprint}`;
  const tell = (update: Update, id: number, notice: UpdateNotice) =>
    Promise.resolve(notify?.(update, id, notice)).catch((error) => log.error('telegram.notice_failed', { inboundId: id, notice, error }));

  function flush(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (flushing || finished.size === 0) return flushing ?? Promise.resolve();
    const batch = finished;
    finished = new Map();
    flushing = markInboundHandled(db, [...batch.keys()])
      // Still 'received' in the store until now: keep redeliveries out until the mark is written.
      .then(() => {
        for (const key of batch.values()) busy.delete(key);
      })
      .catch((error) => {
        log.error('telegram.mark_handled_failed', { count: batch.size, error });
        for (const [id, key] of batch) finished.set(id, key);
      })
      .finally(() => {
        flushing = undefined;
        if (finished.size && !timer) timer = setTimeout(() => void flush(), flushMs * 10);
      });
    return flushing;
  }

  function markHandled(id: number, key: string): void {
    finished.set(id, key);
    timer ??= setTimeout(() => void flush(), flushMs);
  }

  async function admit(update: Update): Promise<number | undefined> {
    if (!isUpdateId(update.update_id)) {
      log.warn('telegram.update_id_refused', { updateId: String(update.update_id) });
      return undefined;
    }
    const { fingerprint, sender } = updateIdentity(update);
    const key = `${update.update_id}:${fingerprint}`;
    if (busy.has(key)) return undefined;
    busy.add(key);
    const row = { channel: TELEGRAM_CHANNEL, externalId: String(update.update_id), fingerprint, sender };
    try {
      const { message, duplicate } = await recordInbound(db, { ...row, payload: update });
      if (duplicate && message.status !== 'received') {
        busy.delete(key);
        return undefined;
      }
      admitted.set(update, message.id);
      return message.id;
    } catch (error) {
      busy.delete(key);
      if (storeFault(error) !== 'rejected') throw error; // not stored: the caller has Telegram send it again
      const reason = `the database refused the update (${failureReason(error)})`;
      const refused = await recordRefusedInbound(db, { ...row, reason });
      log.warn('telegram.update_refused', { updateId: update.update_id, inboundId: refused.id, reason });
      if (!refused.duplicate) await tell(update, refused.id, 'failed');
      return undefined;
    }
  }

  function later(update: Update, attempt: number): void {
    if (closing) return;
    const wait = setTimeout(
      () => {
        retries.delete(wait);
        retry(update);
      },
      Math.min(retryMs * 2 ** (attempt - 1), maxRetryMs),
    );
    retries.add(wait);
  }

  function done(update: Update, key: string): void {
    admitted.delete(update);
    tries.delete(key);
  }

  /** After a handler failed: try again later, or give up on the update and tell the worker. */
  async function failed(update: Update, id: number, error: unknown): Promise<void> {
    const key = keyOf(update);
    const attempt = (tries.get(key) ?? 0) + 1;
    tries.set(key, attempt);
    if (storeFault(error) === 'unavailable') {
      log.warn('telegram.update_retry', { updateId: update.update_id, inboundId: id, attempt, error });
      if (attempt === 2) await tell(update, id, 'kept');
      return later(update, attempt);
    }
    const status = await recordInboundFailure(db, id, { reason: failureReason(error), maxFailures: max }).catch(() => undefined);
    if (status === 'failed') {
      done(update, key);
      busy.delete(key);
      log.error('telegram.update_given_up', { updateId: update.update_id, inboundId: id, error });
      return tell(update, id, 'failed');
    }
    // Still 'received' (or not even counted: the database went away meanwhile): try again.
    later(update, attempt);
  }

  return {
    admit,

    middleware() {
      return async (ctx, next) => {
        const update = ctx.update;
        let id = admitted.get(update);
        if (id === undefined) {
          // Someone called bot.handleUpdate directly: store it first all the same.
          id = await admit(update);
          if (id === undefined) return;
        }
        ctx.inboundId = id;
        try {
          await next();
        } catch (error) {
          await failed(update, id, error);
          throw error;
        }
        const key = keyOf(update);
        done(update, key);
        markHandled(id, key);
      };
    },

    track(work) {
      const p = work.catch(() => {}).finally(() => pending.delete(p));
      pending.add(p);
    },

    async settled() {
      closing = true;
      while (pending.size) await Promise.all([...pending]);
      for (const wait of retries) clearTimeout(wait); // still 'received': replayed at the next start
      retries.clear();
      await flushing;
      await flush();
      // If the store is down now, the unmarked updates are simply replayed at the next start.
      if (timer) {
        clearTimeout(timer);
        timer = undefined;
      }
      closing = false;
    },

    async interrupted() {
      const updates: Update[] = [];
      for (const row of await listUnhandledInbound(db, TELEGRAM_CHANNEL)) {
        const update = row.payload as Update;
        if (!isUpdateId(update?.update_id)) {
          await markInbound(db, row.id, 'failed', 'payload erased before it was handled');
          continue;
        }
        const key = keyOf(update);
        if (busy.has(key)) continue;
        busy.add(key);
        admitted.set(update, row.id);
        updates.push(update);
      }
      return updates;
    },

    get inFlight() {
      return pending.size + finished.size + retries.size;
    },
  };
}
