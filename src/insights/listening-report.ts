/**
 * The listening report (大调研): what workers asked and what the bot could not answer, for a period, with
 * the period before it for the trend. Plain data, JSON-safe (dates as ISO strings), rendered as text
 * (report-text.ts), charts (report-charts.ts) and CSV (report-csv.ts). No worker identity anywhere: the
 * record has none, and the employers named are organisations (for the union's labour-law supervision; the
 * report goes to staff only).
 *
 * @example
 *   const report = await buildListeningReport(db, reportPeriod(new Date(), 7, 'Asia/Shanghai'));
 *   report.questions.byTopic[0] // { topic: 'wages', count: 412, previous: 380 }
 */

import { formatDate, zonedParts, zonedTime } from '../i18n/union-time.js';
import type { Db } from '../store/db.js';
import {
  casesOpened,
  deskWork,
  employersNamed,
  followUpAnswers,
  questionsByTopic,
  topicConfidence,
  unansweredCounts,
  unansweredTexts,
} from '../store/insights-store.js';
import { groupByLikeness } from './question-groups.js';

/** Escalation reasons that are applications to the union (typed kinds of their own once guided applications land). */
export const APPLICATION_KINDS = ['join_union', 'legal_aid', 'hardship', 'callback'] as const;

export interface ReportPeriod {
  /** ISO instants: [from, to). */
  from: string;
  to: string;
  days: number;
  timeZone: string;
  /** What the union reads: '2026-04-27 – 2026-05-03' in its own zone. */
  label: string;
}

export interface ListeningReport {
  period: ReportPeriod;
  questions: { total: number; previous: number; byTopic: Array<{ topic: string | null; count: number; previous: number }> };
  unanswered: {
    declined: number;
    lowConfidence: number;
    noCard: number;
    notHelpful: number;
    /** Kept words grouped by likeness, biggest first. */
    groups: Array<{ count: number; examples: string[]; why: Record<string, number> }>;
  };
  /** Topics whose answers were often below the confidence bar or unhelpful: where cards and articles are thin. */
  gaps: Array<{ topic: string; asked: number; unsure: number; unhelpful: number }>;
  escalations: Array<{ reason: string; urgent: number; normal: number }>;
  desk: {
    opened: number;
    responded: number;
    firstResponseP50Minutes: number | null;
    firstResponseP90Minutes: number | null;
    slaBreaches: number;
    resolved: number;
    ratings: { count: number; average: number | null; byStars: number[] };
  };
  applications: Array<{ kind: string; count: number }>;
  employers: Array<{ name: string; cases: number }>;
  followUps: { asked: number; solved: number; unsolved: number };
}

/**
 * The `days` whole days ending at the last midnight before `end` in the union's zone — or ending at `end`
 * itself with `{ untilNow: true }` (a report asked for now includes today so far).
 */
export function reportPeriod(end: Date, days: number, timeZone: string, { untilNow = false } = {}): ReportPeriod {
  const p = zonedParts(end, timeZone);
  const midnight = zonedTime(timeZone, p.year, p.month, p.day);
  const to = untilNow ? end : midnight;
  const startDay = new Date(Date.UTC(p.year, p.month - 1, p.day - days + (untilNow ? 1 : 0)));
  const from = zonedTime(timeZone, startDay.getUTCFullYear(), startDay.getUTCMonth() + 1, startDay.getUTCDate());
  const lastDay = new Date(to.getTime() - 1);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    days,
    timeZone,
    label: `${formatDate(from, timeZone)} – ${formatDate(lastDay, timeZone)}`,
  };
}

const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

export async function buildListeningReport(
  db: Db,
  period: ReportPeriod,
  { groups = 10 }: { groups?: number } = {},
): Promise<ListeningReport> {
  const p = { from: new Date(period.from), to: new Date(period.to) };
  const before = new Date(p.from.getTime() - (p.to.getTime() - p.from.getTime()));
  const [topics, counts, texts, confidence, opened, desk, employers, followUps] = await Promise.all([
    questionsByTopic(db, p, before),
    unansweredCounts(db, p),
    unansweredTexts(db, p),
    topicConfidence(db, p),
    casesOpened(db, p),
    deskWork(db, p),
    employersNamed(db, p),
    followUpAnswers(db, p),
  ]);

  const byTopic = topics
    .filter((t) => t.now || t.before)
    .map((t) => ({ topic: t.topic, count: t.now, previous: t.before }))
    .sort((a, b) => b.count - a.count || b.previous - a.previous || String(a.topic).localeCompare(String(b.topic)));
  const grouped = groupByLikeness(texts.map((t) => t.text))
    .slice(0, groups)
    .map((g) => {
      const why: Record<string, number> = {};
      for (const i of g.members) why[texts[i]!.why] = (why[texts[i]!.why] ?? 0) + 1;
      return { count: g.count, examples: g.examples, why };
    });

  const escalations = new Map<string, { reason: string; urgent: number; normal: number }>();
  for (const o of opened) {
    const e = escalations.get(o.category) ?? { reason: o.category, urgent: 0, normal: 0 };
    if (o.priority === 'urgent') e.urgent += o.n;
    else e.normal += o.n;
    escalations.set(o.category, e);
  }
  const byStars = [1, 2, 3, 4, 5].map((s) => desk.ratings.find((r) => r.rating === s)?.n ?? 0);
  const rated = byStars.reduce((a, n) => a + n, 0);
  const applications = APPLICATION_KINDS.map((kind) => ({
    kind,
    count: escalations.get(kind) ? escalations.get(kind)!.urgent + escalations.get(kind)!.normal : 0,
  }));

  return {
    period,
    questions: { total: byTopic.reduce((a, t) => a + t.count, 0), previous: byTopic.reduce((a, t) => a + t.previous, 0), byTopic },
    unanswered: {
      declined: counts.declined,
      lowConfidence: counts.low_confidence,
      noCard: counts.no_card,
      notHelpful: counts.not_helpful,
      groups: grouped,
    },
    gaps: confidence
      .filter((c) => c.unsure || c.unhelpful)
      .sort(
        (a, b) =>
          (b.unsure + b.unhelpful) / b.asked - (a.unsure + a.unhelpful) / a.asked || b.asked - a.asked || a.topic.localeCompare(b.topic),
      ),
    escalations: [...escalations.values()].sort((a, b) => b.urgent + b.normal - (a.urgent + a.normal) || a.reason.localeCompare(b.reason)),
    desk: {
      opened: opened.reduce((a, o) => a + o.n, 0),
      responded: desk.responded,
      firstResponseP50Minutes: round(desk.p50),
      firstResponseP90Minutes: round(desk.p90),
      slaBreaches: desk.breaches,
      resolved: desk.resolved,
      ratings: {
        count: rated,
        average: rated ? Math.round((byStars.reduce((a, n, i) => a + n * (i + 1), 0) / rated) * 100) / 100 : null,
        byStars,
      },
    },
    applications,
    employers,
    followUps,
  };
}
