/**
 * The worker's side of a case: opening one (or adding to the active one), their later messages and
 * evidence (a resolved case within the reopen window is reopened), ratings, and /forget.
 */
import { createHash } from 'node:crypto';
import type { Attachment, WorkerCaseStatus } from '../conversation/types.js';
import {
  ACTIVE_STATUSES,
  type CasePatch,
  type CaseRecord,
  eraseWorkerCases,
  findWorkerCase,
  findWorkerCaseOrResolved,
  getCase,
  insertCase,
  insertCaseMessage,
  lastWorkerText,
  listWorkerCases,
  updateCaseIf,
} from '../store/case-store.js';
import type { Db } from '../store/db.js';
import type { Worker } from '../store/worker-store.js';
import { type CaseContext, caseEffects, inTransaction, slaDue, systemActor, workerActor } from './case-effects.js';
import { extractFacts, intakeSummary } from './intake-facts.js';
import { type Case, CaseError, type OpenCaseInput } from './types.js';

const DAY_MS = 24 * 60 * 60_000;

export function workerSide(ctx: CaseContext) {
  /** Stores a worker message in the case and queues it for the thread; reopens or moves the case on. */
  async function addMessage(
    tx: Db,
    now: Date,
    c: CaseRecord,
    message: { text?: string; attachment?: Attachment },
    key: string,
  ): Promise<boolean> {
    const fx = caseEffects(ctx, tx, now);
    const messageId = await insertCaseMessage(
      tx,
      { caseId: c.id, author: 'worker', text: message.text, attachment: message.attachment, dedupeKey: key },
      now,
    );
    if (messageId === undefined) return false;
    await fx.event(c.id, workerActor, 'worker_message', { messageId, attachment: message.attachment?.kind ?? null });
    let patch: CasePatch | undefined;
    if (c.status === 'resolved') {
      // The worker wrote again soon after: the same people pick it up again, with a fresh SLA if unassigned.
      patch = c.assigneeId
        ? { status: 'in_progress', reopenedAt: now, resolvedAt: null }
        : { status: 'open', reopenedAt: now, resolvedAt: null, slaDueAt: slaDue(ctx, c.priority, now), slaRemindedAt: null };
    } else if (c.status === 'waiting_on_worker' || c.status === 'claimed') {
      patch = { status: 'in_progress' };
    }
    if (patch && (await updateCaseIf(tx, c.id, [c.status], patch, now))) {
      if (c.status === 'resolved') {
        const eventId = await fx.event(c.id, workerActor, 'reopened');
        await fx.desk({ kind: 'case_event', caseId: c.id, event: 'reopened' }, `case:${c.id}:reopened:${eventId}`);
      }
      await fx.desk({ kind: 'card_update', caseId: c.id }, `case:${c.id}:card:msg:${messageId}`);
    }
    await fx.desk({ kind: 'thread_message', caseId: c.id, messageId }, `case:${c.id}:msg:${messageId}`);
    return true;
  }

  /** A second escalation while a case is active: its words join the thread, urgency raises the priority. */
  async function mergeInto(tx: Db, now: Date, c: CaseRecord, input: OpenCaseInput): Promise<CaseRecord> {
    const text = input.workerText.trim();
    // The WorkerService usually relayed these very words a moment ago; store them once.
    if (text && text !== '/human' && (await lastWorkerText(tx, c.id)) !== text) {
      const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
      await addMessage(tx, now, c, { text }, `case:${c.id}:merge:${hash}`);
    }
    if (input.priority === 'urgent') await raiseToUrgent(tx, now, c.id, input.category);
    return (await getCase(tx, c.id))!;
  }

  /** Makes the case urgent (a fresh, shorter SLA when unclaimed), said in the thread and on the card. */
  async function raiseToUrgent(tx: Db, now: Date, caseId: number, category: string): Promise<void> {
    const current = (await getCase(tx, caseId))!;
    if (current.priority === 'urgent') return;
    const fx = caseEffects(ctx, tx, now);
    const patch: CasePatch = { priority: 'urgent' };
    if (current.status === 'open')
      Object.assign(patch, { slaDueAt: slaDue(ctx, 'urgent', current.reopenedAt ?? current.openedAt), slaRemindedAt: null });
    await updateCaseIf(tx, caseId, [current.status], patch, now);
    const eventId = await fx.event(caseId, systemActor, 'priority_changed', { from: current.priority, to: 'urgent', category });
    await fx.desk(
      { kind: 'case_event', caseId, event: 'priority_changed', priority: 'urgent' },
      `case:${caseId}:priority:${eventId}`,
      'urgent',
    );
    await fx.desk({ kind: 'card_update', caseId }, `case:${caseId}:card:${eventId}`, 'urgent');
  }

  return {
    openCase(input: OpenCaseInput): Promise<Case> {
      return inTransaction(ctx, async (tx, now) => {
        const fx = caseEffects(ctx, tx, now);
        const created = await insertCase(
          tx,
          {
            workerId: input.workerId,
            priority: input.priority,
            category: input.category,
            lang: input.lang,
            summary: input.summary ?? intakeSummary(input.workerText),
            workerText: input.workerText,
            botReply: input.botReply,
            facts: extractFacts(input.workerText) as Record<string, string[]>,
            citations: input.citations,
            slaDueAt: slaDue(ctx, input.priority, now),
          },
          now,
        );
        if (!created) {
          const active = await findWorkerCase(tx, input.workerId, ACTIVE_STATUSES);
          if (!active) throw new CaseError('The worker has an active case that could not be read', 'not_found');
          return mergeInto(tx, now, active, input);
        }
        await fx.event(created.id, systemActor, 'opened', { priority: created.priority, category: created.category });
        await fx.desk({ kind: 'case_card', caseId: created.id }, `case:${created.id}:card`, created.priority);
        const minutes = created.priority === 'urgent' ? ctx.sla.urgentMinutes : ctx.sla.normalMinutes;
        await fx.worker(created, `case:${created.id}:opened`, (lang) =>
          ctx.translate(lang, 'case-opened', { caseId: created.id, minutes }),
        );
        ctx.log.info('cases.opened', { caseId: created.id, priority: created.priority, category: created.category });
        return created;
      });
    },

    async activeCaseFor(workerId: number, worker?: Pick<Worker, 'has_case'>): Promise<Case | undefined> {
      if (worker?.has_case === false) return undefined; // read with the worker row: no case that is not closed
      if (ctx.reopenDays <= 0) return findWorkerCase(ctx.db, workerId, ACTIVE_STATUSES);
      // An active case first, else one resolved recently enough that writing again reopens it.
      return findWorkerCaseOrResolved(ctx.db, workerId, ACTIVE_STATUSES, new Date(ctx.clock().getTime() - ctx.reopenDays * DAY_MS));
    },

    addWorkerMessage(
      caseId: number,
      message: { text?: string; attachment?: Attachment },
      dedupeKey: string,
      { urgent }: { urgent?: string } = {},
    ): Promise<void> {
      return inTransaction(ctx, async (tx, now) => {
        const c = await getCase(tx, caseId, { lock: true });
        if (!c || c.forgottenAt || c.status === 'closed')
          throw new CaseError(`Case ${caseId} is closed; open a new one`, c ? 'closed' : 'not_found');
        if (!(await addMessage(tx, now, c, message, `case:${caseId}:in:${dedupeKey}`)) || !urgent) return;
        // Someone is at risk now: whoever holds the case may be away, so the on-duty group is called too.
        await raiseToUrgent(tx, now, caseId, urgent);
        const fx = caseEffects(ctx, tx, now);
        await fx.event(caseId, workerActor, 'urgent_message', { category: urgent });
        await fx.desk({ kind: 'urgent_alert', caseId, category: urgent }, `case:${caseId}:urgent:${dedupeKey}`, 'urgent');
      });
    },

    async listForWorker(workerId: number): Promise<WorkerCaseStatus[]> {
      return (await listWorkerCases(ctx.db, workerId)).map((c) => ({
        id: c.id,
        status: c.status,
        priority: c.priority,
        category: c.category,
        openedAt: new Date(c.openedAt),
      }));
    },

    rate(caseId: number, workerId: number, rating: number): Promise<void> {
      if (!Number.isInteger(rating) || rating < 1 || rating > 5)
        throw new CaseError('A rating is a whole number from 1 to 5', 'invalid_rating');
      return inTransaction(ctx, async (tx, now) => {
        const fx = caseEffects(ctx, tx, now);
        const c = await updateCaseIf(tx, caseId, [...ACTIVE_STATUSES, 'resolved', 'closed'], { rating, ratedAt: now }, now, { workerId });
        if (!c) throw new CaseError(`Case ${caseId} is not this worker's`, 'not_found');
        const eventId = await fx.event(caseId, workerActor, 'rated', { rating });
        await fx.worker(c, `case:${caseId}:rated`, (lang) => ctx.translate(lang, 'case-rating-thanks', { caseId, rating }));
        await fx.desk({ kind: 'case_event', caseId, event: 'rated', rating }, `case:${caseId}:rated:${eventId}`);
        await fx.desk({ kind: 'card_update', caseId }, `case:${caseId}:card:${eventId}`, 'urgent');
      });
    },

    forgetWorker(workerId: number): Promise<void> {
      return inTransaction(ctx, async (tx, now) => {
        const fx = caseEffects(ctx, tx, now);
        for (const c of await eraseWorkerCases(tx, workerId, now)) {
          const eventId = await fx.event(c.id, workerActor, 'forgotten', { closed: c.wasActive });
          await fx.desk({ kind: 'redact', caseId: c.id }, `case:${c.id}:redact:${eventId}`);
          await fx.desk({ kind: 'case_event', caseId: c.id, event: 'forgotten' }, `case:${c.id}:forgotten:${eventId}`);
          await fx.desk({ kind: 'card_update', caseId: c.id }, `case:${c.id}:card:${eventId}`);
        }
      });
    },
  };
}
