/**
 * The SLA clock: an unclaimed case past its due time gets one reminder in the cases channel (mentioning the
 * on-duty group), a resolved case whose reopen window has passed is closed, and a staff reply whose delivery
 * the thread was not told about (a crash right after it) is reported, and the follow-ups that are due are asked. Safe on many replicas:
 * each reminder is claimed with a conditional UPDATE and keyed in the outbox by the breach's due time.
 */

import type { Logger } from '../log.js';
import { listExpiredResolved, listSlaBreaches, markSlaReminded, updateCaseIf } from '../store/case-store.js';
import { type CaseContext, caseEffects, inTransaction, systemActor } from './case-effects.js';
import { followUps } from './follow-up.js';
import { sweepReplyOutcomes } from './reply-receipts.js';

const DAY_MS = 24 * 60 * 60_000;

export async function checkSla(ctx: CaseContext, now: Date): Promise<number> {
  let reminders = 0;
  for (const c of await listSlaBreaches(ctx.db, now)) {
    const dueAt = new Date(c.slaDueAt!);
    const posted = await inTransaction(ctx, async (tx) => {
      if (!(await markSlaReminded(tx, c.id, dueAt, now))) return false;
      const fx = caseEffects(ctx, tx, now);
      const waitingMinutes = Math.max(0, Math.round((now.getTime() - new Date(c.reopenedAt ?? c.openedAt).getTime()) / 60_000));
      await fx.event(c.id, systemActor, 'sla_breached', { dueAt: dueAt.toISOString(), waitingMinutes });
      await fx.desk({ kind: 'sla_reminder', caseId: c.id, waitingMinutes }, `case:${c.id}:sla:${dueAt.toISOString()}`);
      return true;
    });
    if (posted) reminders++;
  }
  for (const id of await listExpiredResolved(ctx.db, new Date(now.getTime() - ctx.reopenDays * DAY_MS))) {
    await inTransaction(ctx, async (tx) => {
      if (!(await updateCaseIf(tx, id, ['resolved'], { status: 'closed', closedAt: now }, now))) return;
      const fx = caseEffects(ctx, tx, now);
      const eventId = await fx.event(id, systemActor, 'closed');
      await fx.desk({ kind: 'card_update', caseId: id }, `case:${id}:card:${eventId}`);
    });
  }
  await sweepReplyOutcomes(ctx);
  await followUps(ctx).askDue(now);
  return reminders;
}

/**
 * Runs `check` every `everyMs` until stopped; a failed check is logged and tried again next time.
 *
 * @example
 *   const sla = startSlaClock({ check: () => cases.checkSla(), log });
 *   await sla.stop();
 */
export function startSlaClock({ check, everyMs = 30_000, log }: { check: () => Promise<number>; everyMs?: number; log: Logger }): {
  stop(): Promise<void>;
} {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = check().catch((error) => log.error('cases.sla_check_failed', { error }));
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
