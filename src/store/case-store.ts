/**
 * SQL for the caring-person queue: cases, their messages, the append-only event log, and the staff-desk
 * posts of each case. State rules live in cases/; these functions only read and write, and the state
 * changes are conditional (`where status = any(...)`) so a double click changes nothing the second time.
 */
import type { Db } from './db.js';

export type CaseStatus = 'open' | 'claimed' | 'in_progress' | 'waiting_on_worker' | 'resolved' | 'closed';
export type CasePriority = 'urgent' | 'normal';
export const ACTIVE_STATUSES: readonly CaseStatus[] = ['open', 'claimed', 'in_progress', 'waiting_on_worker'];

export interface CaseRecord {
  id: number;
  workerId: number;
  status: CaseStatus;
  priority: CasePriority;
  category: string;
  lang: 'zh' | 'en';
  assigneeId: string | null;
  assigneeName: string | null;
  summary: string | null;
  workerText: string | null;
  botReply: string | null;
  facts: Record<string, string[]>;
  citations: Array<{ label: string; [k: string]: unknown }>;
  deskChannel: string | null;
  deskTs: string | null;
  openedAt: Date;
  claimedAt: Date | null;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  reopenedAt: Date | null;
  slaDueAt: Date | null;
  slaRemindedAt: Date | null;
  rating: number | null;
  forgottenAt: Date | null;
  /** Follow-up: the worker's consent (null: not answered), when asked, their answer. */
  followUpAgreed: boolean | null;
  followUpAskedAt: Date | null;
  followUpAnsweredAt: Date | null;
  followUpSolved: boolean | null;
}

const caseColumns = `id::int, worker_id::int as "workerId", status, priority, category, lang,
  assignee_id as "assigneeId", assignee_name as "assigneeName", summary, worker_text as "workerText",
  bot_reply as "botReply", facts, citations, desk_channel as "deskChannel", desk_ts as "deskTs",
  opened_at as "openedAt", claimed_at as "claimedAt", first_response_at as "firstResponseAt",
  resolved_at as "resolvedAt", closed_at as "closedAt", reopened_at as "reopenedAt", sla_due_at as "slaDueAt",
  sla_reminded_at as "slaRemindedAt", rating, forgotten_at as "forgottenAt", follow_up_agreed as "followUpAgreed",
  follow_up_asked_at as "followUpAskedAt", follow_up_answered_at as "followUpAnsweredAt", follow_up_solved as "followUpSolved"`;

export interface NewCase {
  workerId: number;
  priority: CasePriority;
  category: string;
  lang: string;
  summary: string;
  workerText: string;
  botReply: string;
  facts: Record<string, string[]>;
  citations: unknown[];
  slaDueAt: Date;
}

/** Inserts a case, or returns undefined when the worker already has an active one (the caller adds to it). */
export async function insertCase(db: Db, c: NewCase, now: Date): Promise<CaseRecord | undefined> {
  const [row] = await db.query<CaseRecord>(
    `insert into cases (worker_id, priority, category, lang, summary, worker_text, bot_reply, facts, citations,
                        opened_at, sla_due_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10)
     on conflict (worker_id) where status in ('open', 'claimed', 'in_progress', 'waiting_on_worker') do nothing
     returning ${caseColumns}`,
    [
      c.workerId,
      c.priority,
      c.category,
      c.lang,
      c.summary,
      c.workerText,
      c.botReply,
      JSON.stringify(c.facts),
      JSON.stringify(c.citations),
      now,
      c.slaDueAt,
    ],
  );
  return row;
}

/** What a card shows of the worker, fetched with the case in one query. */
export interface CaseWorkerFields {
  pseudonym: string;
  share_contact: boolean;
  display_name: string | null;
  username: string | null;
}

export async function getCaseWithWorker(db: Db, id: number): Promise<{ record: CaseRecord; worker: CaseWorkerFields } | undefined> {
  const [row] = await db.query<CaseRecord & { w_pseudonym: string; w_share: boolean; w_name: string | null; w_username: string | null }>(
    `select c.*, w.pseudonym as w_pseudonym, w.share_contact as w_share, w.display_name as w_name, w.username as w_username
       from (select ${caseColumns} from cases where id = $1) c join workers w on w.id = c."workerId"`,
    [id],
  );
  if (!row) return undefined;
  const { w_pseudonym, w_share, w_name, w_username, ...record } = row;
  return { record, worker: { pseudonym: w_pseudonym, share_contact: w_share, display_name: w_name, username: w_username } };
}

export async function getCase(db: Db, id: number, { lock = false } = {}): Promise<CaseRecord | undefined> {
  const [row] = await db.query<CaseRecord>(`select ${caseColumns} from cases where id = $1${lock ? ' for update' : ''}`, [id]);
  return row;
}

/** The worker's latest case in one of `statuses`, optionally only if it was resolved after `resolvedSince`. */
export async function findWorkerCase(
  db: Db,
  workerId: number,
  statuses: readonly CaseStatus[],
  resolvedSince?: Date,
): Promise<CaseRecord | undefined> {
  const [row] = await db.query<CaseRecord>(
    `select ${caseColumns} from cases
      where worker_id = $1 and status = any($2::text[]) and ($3::timestamptz is null or resolved_at >= $3)
      order by opened_at desc, id desc limit 1`,
    [workerId, statuses, resolvedSince ?? null],
  );
  return row;
}

/**
 * The worker's latest case in one of `statuses`, else (with `resolvedSince`) their latest case resolved since
 * then: findWorkerCase twice, in one statement.
 */
export async function findWorkerCaseOrResolved(
  db: Db,
  workerId: number,
  statuses: readonly CaseStatus[],
  resolvedSince: Date,
): Promise<CaseRecord | undefined> {
  const [row] = await db.query<CaseRecord>(
    `select ${caseColumns} from cases
      where worker_id = $1 and (status = any($2::text[]) or (status = 'resolved' and resolved_at >= $3))
      order by status = any($2::text[]) desc, opened_at desc, id desc limit 1`,
    [workerId, statuses, resolvedSince],
  );
  return row;
}

export async function listWorkerCases(db: Db, workerId: number): Promise<CaseRecord[]> {
  return db.query<CaseRecord>(`select ${caseColumns} from cases where worker_id = $1 order by opened_at desc, id desc`, [workerId]);
}

export async function findCaseByDeskRef(db: Db, channel: string, ts: string): Promise<CaseRecord | undefined> {
  const [row] = await db.query<CaseRecord>(`select ${caseColumns} from cases where desk_channel = $1 and desk_ts = $2`, [channel, ts]);
  return row;
}

/** Unclaimed cases, urgent first, oldest first. */
export async function listQueue(db: Db, limit = 50): Promise<CaseRecord[]> {
  return db.query<CaseRecord>(
    `select ${caseColumns} from cases where status = 'open'
      order by case priority when 'urgent' then 0 else 1 end, opened_at, id limit $1`,
    [limit],
  );
}

export async function listAssigned(db: Db, assigneeId: string, limit = 50): Promise<CaseRecord[]> {
  return db.query<CaseRecord>(
    `select ${caseColumns} from cases
      where assignee_id = $1 and status in ('claimed', 'in_progress', 'waiting_on_worker')
      order by case priority when 'urgent' then 0 else 1 end, opened_at, id limit $2`,
    [assigneeId, limit],
  );
}

export type CasePatch = Partial<{
  status: CaseStatus;
  priority: CasePriority;
  assigneeId: string | null;
  assigneeName: string | null;
  claimedAt: Date;
  firstResponseAt: Date;
  resolvedAt: Date | null;
  closedAt: Date;
  reopenedAt: Date;
  slaDueAt: Date | null;
  slaRemindedAt: Date | null;
  rating: number;
  ratedAt: Date;
}>;

const patchColumns: Record<keyof CasePatch, string> = {
  status: 'status',
  priority: 'priority',
  assigneeId: 'assignee_id',
  assigneeName: 'assignee_name',
  claimedAt: 'claimed_at',
  firstResponseAt: 'first_response_at',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
  reopenedAt: 'reopened_at',
  slaDueAt: 'sla_due_at',
  slaRemindedAt: 'sla_reminded_at',
  rating: 'rating',
  ratedAt: 'rated_at',
};

/**
 * Applies `patch` only when the case is in one of `from` (and `where` holds), so two staff clicking Claim at
 * once, or one clicking twice, change it once. Returns the updated case, or undefined when nothing matched.
 */
export async function updateCaseIf(
  db: Db,
  id: number,
  from: readonly CaseStatus[],
  patch: CasePatch,
  now: Date,
  extra?: { workerId?: number },
): Promise<CaseRecord | undefined> {
  const sets: string[] = [];
  const params: unknown[] = [id, from, now];
  for (const [key, value] of Object.entries(patch)) {
    params.push(value);
    sets.push(`${patchColumns[key as keyof CasePatch]} = $${params.length}`);
  }
  let where = 'id = $1 and status = any($2::text[])';
  if (extra?.workerId !== undefined) {
    params.push(extra.workerId);
    where += ` and worker_id = $${params.length}`;
  }
  const [row] = await db.query<CaseRecord>(
    `update cases set ${[...sets, 'updated_at = $3'].join(', ')} where ${where} returning ${caseColumns}`,
    params,
  );
  return row;
}

/** Remembers where the case's card lives on the staff desk (first writer wins: false when another did). */
export async function setCaseDeskRef(db: Db, id: number, channel: string, ts: string): Promise<boolean> {
  const rows = await db.query('update cases set desk_channel = $2, desk_ts = $3 where id = $1 and desk_ts is null returning id', [
    id,
    channel,
    ts,
  ]);
  return rows.length > 0;
}

export interface CaseMessageRecord {
  id: number;
  caseId: number;
  author: 'worker' | 'staff';
  staffId: string | null;
  staffName: string | null;
  text: string | null;
  attachment: Record<string, unknown> | null;
  /** A staff note that stays on the desk (never sent to the worker). */
  internal: boolean;
  /** A staff message to the worker: when the worker's channel accepted it. */
  deliveredAt: Date | null;
  at: Date;
}

/** Stores a message once per `dedupeKey`; returns undefined when it was already stored. */
export async function insertCaseMessage(
  db: Db,
  m: {
    caseId: number;
    author: 'worker' | 'staff';
    staffId?: string;
    staffName?: string;
    text?: string;
    attachment?: unknown;
    internal?: boolean;
    dedupeKey: string;
  },
  now: Date,
): Promise<number | undefined> {
  const [row] = await db.query<{ id: number }>(
    `insert into case_messages (case_id, author, staff_id, staff_name, text, attachment, internal, dedupe_key, at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (dedupe_key) do nothing returning id::int`,
    [
      m.caseId,
      m.author,
      m.staffId ?? null,
      m.staffName ?? null,
      m.text ?? null,
      m.attachment === undefined ? null : JSON.stringify(m.attachment),
      m.internal ?? false,
      m.dedupeKey,
      now,
    ],
  );
  return row?.id;
}

export async function getCaseMessage(db: Db, id: number): Promise<CaseMessageRecord | undefined> {
  const [row] = await db.query<CaseMessageRecord>(
    `select id::int, case_id::int as "caseId", author, staff_id as "staffId", staff_name as "staffName", text, attachment,
            internal, delivered_at as "deliveredAt", at
       from case_messages where id = $1`,
    [id],
  );
  return row;
}

export type ActorKind = 'worker' | 'staff' | 'system' | 'other';

export interface CaseEventRecord {
  id: number;
  caseId: number;
  actorKind: ActorKind;
  actorId: string | null;
  actorName: string | null;
  kind: string;
  detail: Record<string, unknown>;
  at: Date;
}

export async function appendCaseEvent(
  db: Db,
  e: {
    caseId: number;
    actorKind: ActorKind;
    actorId?: string | null;
    actorName?: string | null;
    kind: string;
    detail?: Record<string, unknown>;
  },
  now: Date,
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into case_events (case_id, actor_kind, actor_id, actor_name, kind, detail, at)
     values ($1, $2, $3, $4, $5, $6, $7) returning id::int`,
    [e.caseId, e.actorKind, e.actorId ?? null, e.actorName ?? null, e.kind, JSON.stringify(e.detail ?? {}), now],
  );
  return row!.id;
}

export async function listCaseEvents(db: Db, caseId: number): Promise<CaseEventRecord[]> {
  return db.query<CaseEventRecord>(
    `select id::int, case_id::int as "caseId", actor_kind as "actorKind", actor_id as "actorId", actor_name as "actorName",
            kind, detail, at from case_events where case_id = $1 order by id`,
    [caseId],
  );
}

/** Open cases past their SLA that were not reminded yet. */
export async function listSlaBreaches(db: Db, now: Date): Promise<CaseRecord[]> {
  return db.query<CaseRecord>(
    `select ${caseColumns} from cases where status = 'open' and sla_reminded_at is null and sla_due_at <= $1 order by sla_due_at, id`,
    [now],
  );
}

/** Marks the breach reminded; false when another replica got there first. */
export async function markSlaReminded(db: Db, id: number, dueAt: Date, now: Date): Promise<boolean> {
  const rows = await db.query(
    `update cases set sla_reminded_at = $3 where id = $1 and status = 'open' and sla_reminded_at is null and sla_due_at = $2 returning id`,
    [id, dueAt, now],
  );
  return rows.length > 0;
}

/** Resolved cases whose reopen window has passed. */
export async function listExpiredResolved(db: Db, resolvedBefore: Date): Promise<number[]> {
  const rows = await db.query<{ id: number }>(`select id::int from cases where status = 'resolved' and resolved_at < $1`, [resolvedBefore]);
  return rows.map((r) => r.id);
}

/** The text of the case's latest worker message, to avoid storing the same words twice. */
export async function lastWorkerText(db: Db, caseId: number): Promise<string | null | undefined> {
  const [row] = await db.query<{ text: string | null }>(
    `select text from case_messages where case_id = $1 and author = 'worker' order by id desc limit 1`,
    [caseId],
  );
  return row?.text;
}

/**
 * Erases the worker's personal data from their cases: intake texts, facts, message texts (staff replies too:
 * they quote the worker) and attachments,
 * and the payloads of delivered desk items. Category, priority, timestamps and rating stay (a tombstone).
 * Active cases are closed: nobody can help with words that no longer exist. Returns the affected case ids.
 */
export async function eraseWorkerCases(db: Db, workerId: number, now: Date): Promise<Array<{ id: number; wasActive: boolean }>> {
  const rows = await db.query<{ id: number; was_active: boolean }>(
    `update cases c set summary = null, worker_text = null, bot_reply = null, facts = '{}'::jsonb, forgotten_at = $2,
            status = case when c.status in ('open', 'claimed', 'in_progress', 'waiting_on_worker') then 'closed' else c.status end,
            closed_at = case when c.status in ('open', 'claimed', 'in_progress', 'waiting_on_worker') then $2 else c.closed_at end,
            updated_at = $2
       from (select id, status in ('open', 'claimed', 'in_progress', 'waiting_on_worker') as was_active from cases where worker_id = $1 for update) old
      where c.id = old.id and c.forgotten_at is null
      returning c.id::int, old.was_active`,
    [workerId, now],
  );
  const ids = rows.map((r) => r.id);
  if (ids.length) {
    await db.query(`update case_messages set text = null, attachment = null where case_id = any($1::bigint[])`, [ids]);
    await db.query(`update outbox set payload = '{}'::jsonb where stream = any($1::text[]) and status in ('sent', 'dead')`, [
      ids.map((id) => `case:${id}`),
    ]);
  }
  return rows.map((r) => ({ id: r.id, wasActive: r.was_active }));
}

/** Cases whose worker agreed to a follow-up, resolved before `resolvedBefore`, not asked yet. */
export async function listFollowUpsDue(db: Db, resolvedBefore: Date): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `select id::int from cases where follow_up_agreed and follow_up_asked_at is null and status in ('resolved', 'closed')
        and resolved_at <= $1 and forgotten_at is null order by resolved_at, id`,
    [resolvedBefore],
  );
  return rows.map((r) => r.id);
}

/** Marks the follow-up question asked; undefined when another replica asked it (or consent is gone). */
export async function markFollowUpAsked(db: Db, id: number, now: Date): Promise<CaseRecord | undefined> {
  const [row] = await db.query<CaseRecord>(
    `update cases set follow_up_asked_at = $2 where id = $1 and follow_up_agreed and follow_up_asked_at is null returning ${caseColumns}`,
    [id, now],
  );
  return row;
}

/** Stores the worker's consent to a follow-up, or their answer to it. */
export async function setFollowUpAnswer(db: Db, id: number, answer: { agreed: boolean } | { solved: boolean }, now: Date): Promise<void> {
  if ('agreed' in answer) await db.query('update cases set follow_up_agreed = $2 where id = $1', [id, answer.agreed]);
  else await db.query('update cases set follow_up_solved = $2, follow_up_answered_at = $3 where id = $1', [id, answer.solved, now]);
}

/** Cases by status (statuses no case has are absent), for /metrics. */
export async function countCasesByStatus(db: Db): Promise<Partial<Record<CaseStatus, number>>> {
  const rows = await db.query<{ status: CaseStatus; n: number }>('select status, count(*)::int as n from cases group by status');
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
