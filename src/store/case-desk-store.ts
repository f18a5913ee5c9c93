/**
 * SQL for where each case's posts live on the staff desk. A post is written down right after the desk
 * accepted it, keyed by its outbox item, so a retried item never posts twice; posts that carry a worker's
 * words are listed for redaction after /forget.
 */
import type { Db } from './db.js';

export interface DeskPost {
  channel: string;
  ts: string;
}

export async function findDeskPost(db: Db, outboxId: number): Promise<DeskPost | undefined> {
  const [row] = await db.query<DeskPost>('select channel, ts from case_desk_posts where outbox_id = $1', [outboxId]);
  return row;
}

export async function recordDeskPost(
  db: Db,
  p: { outboxId: number; caseId: number; kind: string; channel: string; ts: string; workerText: boolean },
  now: Date,
): Promise<void> {
  await db.query(
    `insert into case_desk_posts (outbox_id, case_id, kind, channel, ts, worker_text, at) values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (outbox_id) do nothing`,
    [p.outboxId, p.caseId, p.kind, p.channel, p.ts, p.workerText, now],
  );
}

/** Desk posts that carry a worker's words, to be redacted on the desk after /forget. */
export async function listWorkerTextPosts(db: Db, caseId: number): Promise<DeskPost[]> {
  return db.query<DeskPost>('select channel, ts from case_desk_posts where case_id = $1 and worker_text order by at', [caseId]);
}
