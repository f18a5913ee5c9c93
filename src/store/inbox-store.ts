/** SQL for inbound_messages: every incoming message is stored before it is handled. */
import type { Db } from './db.js';

export interface InboundMessage {
  id: number;
  channel: string;
  external_id: string;
  worker_id: number | null;
  payload: unknown;
  status: 'received' | 'handled' | 'failed';
}

/**
 * Stores an incoming message once. `duplicate` is true when this channel id was stored before (a
 * redelivered webhook, a restart): the caller must not handle it again unless it is still 'received'.
 */
export async function recordInbound(
  db: Db,
  msg: { channel: string; externalId: string; workerId?: number | null; payload: unknown },
): Promise<{ message: InboundMessage; duplicate: boolean }> {
  const [inserted] = await db.query<InboundMessage>(
    `insert into inbound_messages (channel, external_id, worker_id, payload) values ($1, $2, $3, $4)
     on conflict (channel, external_id) do nothing
     returning id::int, channel, external_id, worker_id::int, payload, status`,
    [msg.channel, msg.externalId, msg.workerId ?? null, JSON.stringify(msg.payload)],
  );
  if (inserted) return { message: inserted, duplicate: false };
  const [existing] = await db.query<InboundMessage>(
    `select id::int, channel, external_id, worker_id::int, payload, status from inbound_messages
      where channel = $1 and external_id = $2`,
    [msg.channel, msg.externalId],
  );
  return { message: existing!, duplicate: true };
}

export async function markInbound(db: Db, id: number, status: 'handled' | 'failed', error?: string): Promise<void> {
  await db.query(`update inbound_messages set status = $2, error = $3, handled_at = now() where id = $1`, [id, status, error ?? null]);
}

/** Messages stored but never handled (the process stopped in between), oldest first. */
export async function listUnhandledInbound(db: Db, channel: string, limit = 500): Promise<InboundMessage[]> {
  return db.query<InboundMessage>(
    `select id::int, channel, external_id, worker_id::int, payload, status from inbound_messages
      where channel = $1 and status = 'received' order by id limit $2`,
    [channel, limit],
  );
}
