/**
 * A seeded month of synthetic activity for the listening report: `messages` decided questions in the month
 * (and a third as many in the month before, for the trend), `cases` cases with their events, ratings,
 * follow-ups and employers named — and, computed from the same rows, the figures the report must show.
 * Deterministic (a seeded PRNG); bulk inserts so PGlite seeds 10,000 rows in seconds. Used by the report
 * test and `npm run bench:report`.
 *
 * @example
 *   const { period, expected } = await seedMonth(db, { messages: 10_000, cases: 500 });
 *   const report = await buildListeningReport(db, period);
 */

import { type ListeningReport, type ReportPeriod, reportPeriod } from '../../src/insights/listening-report.js';
import type { Db } from '../../src/store/db.js';

const TOPICS = ['wages', 'dismissal', 'contracts', 'work_injury', 'hours_leave', 'social_insurance', 'disputes', 'flexible_work'];
const REASONS = ['explicit_request', 'legal_aid', 'personal_case', 'hardship', 'join_union', 'callback', 'union_action', 'fire', 'machine'];
/** Unanswered questions come from these shapes (each far from the others), asked with small variations. */
const TEMPLATES = [
  '外卖骑手被平台封号了算不算辞退',
  '公司让我签自愿放弃社保的协议有效吗',
  '怀孕期间被调岗降薪可以申请仲裁吗',
  '劳务派遣工受伤了该找派遣公司还是用工单位',
  '老板让我们每天加班到十点却说是自愿的',
  '离职时公司扣押毕业证书不还怎么办',
  '工厂搬迁到外地不去的话有没有补偿',
  'how do I get my wage arrears back from a subcontractor',
];
const VARIANTS = ['', '？', '，急', '，谢谢', '。请问'];
const EMPLOYERS = Array.from({ length: 15 }, (_, k) => `示范${'甲乙丙丁戊己庚辛壬癸子丑寅卯辰'[k]}电子有限公司`);

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** percentile_cont, as PostgreSQL computes it. */
export function percentileCont(values: number[], q: number): number | null {
  if (!values.length) return null;
  const xs = [...values].sort((a, b) => a - b);
  const at = q * (xs.length - 1);
  const lo = Math.floor(at);
  return xs[lo]! + (at - lo) * ((xs[Math.ceil(at)] ?? xs[lo]!) - xs[lo]!);
}

/** Multi-row inserts of 400 rows a statement; `casts[j]` types column j where the driver cannot tell (jsonb). */
async function insertRows(db: Db, table: string, columns: string[], rows: unknown[][], casts: Record<number, string> = {}): Promise<void> {
  for (let i = 0; i < rows.length; i += 400) {
    const params: unknown[] = [];
    const values = rows
      .slice(i, i + 400)
      .map((r) => `(${r.map((v, j) => `$${params.push(v)}${casts[j] ? `::${casts[j]}` : ''}`).join(', ')})`);
    await db.query(`insert into ${table} (${columns.join(', ')}) values ${values.join(', ')}`, params);
  }
}

export interface SeededMonth {
  period: ReportPeriod;
  expected: {
    byTopic: Record<string, { count: number; previous: number }>;
    unanswered: { declined: number; lowConfidence: number; noCard: number; notHelpful: number };
    /** Group sizes of the kept words, biggest first. */
    groupSizes: number[];
    gaps: Record<string, { asked: number; unsure: number; unhelpful: number }>;
    escalations: Record<string, { urgent: number; normal: number }>;
    desk: {
      opened: number;
      responded: number;
      p50: number | null;
      p90: number | null;
      slaBreaches: number;
      resolved: number;
      byStars: number[];
    };
    applications: Record<string, number>;
    employers: Array<{ name: string; cases: number }>;
    followUps: { asked: number; solved: number; unsolved: number };
  };
}

const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

export async function seedMonth(
  db: Db,
  { messages = 10_000, cases = 500, seed = 14, end = new Date('2026-05-01T00:00:00+08:00'), timeZone = 'Asia/Shanghai' } = {},
): Promise<SeededMonth> {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const period = reportPeriod(end, 30, timeZone);
  const from = new Date(period.from).getTime();
  const to = new Date(period.to).getTime();
  const span = to - from;
  const inMonth = () => new Date(from + Math.floor(random() * span));

  // Questions: this month and the one before.
  const byTopic: SeededMonth['expected']['byTopic'] = {};
  const unanswered = { declined: 0, lowConfidence: 0, noCard: 0, notHelpful: 0 };
  const gaps: SeededMonth['expected']['gaps'] = {};
  const groups = new Map<number, number>();
  const questionRows: unknown[][] = [];
  const previous = Math.round(messages / 3);
  for (let i = 0; i < messages + previous; i++) {
    const thisMonth = i < messages;
    const at = thisMonth ? inMonth() : new Date(from - span + Math.floor(random() * span));
    const r = random();
    let kind = 'answer';
    let topic: string | null = pick(TOPICS);
    let why: string | null = null;
    let confidence = 0.6 + random() * 0.4;
    if (r < 0.06) {
      kind = 'decline';
      topic = null;
      why = 'declined';
      confidence = 0.8;
    } else if (r < 0.14) {
      kind = 'escalate';
      topic = null;
      confidence = 0.9;
    } else if (r < 0.22) {
      why = 'low_confidence';
      confidence = 0.45 + random() * 0.1;
    } else if (r < 0.3) {
      why = 'no_card';
      topic = null;
    }
    const notHelpful = kind === 'answer' && random() < 0.05;
    const template = Math.floor(random() * TEMPLATES.length);
    // Some words were pruned already (their counts stay); the kept ones are grouped.
    const kept = (why !== null || notHelpful) && random() < 0.9;
    const text = kept ? `${TEMPLATES[template]}${pick(VARIANTS)}` : null;
    questionRows.push([
      at,
      'zh',
      kind,
      kind === 'answer' ? 'legal_question' : pick(REASONS),
      topic,
      topic ? `${topic}_card` : null,
      confidence,
      why,
      notHelpful,
      text,
    ]);
    const counts = (byTopic[topic ?? ''] ??= { count: 0, previous: 0 });
    if (!thisMonth) {
      counts.previous++;
      continue;
    }
    counts.count++;
    if (why === 'declined') unanswered.declined++;
    if (why === 'low_confidence') unanswered.lowConfidence++;
    if (why === 'no_card') unanswered.noCard++;
    if (notHelpful) unanswered.notHelpful++;
    if (text) groups.set(template, (groups.get(template) ?? 0) + 1);
    if (topic) {
      const g = (gaps[topic] ??= { asked: 0, unsure: 0, unhelpful: 0 });
      g.asked++;
      if (why === 'low_confidence') g.unsure++;
      if (notHelpful) g.unhelpful++;
    }
  }
  await insertRows(
    db,
    'asked_questions',
    ['at', 'lang', 'kind', 'reason', 'topic', 'issue', 'confidence', 'unanswered', 'not_helpful', 'text'],
    questionRows,
  );

  // Cases, each of its own worker; employer k is named in 3(k+1) cases, so their ranks never tie.
  const workerRows = Array.from({ length: cases }, (_, i) => ['seed', `seed-${seed}-${i}`, `W-S${i}`]);
  await insertRows(db, 'workers', ['channel', 'external_id', 'pseudonym'], workerRows);
  const workerIds = (
    await db.query<{ id: number }>(`select id::int from workers where channel = 'seed' and external_id like $1 order by id`, [
      `seed-${seed}-%`,
    ])
  ).map((w) => w.id);
  const named: string[][] = Array.from({ length: cases }, () => []);
  EMPLOYERS.forEach((name, k) => {
    for (let n = 0; n < 3 * (k + 1); n++) named[(k * 37 + n * 11) % cases]!.push(name);
  });
  const escalations: SeededMonth['expected']['escalations'] = {};
  const firstResponses: number[] = [];
  const byStars = [0, 0, 0, 0, 0];
  const followUps = { asked: 0, solved: 0, unsolved: 0 };
  let slaBreaches = 0;
  let resolved = 0;
  const caseRows: unknown[][] = [];
  const events: Array<{ index: number; kind: string; at: Date }> = [];
  for (let i = 0; i < cases; i++) {
    const opened = inMonth();
    const priority = random() < 0.2 ? 'urgent' : 'normal';
    const category = pick(REASONS);
    const e = (escalations[category] ??= { urgent: 0, normal: 0 });
    e[priority]++;
    const responseMinutes = random() < 0.8 ? 1 + Math.floor(random() * 600) : null;
    if (responseMinutes !== null) firstResponses.push(responseMinutes);
    const resolvedAt = random() < 0.6 ? new Date(opened.getTime() + Math.floor(random() * 5 * 24 * 3600_000)) : null;
    if (resolvedAt) {
      events.push({ index: i, kind: 'resolved', at: resolvedAt });
      if (resolvedAt.getTime() < to) resolved++;
    }
    if (random() < 0.1) {
      const at = new Date(opened.getTime() + 30 * 60_000);
      events.push({ index: i, kind: 'sla_breached', at });
      if (at.getTime() < to) slaBreaches++;
    }
    const rating = resolvedAt && random() < 0.5 ? 1 + Math.floor(random() * 5) : null;
    const ratedAt = rating ? new Date(resolvedAt!.getTime() + 3600_000) : null;
    if (rating && ratedAt!.getTime() < to) byStars[rating - 1]!++;
    const askedAt = resolvedAt && random() < 0.4 ? new Date(resolvedAt.getTime() + 7 * 24 * 3600_000) : null;
    const solved = askedAt && random() < 0.7 ? random() < 0.75 : null;
    const answeredAt = askedAt && solved !== null ? new Date(askedAt.getTime() + 3600_000) : null;
    if (askedAt && askedAt.getTime() >= from && askedAt.getTime() < to) followUps.asked++;
    if (answeredAt && answeredAt.getTime() >= from && answeredAt.getTime() < to) followUps[solved ? 'solved' : 'unsolved']++;
    caseRows.push([
      workerIds[i],
      resolvedAt ? 'resolved' : 'in_progress',
      priority,
      category,
      'zh',
      JSON.stringify(named[i]!.length ? { employers: named[i] } : {}),
      opened,
      responseMinutes === null ? null : new Date(opened.getTime() + responseMinutes * 60_000),
      resolvedAt,
      rating,
      ratedAt,
      askedAt !== null,
      askedAt,
      solved,
      answeredAt,
      opened,
    ]);
  }
  await insertRows(
    db,
    'cases',
    [
      'worker_id',
      'status',
      'priority',
      'category',
      'lang',
      'facts',
      'opened_at',
      'first_response_at',
      'resolved_at',
      'rating',
      'rated_at',
      'follow_up_agreed',
      'follow_up_asked_at',
      'follow_up_solved',
      'follow_up_answered_at',
      'updated_at',
    ],
    caseRows,
    { 5: 'jsonb' },
  );
  const caseIds = (
    await db.query<{ id: number }>('select id::int from cases where worker_id = any($1::bigint[]) order by worker_id', [workerIds])
  ).map((c) => c.id);
  await insertRows(
    db,
    'case_events',
    ['case_id', 'actor_kind', 'kind', 'at'],
    events.map((e) => [caseIds[e.index], 'system', e.kind, e.at]),
  );

  const applications = Object.fromEntries(
    ['join_union', 'legal_aid', 'hardship', 'callback'].map((k) => [k, (escalations[k]?.urgent ?? 0) + (escalations[k]?.normal ?? 0)]),
  );
  const employers = EMPLOYERS.map((name, k) => ({ name, cases: 3 * (k + 1) }))
    .sort((a, b) => b.cases - a.cases)
    .slice(0, 10);
  return {
    period,
    expected: {
      byTopic,
      unanswered,
      groupSizes: [...groups.values()].sort((a, b) => b - a),
      gaps,
      escalations,
      desk: {
        opened: cases,
        responded: firstResponses.length,
        p50: round(percentileCont(firstResponses, 0.5)),
        p90: round(percentileCont(firstResponses, 0.9)),
        slaBreaches,
        resolved,
        byStars,
      },
      applications,
      employers,
      followUps,
    },
  };
}

/** Where the report's figures differ from the seed's (empty when every figure matches). */
export function mismatches(report: ListeningReport, e: SeededMonth['expected']): string[] {
  const { groups, ...unanswered } = report.unanswered;
  const actual = {
    byTopic: Object.fromEntries(report.questions.byTopic.map((t) => [t.topic ?? '', { count: t.count, previous: t.previous }])),
    unanswered,
    groupSizes: groups.map((g) => g.count),
    gaps: Object.fromEntries(report.gaps.map(({ topic, ...g }) => [topic, g])),
    escalations: Object.fromEntries(report.escalations.map(({ reason, ...x }) => [reason, x])),
    desk: {
      opened: report.desk.opened,
      responded: report.desk.responded,
      p50: report.desk.firstResponseP50Minutes,
      p90: report.desk.firstResponseP90Minutes,
      slaBreaches: report.desk.slaBreaches,
      resolved: report.desk.resolved,
      byStars: report.desk.ratings.byStars,
    },
    applications: Object.fromEntries(report.applications.map((a) => [a.kind, a.count])),
    employers: report.employers,
    followUps: report.followUps,
  };
  const expected = { ...e, gaps: Object.fromEntries(Object.entries(e.gaps).filter(([, g]) => g.unsure || g.unhelpful)) };
  const sorted = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, x]) => [k, sorted(x)]),
        )
      : Array.isArray(v)
        ? v.map(sorted)
        : v;
  return (Object.keys(expected) as Array<keyof typeof expected>)
    .filter((k) => JSON.stringify(sorted(actual[k])) !== JSON.stringify(sorted(expected[k])))
    .map((k) => `${k}: report ${JSON.stringify(sorted(actual[k]))} ≠ seed ${JSON.stringify(sorted(expected[k]))}`);
}
