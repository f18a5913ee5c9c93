/**
 * The listening report's reads (insights/): counts over asked_questions, cases and case_events for a period,
 * most of them beside the period before it. Read-only; no worker id is selected anywhere here.
 */
import type { Db } from './db.js';

export interface Period {
  from: Date;
  to: Date;
}

const rows = <T>(db: Db, sql: string, params: unknown[]) => db.query<T>(sql, params);

/** Decided messages by topic (null: no card), in the period and in the one before (`before` → `from`). */
export function questionsByTopic(db: Db, p: Period, before: Date) {
  return rows<{ topic: string | null; now: number; before: number }>(
    db,
    `select topic, count(*) filter (where at >= $2)::int as now, count(*) filter (where at < $2)::int as before
       from asked_questions where at >= $1 and at < $3 group by topic`,
    [before, p.from, p.to],
  );
}

/** Why questions went unanswered, and how many answers were called unhelpful. */
export async function unansweredCounts(db: Db, p: Period) {
  const [row] = await rows<{ declined: number; low_confidence: number; no_card: number; not_helpful: number }>(
    db,
    `select count(*) filter (where unanswered = 'declined')::int as declined,
            count(*) filter (where unanswered = 'low_confidence')::int as low_confidence,
            count(*) filter (where unanswered = 'no_card')::int as no_card,
            count(*) filter (where not_helpful)::int as not_helpful
       from asked_questions where at >= $1 and at < $2`,
    [p.from, p.to],
  );
  return row!;
}

/** The masked words of unanswered questions still kept, oldest first (for grouping by likeness). */
export function unansweredTexts(db: Db, p: Period) {
  return rows<{ id: number; text: string; topic: string | null; why: string }>(
    db,
    `select id::int, text, topic, coalesce(unanswered, 'not_helpful') as why from asked_questions
      where at >= $1 and at < $2 and (unanswered is not null or not_helpful) and text is not null order by id`,
    [p.from, p.to],
  );
}

/** Per topic: questions asked and those answered below the confidence bar (where the knowledge is thin). */
export function topicConfidence(db: Db, p: Period) {
  return rows<{ topic: string; asked: number; unsure: number; unhelpful: number }>(
    db,
    `select topic, count(*)::int as asked, count(*) filter (where unanswered = 'low_confidence')::int as unsure,
            count(*) filter (where not_helpful)::int as unhelpful
       from asked_questions where at >= $1 and at < $2 and topic is not null group by topic`,
    [p.from, p.to],
  );
}

/** Cases opened in the period by category and priority. */
export function casesOpened(db: Db, p: Period) {
  return rows<{ category: string; priority: string; n: number }>(
    db,
    `select category, priority, count(*)::int as n from cases where opened_at >= $1 and opened_at < $2 group by category, priority`,
    [p.from, p.to],
  );
}

/** The desk's work: first response of the cases opened in the period (minutes), breaches, resolutions, ratings. */
export async function deskWork(db: Db, p: Period) {
  const [row] = await rows<{ responded: number; p50: number | null; p90: number | null; breaches: number; resolved: number }>(
    db,
    `select
       (select count(*) from cases where opened_at >= $1 and opened_at < $2 and first_response_at is not null)::int as responded,
       (select percentile_cont(0.5) within group (order by extract(epoch from first_response_at - opened_at) / 60)
          from cases where opened_at >= $1 and opened_at < $2 and first_response_at is not null)::float8 as p50,
       (select percentile_cont(0.9) within group (order by extract(epoch from first_response_at - opened_at) / 60)
          from cases where opened_at >= $1 and opened_at < $2 and first_response_at is not null)::float8 as p90,
       (select count(*) from case_events where kind = 'sla_breached' and at >= $1 and at < $2)::int as breaches,
       (select count(distinct case_id) from case_events where kind = 'resolved' and at >= $1 and at < $2)::int as resolved`,
    [p.from, p.to],
  );
  const ratings = await rows<{ rating: number; n: number }>(
    db,
    `select rating::int, count(*)::int as n from cases where rated_at >= $1 and rated_at < $2 and rating is not null group by rating`,
    [p.from, p.to],
  );
  return { ...row!, ratings };
}

/** Employers named in the facts of cases opened in the period, most cases first. */
export function employersNamed(db: Db, p: Period, limit = 10) {
  return rows<{ name: string; cases: number }>(
    db,
    `select e.name, count(distinct c.id)::int as cases
       from cases c cross join lateral jsonb_array_elements_text(coalesce(c.facts->'employers', '[]'::jsonb)) as e(name)
      where c.opened_at >= $1 and c.opened_at < $2
      group by e.name order by cases desc, e.name limit $3`,
    [p.from, p.to, limit],
  );
}

/** Follow-up answers given in the period. */
export async function followUpAnswers(db: Db, p: Period) {
  const [row] = await rows<{ asked: number; solved: number; unsolved: number }>(
    db,
    `select count(*) filter (where follow_up_asked_at >= $1 and follow_up_asked_at < $2)::int as asked,
            count(*) filter (where follow_up_answered_at >= $1 and follow_up_answered_at < $2 and follow_up_solved)::int as solved,
            count(*) filter (where follow_up_answered_at >= $1 and follow_up_answered_at < $2 and not follow_up_solved)::int as unsolved
       from cases where follow_up_asked_at is not null`,
    [p.from, p.to],
  );
  return row!;
}
