/**
 * Store before handle. Every update is written to inbound_messages (deduplicated on update_id) before
 * Telegram is told it arrived — before the webhook answers 200, before polling confirms the offset — and
 * marked handled only after its handler finished. So a redelivered update or a restart never answers
 * twice, and an update interrupted by a crash is replayed at the next start.
 *
 * Marking is batched (one statement for all updates finished within `flushMs`): on the embedded store
 * every statement costs a file sync. An update finished but not yet marked when the process dies is
 * replayed, which is safe because every reply is enqueued with a dedupe key derived from the update.
 *
 * @example
 *   const id = await journal.admit(update);     // undefined = seen before, or being handled right now
 *   if (id !== undefined) journal.track(bot.handleUpdate(update));
 *   bot.use(journal.middleware());               // marks the update handled when its handler resolves
 */
import type { Context, MiddlewareFn } from 'grammy';
import type { Update } from 'grammy/types';
import type { Db } from '../../store/db.js';
import { listUnhandledInbound, recordInbound } from '../../store/inbox-store.js';
import { markInboundHandled } from '../../store/telegram-store.js';
import { silentLogger, type Logger } from '../../log.js';
import { TELEGRAM_CHANNEL } from './incoming-message.js';

/** The context every handler of this channel sees: the stored row of its update. */
export type JournaledContext = Context & { inboundId: number };

export interface UpdateJournal {
  /** Stores the update; returns its inbound id when it should be handled now, else undefined. */
  admit(update: Update): Promise<number | undefined>;
  middleware(): MiddlewareFn<JournaledContext>;
  /** Keeps a handling promise so `settled()` can wait for it (graceful shutdown). */
  track(work: Promise<unknown>): void;
  settled(): Promise<void>;
  /** Updates stored but never handled (a crash in between), oldest first. */
  unhandled(): Promise<Update[]>;
  readonly inFlight: number;
}

export function createUpdateJournal({ db, log = silentLogger, flushMs = 10 }: { db: Db; log?: Logger; flushMs?: number }): UpdateJournal {
  const admitted = new WeakMap<Update, number>();
  // Update ids admitted and not finished: a redelivery that arrives while the first copy is still being
  // handled is skipped (the row is still 'received', so the store alone cannot tell).
  const busy = new Set<number>();
  const pending = new Set<Promise<unknown>>();
  // Finished updates waiting to be marked handled: inbound id → update id.
  let finished = new Map<number, number>();
  let flushing: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  function flush(): Promise<void> {
    if (timer) { clearTimeout(timer); timer = undefined; }
    if (flushing || finished.size === 0) return flushing ?? Promise.resolve();
    const batch = finished;
    finished = new Map();
    flushing = markInboundHandled(db, [...batch.keys()])
      // Still 'received' in the store until now: keep redeliveries out until the mark is written.
      .then(() => { for (const updateId of batch.values()) busy.delete(updateId); })
      .catch((error) => {
        log.error('telegram.mark_handled_failed', { count: batch.size, error });
        for (const [id, updateId] of batch) finished.set(id, updateId);
      })
      .finally(() => {
        flushing = undefined;
        if (finished.size && !timer) timer = setTimeout(() => void flush(), flushMs * 10);
      });
    return flushing;
  }

  function markHandled(id: number, updateId: number): void {
    finished.set(id, updateId);
    timer ??= setTimeout(() => void flush(), flushMs);
  }

  async function admit(update: Update): Promise<number | undefined> {
    if (busy.has(update.update_id)) return undefined;
    busy.add(update.update_id);
    try {
      const { message, duplicate } = await recordInbound(db, { channel: TELEGRAM_CHANNEL, externalId: String(update.update_id), payload: update });
      if (duplicate && message.status !== 'received') {
        busy.delete(update.update_id);
        return undefined;
      }
      admitted.set(update, message.id);
      return message.id;
    } catch (error) {
      busy.delete(update.update_id);
      throw error;
    }
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
          // A failed update stays 'received': it is replayed at the next start (replies are idempotent).
          busy.delete(update.update_id);
          throw error;
        } finally {
          admitted.delete(update);
        }
        markHandled(id, update.update_id);
      };
    },

    track(work) {
      const p = work.catch(() => {}).finally(() => pending.delete(p));
      pending.add(p);
    },

    async settled() {
      while (pending.size) await Promise.all([...pending]);
      await flushing;
      await flush();
      // If the store is down now, the unmarked updates are simply replayed at the next start.
      if (timer) { clearTimeout(timer); timer = undefined; }
    },

    async unhandled() {
      const rows = await listUnhandledInbound(db, TELEGRAM_CHANNEL);
      return rows.map((r) => r.payload as Update).filter((u) => typeof u?.update_id === 'number');
    },

    get inFlight() {
      return pending.size + finished.size;
    },
  };
}
