/**
 * The staff's side of a case, called by desks after they checked the person is staff: claim, send to the
 * worker, keep a note, resolve, change priority, look at the queue. Every change is conditional on the state it starts from,
 * so double clicks and Slack's event retries change nothing the second time.
 */

import { setReplyOutboxItem } from '../store/case-reply-store.js';
import {
  ACTIVE_STATUSES,
  appendCaseEvent,
  type CasePatch,
  type CasePriority,
  type CaseRecord,
  findCaseByDeskRef,
  getCase,
  insertCaseMessage,
  listAssigned,
  listQueue,
  updateCaseIf,
} from '../store/case-store.js';
import type { Db } from '../store/db.js';
import { loadCard, loadCards } from './case-card.js';
import { type CaseContext, caseEffects, inTransaction, slaDue, staffActor } from './case-effects.js';
import { followUps } from './follow-up.js';
import { staffReplyKey } from './reply-receipts.js';
import { type Case, type CaseCard, CaseError, type ClaimResult, type DeskRef, type Staff } from './types.js';

export function staffSide(ctx: CaseContext) {
  async function result(caseId: number, changed: boolean): Promise<ClaimResult> {
    const card = await loadCard(ctx.db, caseId);
    if (!card) throw new CaseError(`There is no case ${caseId}`, 'not_found');
    return { changed, card };
  }

  function sign(lang: 'zh' | 'en', text: string, staff: Staff): string {
    return ctx.signature === 'name'
      ? ctx.translate(lang, 'case-staff-reply-named', { text, name: staff.name })
      : ctx.translate(lang, 'case-staff-reply', { text });
  }

  /** The case, locked, if staff may still write in it. */
  async function writable(tx: Db, caseId: number, refused: string): Promise<CaseRecord> {
    const c = await getCase(tx, caseId, { lock: true });
    if (!c) throw new CaseError(`There is no case ${caseId}`, 'not_found');
    if (c.forgottenAt || c.status === 'closed') throw new CaseError(`Case ${caseId} is closed: ${refused}`, 'closed');
    return c;
  }

  return {
    card: (caseId: number): Promise<CaseCard | undefined> => loadCard(ctx.db, caseId),

    findByDeskRef: (ref: DeskRef): Promise<Case | undefined> => findCaseByDeskRef(ctx.db, ref.channel, ref.ts),

    async claim(caseId: number, staff: Staff): Promise<ClaimResult> {
      const changed = await inTransaction(ctx, async (tx, now) => {
        const c = await updateCaseIf(
          tx,
          caseId,
          ['open'],
          { status: 'claimed', assigneeId: staff.id, assigneeName: staff.name, claimedAt: now },
          now,
        );
        if (!c) return false;
        const fx = caseEffects(ctx, tx, now);
        const eventId = await fx.event(caseId, staffActor(staff), 'claimed');
        await fx.desk({ kind: 'card_update', caseId }, `case:${caseId}:card:${eventId}`);
        await fx.desk({ kind: 'case_event', caseId, event: 'claimed', by: staff }, `case:${caseId}:claimed:${eventId}`);
        await fx.worker(c, `case:${caseId}:worker:claimed:${eventId}`, (lang) => ctx.translate(lang, 'case-claimed', { caseId }));
        return true;
      });
      return result(caseId, changed);
    },

    staffReply(caseId: number, staff: Staff, text: string, dedupeKey: string): Promise<void> {
      return inTransaction(ctx, async (tx, now) => {
        const c = await writable(tx, caseId, 'the reply was not sent');
        const key = staffReplyKey(caseId, dedupeKey);
        const messageId = await insertCaseMessage(
          tx,
          { caseId, author: 'staff', staffId: staff.id, staffName: staff.name, text, dedupeKey: key },
          now,
        );
        if (messageId === undefined) return; // Slack retried the event: relayed already
        const fx = caseEffects(ctx, tx, now);
        const patch: CasePatch = {};
        if (c.status !== 'resolved') patch.status = 'waiting_on_worker';
        if (!c.firstResponseAt) patch.firstResponseAt = now;
        if (c.status === 'open') Object.assign(patch, { assigneeId: staff.id, assigneeName: staff.name, claimedAt: now });
        if (Object.keys(patch).length) await updateCaseIf(tx, caseId, [c.status], patch, now);
        if (c.status === 'open') await fx.event(caseId, staffActor(staff), 'claimed', { byReply: true });
        await fx.event(caseId, staffActor(staff), 'staff_reply', { messageId });
        const outboxId = await fx.worker(c, key, (lang) => sign(lang, text, staff));
        if (outboxId !== undefined) await setReplyOutboxItem(tx, messageId, outboxId);
        if (patch.status && patch.status !== c.status)
          await fx.desk({ kind: 'card_update', caseId }, `case:${caseId}:card:reply:${messageId}`);
      });
    },

    staffNote(caseId: number, staff: Staff, text: string, dedupeKey: string): Promise<void> {
      return inTransaction(ctx, async (tx, now) => {
        await writable(tx, caseId, 'the note was not kept');
        const key = `case:${caseId}:note:${dedupeKey}`;
        const messageId = await insertCaseMessage(
          tx,
          { caseId, author: 'staff', staffId: staff.id, staffName: staff.name, text, internal: true, dedupeKey: key },
          now,
        );
        if (messageId === undefined) return;
        await caseEffects(ctx, tx, now).desk({ kind: 'staff_note', caseId, messageId }, `case:${caseId}:note:${messageId}`);
      });
    },

    async resolve(caseId: number, staff: Staff): Promise<ClaimResult> {
      const changed = await inTransaction(ctx, async (tx, now) => {
        const before = await getCase(tx, caseId, { lock: true });
        if (!before) throw new CaseError(`There is no case ${caseId}`, 'not_found');
        const c = await updateCaseIf(
          tx,
          caseId,
          ACTIVE_STATUSES,
          {
            status: 'resolved',
            resolvedAt: now,
            assigneeId: before.assigneeId ?? staff.id,
            assigneeName: before.assigneeName ?? staff.name,
          },
          now,
        );
        if (!c) return false;
        const fx = caseEffects(ctx, tx, now);
        const eventId = await fx.event(caseId, staffActor(staff), 'resolved');
        await fx.desk({ kind: 'card_update', caseId }, `case:${caseId}:card:${eventId}`);
        await fx.desk({ kind: 'case_event', caseId, event: 'resolved', by: staff }, `case:${caseId}:resolved:${eventId}`);
        await fx.worker(c, `case:${caseId}:worker:resolved:${eventId}`, (lang) => ctx.translate(lang, 'case-resolved', { caseId }), {
          ratingForCase: caseId,
        });
        if (c.followUpAgreed === null) await followUps(ctx).askConsent(fx, c, `case:${caseId}:follow-up-consent`);
        return true;
      });
      return result(caseId, changed);
    },

    async changePriority(caseId: number, staff: Staff, priority: CasePriority): Promise<ClaimResult> {
      const changed = await inTransaction(ctx, async (tx, now) => {
        const before = await getCase(tx, caseId, { lock: true });
        if (!before) throw new CaseError(`There is no case ${caseId}`, 'not_found');
        if (before.priority === priority || !ACTIVE_STATUSES.includes(before.status)) return false;
        const patch: CasePatch = { priority };
        if (before.status === 'open')
          Object.assign(patch, { slaDueAt: slaDue(ctx, priority, before.reopenedAt ?? before.openedAt), slaRemindedAt: null });
        await updateCaseIf(tx, caseId, [before.status], patch, now);
        const fx = caseEffects(ctx, tx, now);
        const eventId = await fx.event(caseId, staffActor(staff), 'priority_changed', { from: before.priority, to: priority });
        await fx.desk({ kind: 'card_update', caseId }, `case:${caseId}:card:${eventId}`);
        await fx.desk({ kind: 'case_event', caseId, event: 'priority_changed', by: staff, priority }, `case:${caseId}:priority:${eventId}`);
        return true;
      });
      return result(caseId, changed);
    },

    async queue(): Promise<CaseCard[]> {
      return loadCards(ctx.db, await listQueue(ctx.db));
    },

    async assignedTo(staffId: string): Promise<CaseCard[]> {
      return loadCards(ctx.db, await listAssigned(ctx.db, staffId));
    },

    async recordRefusal(caseId: number | undefined, who: Staff, action: string): Promise<void> {
      ctx.log.warn('cases.refused', { caseId, userId: who.id, action });
      if (caseId === undefined || !(await getCase(ctx.db, caseId))) return;
      await appendCaseEvent(
        ctx.db,
        { caseId, actorKind: 'other', actorId: who.id, actorName: who.name, kind: 'refused', detail: { action } },
        ctx.clock(),
      );
    },
  };
}
