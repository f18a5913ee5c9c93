/**
 * Follow-up: when a case is resolved the worker is asked whether the union may check back; a worker who
 * agreed is asked, `followUpDays` after the resolution, whether the problem was solved. The answers feed the
 * listening report, and a "no" reopens the case (unless the worker has another case open meanwhile, which
 * staff already work: the answer is then only recorded and shown in the old case's thread). Questions and
 * answers are buttons (choices) whose values this module reads back; typing a label works too (the console).
 * The buttons and the words that answer them are in conversation/follow-up-reply.ts.
 */
import { followUpChoices as choices, type FollowUpAnswer } from '../conversation/follow-up-reply.js';
import {
  ACTIVE_STATUSES,
  type CaseRecord,
  findWorkerCase,
  getCase,
  listFollowUpsDue,
  markFollowUpAsked,
  setFollowUpAnswer,
  updateCaseIf,
} from '../store/case-store.js';
import { type CaseContext, caseEffects, inTransaction, slaDue, systemActor, workerActor } from './case-effects.js';

const DAY_MS = 24 * 60 * 60_000;

export type { FollowUpAnswer };

export function followUps(ctx: CaseContext) {
  return {
    /** After a resolution, inside its transaction: may the union check back in `followUpDays`? */
    async askConsent(fx: ReturnType<typeof caseEffects>, c: CaseRecord, key: string): Promise<void> {
      if (ctx.followUpDays <= 0) return;
      await fx.worker(
        c,
        key,
        (lang) => ctx.translate(lang, 'case-follow-up-consent', { days: ctx.followUpDays }),
        (lang) => ({ choices: choices(lang, c.id, ['agree', 'decline']) }),
      );
    },

    /** Asks each worker who agreed, `followUpDays` after the resolution, whether it was solved. Returns how many. */
    async askDue(now: Date): Promise<number> {
      if (ctx.followUpDays <= 0) return 0;
      let asked = 0;
      for (const id of await listFollowUpsDue(ctx.db, new Date(now.getTime() - ctx.followUpDays * DAY_MS))) {
        const done = await inTransaction(ctx, async (tx) => {
          const c = await markFollowUpAsked(tx, id, now);
          if (!c) return false;
          const fx = caseEffects(ctx, tx, now);
          await fx.event(id, systemActor, 'follow_up_asked');
          await fx.worker(
            c,
            `case:${id}:follow-up`,
            (lang) => ctx.translate(lang, 'case-follow-up-question', { caseId: id }),
            (lang) => ({ choices: choices(lang, id, ['solved', 'unsolved']) }),
          );
          return true;
        });
        if (done) asked++;
      }
      return asked;
    },

    /**
     * Applies a worker's follow-up answer to their case (`caseId`, or the one waiting for this answer).
     * Returns false when no case of this worker waits for it (the message is then handled as any other).
     */
    answer(workerId: number, reply: { caseId?: number; answer: FollowUpAnswer }): Promise<boolean> {
      return inTransaction(ctx, async (tx, now) => {
        const consent = reply.answer === 'agree' || reply.answer === 'decline';
        const c =
          reply.caseId !== undefined
            ? await getCase(tx, reply.caseId, { lock: true })
            : await findWorkerCase(tx, workerId, ['resolved', 'closed', ...ACTIVE_STATUSES]);
        if (!c || c.workerId !== workerId || c.forgottenAt) return false;
        const waiting = consent
          ? c.followUpAgreed === null && c.resolvedAt !== null
          : c.followUpAskedAt !== null && c.followUpAnsweredAt === null;
        if (!waiting) return false;
        const fx = caseEffects(ctx, tx, now);
        if (consent) {
          await setFollowUpAnswer(tx, c.id, { agreed: reply.answer === 'agree' }, now);
          await fx.worker(c, `case:${c.id}:follow-up-consent-reply`, (lang) =>
            ctx.translate(lang, `case-follow-up-${reply.answer}`, { days: ctx.followUpDays }),
          );
          return true;
        }
        const solved = reply.answer === 'solved';
        await setFollowUpAnswer(tx, c.id, { solved }, now);
        const eventId = await fx.event(c.id, workerActor, solved ? 'follow_up_solved' : 'follow_up_unsolved');
        await fx.desk(
          { kind: 'case_event', caseId: c.id, event: solved ? 'follow_up_solved' : 'follow_up_unsolved' },
          `case:${c.id}:follow-up:${eventId}`,
        );
        if (!solved && !(await findWorkerCase(tx, workerId, ACTIVE_STATUSES))) {
          // The same people pick it up again, with a fresh SLA if nobody holds it.
          await updateCaseIf(
            tx,
            c.id,
            ['resolved', 'closed'],
            c.assigneeId
              ? { status: 'in_progress', reopenedAt: now, resolvedAt: null }
              : { status: 'open', reopenedAt: now, resolvedAt: null, slaDueAt: slaDue(ctx, c.priority, now), slaRemindedAt: null },
            now,
          );
          await fx.desk({ kind: 'case_event', caseId: c.id, event: 'reopened' }, `case:${c.id}:reopened:${eventId}`);
        }
        await fx.desk({ kind: 'card_update', caseId: c.id }, `case:${c.id}:card:${eventId}`);
        await fx.worker(c, `case:${c.id}:follow-up-reply`, (lang) =>
          ctx.translate(lang, solved ? 'case-follow-up-thanks' : 'case-follow-up-reopened', { caseId: c.id }),
        );
        return true;
      });
    },
  };
}
