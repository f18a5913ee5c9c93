/** SQL for the outbox table (see outbox/outbox.ts for the delivery loop). */
import type { Db } from './db.js';

export interface NewOutboxItem {
  channel: string;
  /** Ordering key: items of one stream are delivered one at a time, in id order. */
  stream: string;
  kind: string;
  payload: unknown;
  /** Enqueueing the same key twice stores one item. */
  dedupeKey?: string;
}

export interface OutboxRow {
  id: number;
  channel: string;
  stream: string;
  kind: string;
  payload: unknown;
  attempts: number;
  status: 'pending' | 'sending' | 'sent' | 'dead';
  result: unknown;
  last_error: string | null;
}

/** Inserts an item (inside the caller's transaction when `db` is one). Returns its id, or the existing one. */
export async function insertOutboxItem(db: Db, item: NewOutboxItem, now: Date): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into outbox (channel, stream, kind, dedupe_key, payload, next_attempt_at)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (dedupe_key) do nothing
     returning id::int`,
    [item.channel, item.stream, item.kind, item.dedupeKey ?? null, JSON.stringify(item.payload), now],
  );
  if (row) return row.id;
  const [existing] = await db.query<{ id: number }>('select id::int from outbox where dedupe_key = $1', [item.dedupeKey]);
  return existing!.id;
}

/**
 * Claims up to `limit` due items for delivery: only the head of each stream, skipping rows another replica
 * holds. A claim is a lease (`locked_until`); an item whose lease ran out (its process died) is claimed again.
 */
export async function claimDueOutboxItems(db: Db, { channels, limit, now, leaseMs }: { channels: string[]; limit: number; now: Date; leaseMs: number }): Promise<OutboxRow[]> {
  return db.transaction(async (tx) => {
    const ids = (await tx.query<{ id: number }>(
      `select o.id::int from outbox o
        where o.id in (
          select distinct on (stream) id from outbox
           where status in ('pending', 'sending') and channel = any($1::text[])
           order by stream, id)
          and ((o.status = 'pending' and o.next_attempt_at <= $2) or (o.status = 'sending' and o.locked_until < $2))
        order by o.id
        limit $3
        for update skip locked`,
      [channels, now, limit],
    )).map((r) => r.id);
    if (ids.length === 0) return [];
    return tx.query<OutboxRow>(
      `update outbox set status = 'sending', attempts = attempts + 1, locked_until = $2
        where id = any($1::bigint[])
        returning id::int, channel, stream, kind, payload, attempts, status, result, last_error`,
      [ids, new Date(now.getTime() + leaseMs)],
    ).then((rows) => rows.sort((a, b) => a.id - b.id));
  });
}

export async function markOutboxSent(db: Db, id: number, result: unknown, now: Date): Promise<void> {
  await db.query(
    `update outbox set status = 'sent', sent_at = $3, result = $2, locked_until = null, last_error = null where id = $1`,
    [id, JSON.stringify(result ?? null), now],
  );
}

export async function rescheduleOutboxItem(db: Db, id: number, at: Date, error: string): Promise<void> {
  await db.query(
    `update outbox set status = 'pending', next_attempt_at = $2, locked_until = null, last_error = $3 where id = $1`,
    [id, at, error],
  );
}

export async function markOutboxDead(db: Db, id: number, error: string): Promise<void> {
  await db.query(`update outbox set status = 'dead', locked_until = null, last_error = $2 where id = $1`, [id, error]);
}

export async function getOutboxItem(db: Db, id: number): Promise<OutboxRow | undefined> {
  const [row] = await db.query<OutboxRow>(
    'select id::int, channel, stream, kind, payload, attempts, status, result, last_error from outbox where id = $1',
    [id],
  );
  return row;
}

/** Counts by status (and `total`), optionally of one kind, for /healthz, tests and benchmarks. */
export async function outboxCounts(db: Db, kind?: string): Promise<Record<string, number>> {
  const rows = await db.query<{ status: string; n: number }>(
    'select status, count(*)::int as n from outbox where $1::text is null or kind = $1 group by status', [kind ?? null]);
  return Object.fromEntries([...rows.map((r) => [r.status, r.n] as const), ['total', rows.reduce((a, r) => a + r.n, 0)]]);
}

/** When the next pending item falls due, or undefined when none is pending. */
export async function nextOutboxDue(db: Db, channels: string[]): Promise<Date | undefined> {
  const [row] = await db.query<{ at: Date | null }>(
    `select min(coalesce(case when status = 'sending' then locked_until end, next_attempt_at)) as at
       from outbox where status in ('pending', 'sending') and channel = any($1::text[])`,
    [channels],
  );
  return row?.at ? new Date(row.at) : undefined;
}
