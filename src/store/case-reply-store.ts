/**
 * SQL for staff messages sent to the worker: which outbox item carries each one, and whether the thread
 * was told it arrived (or could not be delivered). Marking is conditional, so the outbox's observer and the
 * SLA clock's sweep (after a crash between the two) tell the thread once.
 */
import type { Db } from './db.js';

export async function setReplyOutboxItem(db: Db, messageId: number, outboxId: number): Promise<void> {
  await db.query('update case_messages set outbox_id = $2 where id = $1', [messageId, outboxId]);
}

export type ReplyOutcome = 'delivered' | 'undelivered';

/** True when the outbox item carries a staff reply whose outcome the thread was not told yet. */
export async function carriesUnreportedReply(db: Db, outboxId: number): Promise<boolean> {
  const rows = await db.query('select 1 from case_messages where outbox_id = $1 and delivered_at is null and undelivered_at is null', [
    outboxId,
  ]);
  return rows.length > 0;
}

/**
 * Records the outcome of the outbox item carrying a staff reply; returns the message when this call
 * recorded it (undefined when the item carries no reply, or the outcome was recorded already).
 */
export async function markReplyOutcome(
  db: Db,
  outboxId: number,
  outcome: ReplyOutcome,
  at: Date,
): Promise<{ id: number; caseId: number } | undefined> {
  const column = outcome === 'delivered' ? 'delivered_at' : 'undelivered_at';
  const [row] = await db.query<{ id: number; caseId: number }>(
    `update case_messages set ${column} = $2
      where outbox_id = $1 and delivered_at is null and undelivered_at is null
      returning id::int, case_id::int as "caseId"`,
    [outboxId, at],
  );
  return row;
}

/** Replies whose outbox item is done (sent or dead) but whose outcome the thread was not told. */
export async function listUnreportedReplies(db: Db, limit = 200): Promise<Array<{ outboxId: number; outcome: ReplyOutcome; at: Date }>> {
  const rows = await db.query<{ outbox_id: number; status: string; at: Date }>(
    `select m.outbox_id::int, o.status, coalesce(o.sent_at, o.dead_at, now()) as at
       from case_messages m join outbox o on o.id = m.outbox_id
      where m.outbox_id is not null and m.delivered_at is null and m.undelivered_at is null and o.status in ('sent', 'dead')
      order by m.id limit $1`,
    [limit],
  );
  return rows.map((r) => ({ outboxId: r.outbox_id, outcome: r.status === 'sent' ? 'delivered' : 'undelivered', at: new Date(r.at) }));
}
