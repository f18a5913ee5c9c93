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
  /** Once delivered (or given up on), the payload is erased and the stream renamed (after /forget). */
  eraseWhenSent?: boolean;
  /** Higher goes out first when items wait (after an outage); default 0. Urgent cases use 1. */
  priority?: number;
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
  priority: number;
  /** The key it was enqueued with (e.g. `reply:<inbound id>`, `case:<id>:reply:…`), or null. */
  dedupe_key: string | null;
}

/** Inserts an item (inside the caller's transaction when `db` is one). Returns its id, or the existing one. */
export async function insertOutboxItem(db: Db, item: NewOutboxItem, now: Date): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into outbox (channel, stream, kind, dedupe_key, payload, next_attempt_at, erase_when_sent, priority)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (dedupe_key) do nothing
     returning id::int`,
    [
      item.channel,
      item.stream,
      item.kind,
      item.dedupeKey ?? null,
      JSON.stringify(item.payload),
      now,
      item.eraseWhenSent ?? false,
      item.priority ?? 0,
    ],
  );
  if (row) return row.id;
  const [existing] = await db.query<{ id: number }>('select id::int from outbox where dedupe_key = $1', [item.dedupeKey]);
  return existing!.id;
}

/**
 * Claims up to `limit` due items for delivery: only the head of each stream, skipping rows another replica
 * holds, the highest priority first, then the oldest. A claim is a lease (`locked_until`); an item whose lease
 * ran out (its process died) is claimed again.
 */
export async function claimDueOutboxItems(
  db: Db,
  { channels, limit, now, leaseMs }: { channels: string[]; limit: number; now: Date; leaseMs: number },
): Promise<OutboxRow[]> {
  // One statement (its own transaction): the heads are picked and locked in the sub-select, then leased.
  const rows = await db.query<OutboxRow>(
    `update outbox set status = 'sending', attempts = attempts + 1, locked_until = $4
      where id = any(array(
        select o.id from outbox o
         where o.id in (
           select distinct on (stream) id from outbox
            where status in ('pending', 'sending') and channel = any($1::text[])
            order by stream, id)
           and ((o.status = 'pending' and o.next_attempt_at <= $2) or (o.status = 'sending' and o.locked_until < $2))
         order by o.priority desc, o.id
         limit $3
         for update skip locked))
      returning id::int, channel, stream, kind, payload, attempts, status, result, last_error, priority, dedupe_key`,
    [channels, now, limit, new Date(now.getTime() + leaseMs)],
  );
  return rows.sort((a, b) => b.priority - a.priority || a.id - b.id);
}

/** Sets what an item erased when it is done (`erase_when_sent`): its payload, and the chat id in its stream. */
const erasure = `payload = case when erase_when_sent then '{}'::jsonb else payload end,
  stream = case when erase_when_sent then 'erased:' || id else stream end`;

/** Returns true when the item's payload was erased with it (`erase_when_sent`). */
export async function markOutboxSent(db: Db, id: number, result: unknown, now: Date): Promise<boolean> {
  const [row] = await db.query<{ erased: boolean }>(
    `update outbox set status = 'sent', sent_at = $3, result = $2, locked_until = null, last_error = null, ${erasure}
      where id = $1 returning erase_when_sent as erased`,
    [id, JSON.stringify(result ?? null), now],
  );
  return row?.erased === true;
}

export async function rescheduleOutboxItem(db: Db, id: number, at: Date, error: string): Promise<void> {
  await db.query(`update outbox set status = 'pending', next_attempt_at = $2, locked_until = null, last_error = $3 where id = $1`, [
    id,
    at,
    error,
  ]);
}

/** Returns true when the item's payload was erased with it (`erase_when_sent`). */
export async function markOutboxDead(db: Db, id: number, error: string, now: Date): Promise<boolean> {
  const [row] = await db.query<{ erased: boolean }>(
    `update outbox set status = 'dead', locked_until = null, last_error = $2, dead_at = $3, ${erasure} where id = $1 returning erase_when_sent as erased`,
    [id, error, now],
  );
  return row?.erased === true;
}

/** Hands every claimed item back (a start on a store this process alone owns). Returns how many. */
export async function releaseOutboxLeases(db: Db): Promise<number> {
  const rows = await db.query(`update outbox set status = 'pending', locked_until = null where status = 'sending' returning id`);
  return rows.length;
}

export async function getOutboxItem(db: Db, id: number): Promise<OutboxRow | undefined> {
  const [row] = await db.query<OutboxRow>(
    'select id::int, channel, stream, kind, payload, attempts, status, result, last_error, priority, dedupe_key from outbox where id = $1',
    [id],
  );
  return row;
}

/** Counts by status (and `total`), optionally of one kind, for /healthz, tests and benchmarks. */
export async function outboxCounts(db: Db, kind?: string): Promise<Record<string, number>> {
  const rows = await db.query<{ status: string; n: number }>(
    'select status, count(*)::int as n from outbox where $1::text is null or kind = $1 group by status',
    [kind ?? null],
  );
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

export interface OutboxBacklog {
  pending: number;
  sending: number;
  dead: number;
  /** Dead letters given up on at or after `deadSince`. */
  recentDead: number;
  /** When the oldest item not yet delivered (pending or sending) was enqueued; undefined when there is none. */
  oldestUndelivered?: Date;
}

/** The outbox's state for /healthz and /metrics. Reads the partial indexes only, never the sent rows. */
export async function outboxBacklog(db: Db, deadSince: Date): Promise<OutboxBacklog> {
  const [row] = await db.query<{ pending: number; sending: number; dead: number; recent_dead: number; oldest: Date | null }>(
    `select
       (select count(*) from outbox where status = 'pending')::int as pending,
       (select count(*) from outbox where status = 'sending')::int as sending,
       (select min(created_at) from outbox where status in ('pending', 'sending')) as oldest,
       (select count(*) from outbox where status = 'dead')::int as dead,
       (select count(*) from outbox where status = 'dead' and dead_at >= $1)::int as recent_dead`,
    [deadSince],
  );
  return {
    pending: row!.pending,
    sending: row!.sending,
    dead: row!.dead,
    recentDead: row!.recent_dead,
    oldestUndelivered: row!.oldest ? new Date(row!.oldest) : undefined,
  };
}

/** A dead letter as admins see it: no payload and no stream (they hold workers' chats and words). */
export interface DeadLetter {
  id: number;
  channel: string;
  kind: string;
  attempts: number;
  /** The last failure, masked when it was stored. */
  lastError: string | null;
  /** The case a staff-desk item is about, when it is one. */
  caseId: number | null;
  createdAt: Date;
  deadAt: Date | null;
}

/** The most recent dead letters first. */
export async function listDeadLetters(db: Db, limit = 50): Promise<DeadLetter[]> {
  const rows = await db.query<{
    id: number;
    channel: string;
    kind: string;
    attempts: number;
    last_error: string | null;
    case_id: number | null;
    created_at: Date;
    dead_at: Date | null;
  }>(
    `select id::int, channel, kind, attempts, last_error, created_at, dead_at,
            case when jsonb_typeof(payload->'caseId') = 'number' then (payload->>'caseId')::int end as case_id
       from outbox where status = 'dead'
      order by dead_at desc nulls last, id desc
      limit $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    kind: r.kind,
    attempts: r.attempts,
    lastError: r.last_error,
    caseId: r.case_id,
    createdAt: new Date(r.created_at),
    deadAt: r.dead_at ? new Date(r.dead_at) : null,
  }));
}

/**
 * Puts dead letters back in the queue, due now, with a fresh count of attempts: one by id, or all.
 * Returns the ids put back (none when the id is not a dead letter).
 */
export async function requeueDeadLetters(db: Db, which: number | 'all', now: Date): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `update outbox set status = 'pending', attempts = 0, next_attempt_at = $2, locked_until = null, dead_at = null
      where status = 'dead' and ($1::bigint is null or id = $1)
      returning id::int`,
    [which === 'all' ? null : which, now],
  );
  return rows.map((r) => r.id).sort((a, b) => a - b);
}
