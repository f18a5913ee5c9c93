/**
 * Delivers the `staffdesk` outbox items through a StaffDesk (Slack, the console). Cards are rendered from
 * the case as it is at delivery time, so a late update shows the latest state and a /forget that happened
 * meanwhile is respected. Each post the desk accepted is written down at once (`case_desk_posts`): when the
 * process dies before the outbox marks the item sent, the retry finds it and does not post a second card.
 *
 * @example
 *   outbox.register(STAFF_DESK_CHANNEL, createStaffDeskDeliverer({ db, desk }), { onDead: deskDeadLetter(log) });
 */

import type { Attachment } from '../conversation/types.js';
import { type Logger, silentLogger } from '../log.js';
import type { Deliverer, DelivererHooks, OutboxRow } from '../outbox/outbox.js';
import { maskCardNumbers } from '../privacy/mask.js';
import { findDeskPost, listWorkerTextPosts, recordDeskPost } from '../store/case-desk-store.js';
import { getCaseMessage, setCaseDeskRef } from '../store/case-store.js';
import { type Db, persist } from '../store/db.js';
import { loadCard } from './case-card.js';
import type { DeskItem } from './case-effects.js';
import type { CaseCard, DeskMessage, DeskRef, StaffDesk } from './types.js';

export { STAFF_DESK_CHANNEL } from './case-effects.js';

export interface StaffDeskDelivererOptions {
  db: Db;
  desk: StaffDesk;
  clock?: () => Date;
  log?: Logger;
}

export function createStaffDeskDeliverer({ db, desk, clock = () => new Date(), log = silentLogger }: StaffDeskDelivererOptions): Deliverer {
  const remember = (item: OutboxRow, caseId: number, ref: DeskRef, workerText = false) =>
    persist(() =>
      recordDeskPost(db, { outboxId: item.id, caseId, kind: item.kind, channel: ref.channel, ts: ref.ts, workerText }, clock()),
    );

  /** The card's place on the desk, posting the card first if it is not there yet (its own item died). */
  async function cardRef(item: OutboxRow, card: CaseCard): Promise<DeskRef> {
    if (card.deskRef) return card.deskRef;
    const ref = await desk.postCard(card);
    await remember(item, card.id, ref);
    const first = await setCaseDeskRef(db, card.id, ref.channel, ref.ts);
    log.info('staffdesk.card_posted', { caseId: card.id, late: item.kind !== 'case_card' });
    return first ? ref : ((await loadCard(db, card.id))?.deskRef ?? ref);
  }

  async function post(item: OutboxRow, card: CaseCard, message: DeskMessage, inThread: boolean, workerText = false): Promise<DeskRef> {
    const thread = await cardRef(item, card);
    const ref = await desk.post(message, inThread ? thread : undefined);
    await remember(item, card.id, ref, workerText);
    return ref;
  }

  return async (item) => {
    const done = await findDeskPost(db, item.id);
    if (done) return done;
    const p = item.payload as DeskItem;
    const card = await loadCard(db, p.caseId);
    if (!card) {
      log.warn('staffdesk.no_case', { outboxId: item.id, caseId: p.caseId });
      return null;
    }
    switch (p.kind) {
      case 'case_card':
        return cardRef(item, card);
      case 'card_update': {
        const hadRef = card.deskRef !== undefined;
        const ref = await cardRef(item, card);
        if (hadRef) await desk.updateCard(ref, card);
        return ref;
      }
      case 'thread_message': {
        const m = await getCaseMessage(db, p.messageId);
        const message: DeskMessage = {
          kind: 'worker_message',
          caseId: card.id,
          from: card.worker,
          text: m?.text ? maskCardNumbers(m.text) : null,
          attachment: (m?.attachment as Attachment | null | undefined) ?? null,
        };
        return post(item, card, message, true, true);
      }
      case 'case_event':
        return post(
          item,
          card,
          { kind: 'case_event', caseId: card.id, event: p.event, by: p.by, priority: p.priority, rating: p.rating, note: p.note },
          true,
        );
      case 'staff_note':
      case 'reply_outcome': {
        const m = await getCaseMessage(db, p.messageId);
        const by = { id: m?.staffId ?? '?', name: m?.staffName ?? '?' };
        const text = m?.text ?? null;
        const message: DeskMessage =
          p.kind === 'staff_note'
            ? { kind: 'staff_note', caseId: card.id, by, text }
            : p.outcome === 'delivered'
              ? { kind: 'reply_delivered', caseId: card.id, by, text, at: new Date(m?.deliveredAt ?? clock()) }
              : { kind: 'reply_undelivered', caseId: card.id, by, text };
        // Staff texts quote the worker: redacted with the worker's own words after /forget.
        return post(item, card, message, true, true);
      }
      case 'urgent_alert':
        return post(item, card, { kind: 'urgent_alert', caseId: card.id, category: p.category, card: card.deskRef }, false);
      case 'sla_reminder':
        return post(
          item,
          card,
          {
            kind: 'sla_reminder',
            caseId: card.id,
            priority: card.priority,
            category: card.category,
            waitingMinutes: p.waitingMinutes,
            card: card.deskRef,
          },
          false,
        );
      case 'redact': {
        const posts = await listWorkerTextPosts(db, card.id);
        for (const ref of posts) await desk.redact(ref);
        return { redacted: posts.length };
      }
      default:
        log.error('staffdesk.unknown_kind', { outboxId: item.id, kind: item.kind });
        return null;
    }
  };
}

/** Outbox hooks for the staff desk: a post given up on is an operator's problem, said loudly. */
export function staffDeskHooks(log: Logger): DelivererHooks {
  return {
    onDead: (item, error) => {
      log.error('staffdesk.dead', { outboxId: item.id, kind: item.kind, caseId: (item.payload as { caseId?: number }).caseId, error });
    },
  };
}
