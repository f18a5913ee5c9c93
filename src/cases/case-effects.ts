/**
 * What every case change writes besides the case row, inside the caller's transaction: an entry in the
 * append-only event log, desk items on the case's outbox stream (`case:<id>`, delivered in order), and
 * messages to the worker through `enqueueToWorker`. Nothing here sends; the outbox does, after commit.
 */

import type { Lang } from '../assistant/types.js';
import type { OutgoingWorkerMessage } from '../conversation/types.js';
import { enqueueToWorker } from '../conversation/worker-outbox.js';
import type { Translate } from '../i18n/translator.js';
import type { Logger } from '../log.js';
import type { Outbox } from '../outbox/outbox.js';
import { type ActorKind, appendCaseEvent, type CasePriority, type CaseRecord } from '../store/case-store.js';
import type { Db } from '../store/db.js';
import { getWorker } from '../store/worker-store.js';
import type { CaseEventKind, Staff } from './types.js';

/** The outbox channel the staff desk deliverer is registered for. */
export const STAFF_DESK_CHANNEL = 'staffdesk';

/** Payloads of staff-desk outbox items: ids only, so no worker words sit in the outbox. */
export type DeskItem =
  | { kind: 'case_card'; caseId: number }
  | { kind: 'card_update'; caseId: number }
  | { kind: 'thread_message'; caseId: number; messageId: number }
  | { kind: 'case_event'; caseId: number; event: CaseEventKind; by?: Staff; priority?: CasePriority; rating?: number; note?: string }
  | { kind: 'sla_reminder'; caseId: number; waitingMinutes: number }
  | { kind: 'urgent_alert'; caseId: number; category: string }
  | { kind: 'staff_note'; caseId: number; messageId: number }
  | { kind: 'reply_outcome'; caseId: number; messageId: number; outcome: 'delivered' | 'undelivered' }
  | { kind: 'redact'; caseId: number };

export interface CaseContext {
  /** Days after a resolution the worker who agreed is asked whether it was solved (FOLLOW_UP_DAYS; 0: never). */
  followUpDays: number;
  db: Db;
  outbox: Outbox;
  clock: () => Date;
  translate: Translate;
  log: Logger;
  sla: { urgentMinutes: number; normalMinutes: number };
  reopenDays: number;
  signature: 'union' | 'name';
}

export interface Actor {
  kind: ActorKind;
  id?: string;
  name?: string;
}

export const systemActor: Actor = { kind: 'system' };
export const workerActor: Actor = { kind: 'worker' };
export const staffActor = (staff: Staff): Actor => ({ kind: 'staff', id: staff.id, name: staff.name });

export function slaDue(ctx: CaseContext, priority: CasePriority, from: Date): Date {
  const minutes = priority === 'urgent' ? ctx.sla.urgentMinutes : ctx.sla.normalMinutes;
  return new Date(from.getTime() + minutes * 60_000);
}

export function caseEffects(ctx: CaseContext, tx: Db, now: Date) {
  return {
    event(caseId: number, actor: Actor, kind: string, detail: Record<string, unknown> = {}): Promise<number> {
      return appendCaseEvent(tx, { caseId, actorKind: actor.kind, actorId: actor.id, actorName: actor.name, kind, detail }, now);
    },

    /** Queues a desk item; `key` makes it idempotent (`case:42:card`). An urgent case's items go out first. */
    desk(item: DeskItem, key: string, priority: CasePriority = 'normal'): Promise<number> {
      return ctx.outbox.enqueue(
        {
          channel: STAFF_DESK_CHANNEL,
          stream: `case:${item.caseId}`,
          kind: item.kind,
          payload: item,
          dedupeKey: key,
          priority: priority === 'urgent' ? 1 : 0,
        },
        tx,
      );
    },

    /** Queues a message to the case's worker, in their language, once per `key`; returns the outbox item. */
    async worker(
      c: CaseRecord,
      key: string,
      text: string | ((lang: Lang) => string),
      extra: Partial<OutgoingWorkerMessage> | ((lang: Lang) => Partial<OutgoingWorkerMessage>) = {},
    ): Promise<number | undefined> {
      const worker = await getWorker(tx, c.workerId);
      if (!worker?.chat_id) {
        ctx.log.warn('cases.worker_unreachable', { caseId: c.id });
        return undefined;
      }
      const lang: Lang = worker.lang ?? c.lang;
      const body = typeof text === 'function' ? text(lang) : text;
      const more = typeof extra === 'function' ? extra(lang) : extra;
      return enqueueToWorker(ctx.outbox, worker, { ...more, lang, text: body }, { dedupeKey: key, db: tx });
    },
  };
}

/** Runs a change in one transaction, then wakes the outbox so its effects go out now, not at the next poll. */
export async function inTransaction<T>(ctx: CaseContext, fn: (tx: Db, now: Date) => Promise<T>): Promise<T> {
  const result = await ctx.db.transaction((tx) => fn(tx, ctx.clock()));
  ctx.outbox.kick();
  return result;
}
