/** SQL for the Telegram channel: which parts of a split message were already sent. */
import type { Db } from './db.js';

/** Part number → Telegram message id, for the parts of this outbox item already sent. */
export async function listSentParts(db: Db, outboxId: number): Promise<Map<number, number>> {
  const rows = await db.query<{ part: number; message_id: number }>(
    'select part, message_id::float8 as message_id from telegram_sent_parts where outbox_id = $1',
    [outboxId],
  );
  return new Map(rows.map((r) => [r.part, Number(r.message_id)]));
}

export async function recordSentPart(db: Db, outboxId: number, part: number, messageId: number): Promise<void> {
  await db.query('insert into telegram_sent_parts (outbox_id, part, message_id) values ($1, $2, $3) on conflict do nothing', [
    outboxId,
    part,
    messageId,
  ]);
}
