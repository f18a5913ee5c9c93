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

export interface NewInbound {
  channel: string;
  /** The channel's id for the message (Telegram: update_id). */
  externalId: string;
  /** What else identifies it, when the channel's id can be reused (Telegram: a hash of chat and message id). */
  fingerprint?: string;
  /** The channel's user id of who sent it, so /forget finds it even when no worker was linked. */
  sender?: string | null;
  workerId?: number | null;
  payload: unknown;
}

const columns = 'id::int, channel, external_id, worker_id::int, payload, status';

/**
 * Stores an incoming message once. `duplicate` is true when this message (channel id and fingerprint) was
 * stored before (a redelivered webhook, a restart): the caller must not handle it again unless it is still
 * 'received'.
 */
export async function recordInbound(db: Db, msg: NewInbound): Promise<{ message: InboundMessage; duplicate: boolean }> {
  const key = [msg.channel, msg.externalId, msg.fingerprint ?? ''];
  const [inserted] = await db.query<InboundMessage>(
    `insert into inbound_messages (channel, external_id, fingerprint, sender, worker_id, payload) values ($1, $2, $3, $4, $5, $6)
     on conflict (channel, external_id, fingerprint) do nothing
     returning ${columns}`,
    [...key, msg.sender ?? null, msg.workerId ?? null, JSON.stringify(msg.payload)],
  );
  if (inserted) return { message: inserted, duplicate: false };
  const [existing] = await db.query<InboundMessage>(
    `select ${columns} from inbound_messages where channel = $1 and external_id = $2 and fingerprint = $3`,
    key,
  );
  return { message: existing!, duplicate: true };
}

/**
 * Records a message the database refused to store as it is (e.g. a NUL character, which jsonb cannot hold):
 * failed at once, with the reason and without the payload, so it is acknowledged and passed over.
 * Returns its id (the existing one when it was refused before).
 */
export async function recordRefusedInbound(
  db: Db,
  msg: Omit<NewInbound, 'payload' | 'workerId'> & { reason: string },
): Promise<{ id: number; duplicate: boolean }> {
  const key = [msg.channel, msg.externalId, msg.fingerprint ?? ''];
  const [inserted] = await db.query<{ id: number }>(
    `insert into inbound_messages (channel, external_id, fingerprint, sender, payload, status, error, handled_at)
     values ($1, $2, $3, $4, '{}'::jsonb, 'failed', $5, now())
     on conflict (channel, external_id, fingerprint) do nothing returning id::int`,
    [...key, msg.sender ?? null, msg.reason],
  );
  if (inserted) return { id: inserted.id, duplicate: false };
  const [existing] = await db.query<{ id: number }>(
    'select id::int from inbound_messages where channel = $1 and external_id = $2 and fingerprint = $3',
    key,
  );
  return { id: existing!.id, duplicate: true };
}

export async function markInbound(db: Db, id: number, status: 'handled' | 'failed', error?: string): Promise<void> {
  await db.query(`update inbound_messages set status = $2, error = $3, handled_at = now() where id = $1`, [id, status, error ?? null]);
}

/** Marks several stored messages handled in one statement (channels batch them). */
export async function markInboundHandled(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(`update inbound_messages set status = 'handled', handled_at = now() where id = any($1::bigint[])`, [ids]);
}

/**
 * Counts a handling failure that will happen again (not a lost connection). The message is given up on
 * ('failed') when `giveUp` says so or after `maxFailures`; else it stays 'received' for another try.
 */
export async function recordInboundFailure(
  db: Db,
  id: number,
  { reason, giveUp = false, maxFailures }: { reason: string; giveUp?: boolean; maxFailures: number },
): Promise<'received' | 'failed'> {
  const [row] = await db.query<{ status: 'received' | 'failed' }>(
    `update inbound_messages set failures = failures + 1, error = $2,
            status = case when $3 or failures + 1 >= $4 then 'failed' else status end,
            handled_at = case when $3 or failures + 1 >= $4 then now() else handled_at end
      where id = $1 returning status`,
    [id, reason, giveUp, maxFailures],
  );
  return row?.status ?? 'failed';
}

/**
 * Clears what messages received before `before` held of the worker: payload, sender, link to the worker. What
 * stays is what de-duplication needs (channel, external id, fingerprint), the status, the times and, for a
 * failed one, the reason (which names no personal data). Returns how many rows were cleared.
 */
export async function clearOldInbound(db: Db, before: Date): Promise<number> {
  const rows = await db.query(
    `update inbound_messages set payload = '{}'::jsonb, sender = null, worker_id = null
      where received_at < $1 and (payload <> '{}'::jsonb or sender is not null) returning id`,
    [before],
  );
  return rows.length;
}

/** Messages stored but never handled (the process stopped in between), oldest first. */
export async function listUnhandledInbound(db: Db, channel: string, limit = 500): Promise<InboundMessage[]> {
  return db.query<InboundMessage>(
    `select ${columns} from inbound_messages where channel = $1 and status = 'received' order by id limit $2`,
    [channel, limit],
  );
}
