/**
 * Tells a case's thread what happened to each staff message sent to the worker: delivered (with the time
 * the worker's channel accepted it) or given up on. The outbox's observer reports at once; the SLA clock's
 * sweep reports what a crash between delivery and report left out. Either way once per message.
 *
 * @example
 *   outbox.observe((item, outcome) => observeReply(ctx, item, outcome));
 */

import { WORKER_MESSAGE } from '../conversation/worker-outbox.js';
import type { OutboxRow } from '../outbox/outbox.js';
import { carriesUnreportedReply, listUnreportedReplies, markReplyOutcome, type ReplyOutcome } from '../store/case-reply-store.js';
import { type CaseContext, caseEffects, inTransaction } from './case-effects.js';

async function report(ctx: CaseContext, outboxId: number, outcome: ReplyOutcome, at: Date): Promise<boolean> {
  return inTransaction(ctx, async (tx, now) => {
    const message = await markReplyOutcome(tx, outboxId, outcome, at);
    if (!message) return false;
    await caseEffects(ctx, tx, now).desk(
      { kind: 'reply_outcome', caseId: message.caseId, messageId: message.id, outcome },
      `case:${message.caseId}:reply-outcome:${message.id}`,
    );
    return true;
  });
}

/** The outbox dedupe key of a staff message to the worker (staffReply): the only items a case message points to. */
export const staffReplyKey = (caseId: number, dedupeKey: string) => `case:${caseId}:reply:${dedupeKey}`;
const staffReplyKeyShape = /^case:\d+:reply:/;

/** The outbox observer: a worker message that carried a staff reply was delivered or given up on. */
export async function observeReply(ctx: CaseContext, item: OutboxRow, outcome: 'sent' | 'dead'): Promise<void> {
  // Only an item keyed as a staff reply can carry one (the bot's own replies are keyed `reply:<inbound id>`…):
  // the others need no look at all; those that can, one indexed look, no transaction, when they carry none.
  if (item.kind !== WORKER_MESSAGE || (item.dedupe_key != null && !staffReplyKeyShape.test(item.dedupe_key))) return;
  if (!(await carriesUnreportedReply(ctx.db, item.id))) return;
  await report(ctx, item.id, outcome === 'sent' ? 'delivered' : 'undelivered', ctx.clock());
}

/** Reports the outcomes the observer missed (the process stopped right after a delivery). Returns how many. */
export async function sweepReplyOutcomes(ctx: CaseContext): Promise<number> {
  let reported = 0;
  for (const r of await listUnreportedReplies(ctx.db)) if (await report(ctx, r.outboxId, r.outcome, r.at)) reported++;
  return reported;
}
