/**
 * SQL for guided applications: the worker's draft (where they are in the flow), the submitted record the
 * staff desk shows, staff decisions, and erasure (/forget, retention). Rules live in services/; every state
 * change here is conditional on the state it starts from, so a replayed update or a double click changes
 * nothing the second time.
 */
import type { Db } from './db.js';

export type ApplicationStatus = 'draft' | 'submitted' | 'more_info' | 'approved' | 'declined' | 'cancelled';
export const DECIDED: readonly ApplicationStatus[] = ['approved', 'declined', 'cancelled'];

export interface LangText {
  zh: string;
  en: string;
}

/** A submitted answer as staff see it: value null once erased (or skipped). */
export interface ApplicationField {
  id: string;
  label: LangText;
  value: LangText | null;
  personal: boolean;
}

/** The service as it was when the application was submitted: what the card shows beside the answers. */
export interface ApplicationMeta {
  kind: string;
  title: LangText;
  checklist: { zh: string[]; en: string[] };
}

export interface ApplicationRecord {
  id: number;
  workerId: number;
  service: string;
  status: ApplicationStatus;
  step: string;
  rev: number;
  lastInbound: number | null;
  answers: Record<string, string>;
  originText: string | null;
  shareIdentity: boolean | null;
  lang: 'zh' | 'en';
  fields: ApplicationField[] | null;
  meta: ApplicationMeta | null;
  unionName: string | null;
  deskChannel: string | null;
  caseId: number | null;
  note: string | null;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  decidedAt: Date | null;
  erasedAt: Date | null;
}

const columns = `id::int, worker_id::int as "workerId", service, status, step, rev, last_inbound::int as "lastInbound", answers, origin_text as "originText",
  share_identity as "shareIdentity", lang, fields, meta, union_name as "unionName", desk_channel as "deskChannel",
  case_id::int as "caseId", note, created_at as "createdAt", updated_at as "updatedAt", submitted_at as "submittedAt",
  decided_at as "decidedAt", erased_at as "erasedAt"`;

/** The worker's flow in progress. */
export async function findDraft(db: Db, workerId: number, { lock = false } = {}): Promise<ApplicationRecord | undefined> {
  const [row] = await db.query<ApplicationRecord>(
    `select ${columns} from applications where worker_id = $1 and status = 'draft'${lock ? ' for update' : ''}`,
    [workerId],
  );
  return row;
}

export async function getApplication(db: Db, id: number, { lock = false } = {}): Promise<ApplicationRecord | undefined> {
  const [row] = await db.query<ApplicationRecord>(`select ${columns} from applications where id = $1${lock ? ' for update' : ''}`, [id]);
  return row;
}

/** Starts a draft, replacing any other draft of the worker (one flow at a time). */
export async function startDraft(
  db: Db,
  a: { workerId: number; service: string; lang: string; originText?: string | null },
  now: Date,
): Promise<ApplicationRecord> {
  await db.query(`delete from applications where worker_id = $1 and status = 'draft'`, [a.workerId]);
  const [row] = await db.query<ApplicationRecord>(
    `insert into applications (worker_id, service, lang, origin_text, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $5) returning ${columns}`,
    [a.workerId, a.service, a.lang, a.originText ?? null, now],
  );
  return row!;
}

/** Moves a draft to its next step, only from the revision the worker saw (false: a stale press). */
export async function saveDraftStep(
  db: Db,
  id: number,
  fromRev: number,
  s: { step: string; answers: Record<string, string>; shareIdentity: boolean | null; lang: string; inboundId: number },
  now: Date,
): Promise<boolean> {
  const rows = await db.query(
    `update applications set step = $3, answers = $4, share_identity = $5, lang = $6, last_inbound = $8, rev = rev + 1, updated_at = $7
      where id = $1 and rev = $2 and status = 'draft' returning id`,
    [id, fromRev, s.step, JSON.stringify(s.answers), s.shareIdentity, s.lang, now, s.inboundId],
  );
  return rows.length > 0;
}

/** Cancels a draft and drops what was typed into it. */
export async function cancelDraft(db: Db, id: number, now: Date): Promise<boolean> {
  const rows = await db.query(
    `update applications set status = 'cancelled', answers = '{}'::jsonb, origin_text = null, rev = rev + 1,
            decided_at = $2, updated_at = $2, erased_at = $2
      where id = $1 and status = 'draft' returning id`,
    [id, now],
  );
  return rows.length > 0;
}

/** Turns the draft into the submitted record (the answers become `fields`); false when it was submitted already. */
export async function submitDraft(
  db: Db,
  id: number,
  fromRev: number,
  s: { fields: ApplicationField[]; meta: ApplicationMeta; unionName: string | null; deskChannel: string | null },
  now: Date,
): Promise<boolean> {
  const rows = await db.query(
    `update applications set status = 'submitted', fields = $3, meta = $7, union_name = $4, desk_channel = $5, answers = '{}'::jsonb,
            rev = rev + 1, submitted_at = $6, updated_at = $6
      where id = $1 and rev = $2 and status = 'draft' returning id`,
    [id, fromRev, JSON.stringify(s.fields), s.unionName, s.deskChannel, now, JSON.stringify(s.meta)],
  );
  return rows.length > 0;
}

export async function linkApplicationCase(db: Db, id: number, caseId: number): Promise<void> {
  await db.query('update applications set case_id = $2 where id = $1', [id, caseId]);
}

/** The latest submitted application of a case (what its card shows). */
export async function applicationOfCase(db: Db, caseId: number): Promise<ApplicationRecord | undefined> {
  const [row] = await db.query<ApplicationRecord>(`select ${columns} from applications where case_id = $1 order by id desc limit 1`, [
    caseId,
  ]);
  return row;
}

/** The latest application of each of the worker's cases. */
export async function applicationsOfWorker(db: Db, workerId: number): Promise<ApplicationRecord[]> {
  return db.query<ApplicationRecord>(
    `select distinct on (case_id) ${columns} from applications where worker_id = $1 and case_id is not null
      order by case_id, id desc`,
    [workerId],
  );
}

/** A staff decision, only from `from`: false when it was already taken (a double click, another staff member). */
export async function decideApplication(
  db: Db,
  id: number,
  from: readonly ApplicationStatus[],
  to: ApplicationStatus,
  note: string | null,
  now: Date,
): Promise<boolean> {
  const decided = DECIDED.includes(to);
  const rows = await db.query(
    `update applications set status = $3, note = $4, updated_at = $5, decided_at = case when $6 then $5 else decided_at end
      where id = $1 and status = any($2::text[]) returning id`,
    [id, from, to, note, now, decided],
  );
  return rows.length > 0;
}

const erasePersonal = `fields = (select jsonb_agg(case when (f->>'personal')::boolean then jsonb_set(f, '{value}', 'null'::jsonb) else f end)
                                from jsonb_array_elements(coalesce(fields, '[]'::jsonb)) f),
  answers = '{}'::jsonb, origin_text = null, note = null`;

/** /forget: drafts go, submitted applications keep only their non-personal fields. Returns the cases to re-render. */
export async function eraseWorkerApplications(db: Db, workerId: number, now: Date): Promise<number[]> {
  await db.query(`delete from applications where worker_id = $1 and status = 'draft'`, [workerId]);
  const rows = await db.query<{ caseId: number | null }>(
    `update applications set ${erasePersonal}, erased_at = $2, updated_at = $2
      where worker_id = $1 and erased_at is null returning case_id::int as "caseId"`,
    [workerId, now],
  );
  return rows.map((r) => r.caseId).filter((id): id is number => id !== null);
}

/**
 * Retention: closed applications — decided (approved, declined, cancelled) or whose case was closed —
 * last changed before `before` lose their personal fields, and drafts left untouched since then are
 * dropped. Returns the cases whose cards must be re-rendered.
 */
export async function eraseExpiredApplications(db: Db, before: Date, now: Date): Promise<number[]> {
  await db.query(`delete from applications where status = 'draft' and updated_at < $1`, [before]);
  const rows = await db.query<{ caseId: number | null }>(
    `update applications a set ${erasePersonal}, erased_at = $2
      where a.erased_at is null and a.status <> 'draft'
        and (a.status = any($3::text[]) and a.updated_at < $1
             or exists (select 1 from cases c where c.id = a.case_id and c.status = 'closed' and c.closed_at < $1))
      returning a.case_id::int as "caseId"`,
    [before, now, DECIDED],
  );
  return rows.map((r) => r.caseId).filter((id): id is number => id !== null);
}
