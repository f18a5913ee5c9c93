/**
 * SQL for asked_questions: what workers asked, without who asked (see migration 101). Written by the worker
 * service when a decision is made known, read by the listening report.
 */
import type { Db } from './db.js';

export type Unanswered = 'declined' | 'low_confidence' | 'no_card';

export interface AskedQuestion {
  at: Date;
  lang: string;
  kind: 'answer' | 'escalate' | 'decline';
  reason?: string | null;
  topic?: string | null;
  issue?: string | null;
  confidence?: number | null;
  unanswered?: Unanswered | null;
  /** Masked; stored only for unanswered questions and answers that may still be rated. */
  text?: string | null;
  /** The inbound message decided (an answer's feedback buttons carry it); cleared after the feedback window. */
  inboundRef?: number | null;
}

export async function recordAskedQuestion(db: Db, q: AskedQuestion): Promise<void> {
  await db.query(
    `insert into asked_questions (at, lang, kind, reason, topic, issue, confidence, unanswered, text, inbound_ref)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (inbound_ref) where inbound_ref is not null do nothing`,
    [
      q.at,
      q.lang,
      q.kind,
      q.reason ?? null,
      q.topic ?? null,
      q.issue ?? null,
      q.confidence ?? null,
      q.unanswered ?? null,
      q.text ?? null,
      q.inboundRef ?? null,
    ],
  );
}

/** The worker said the answer to inbound message `inboundRef` did not help; false when it is not (or no longer) known. */
export async function markNotHelpful(db: Db, inboundRef: number): Promise<boolean> {
  const rows = await db.query(`update asked_questions set not_helpful = true where inbound_ref = $1 and not not_helpful returning id`, [
    inboundRef,
  ]);
  return rows.length > 0;
}

/**
 * Keeps the record to what it may hold: words of answered questions only while they may still be rated
 * (`feedbackBefore`), the words of unanswered or unhelpful ones for the retention window (`keepBefore`).
 * A row keeps its link to the message as long as it keeps words, so /forget can still find them.
 * Returns rows changed.
 */
export async function pruneAskedQuestions(
  db: Db,
  { feedbackBefore, keepBefore }: { feedbackBefore: Date; keepBefore: Date },
): Promise<number> {
  const rated = await db.query(
    `update asked_questions set inbound_ref = null, text = null
      where inbound_ref is not null and unanswered is null and not not_helpful and at < $1 returning id`,
    [feedbackBefore],
  );
  const expired = await db.query(
    `update asked_questions set text = null, inbound_ref = null
      where (text is not null or inbound_ref is not null) and at < $1 returning id`,
    [keepBefore],
  );
  return rated.length + expired.length;
}

/** /forget: the worker's questions still linked to their messages lose their words and the link. */
export async function forgetAskedQuestions(db: Db, workerId: number): Promise<void> {
  await db.query(
    `update asked_questions set text = null, inbound_ref = null
      where inbound_ref in (select id from inbound_messages where worker_id = $1)`,
    [workerId],
  );
}
