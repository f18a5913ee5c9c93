/**
 * The listening report as text in the desk's language: Slack mrkdwn (`*bold*`, the worker's words escaped)
 * or the same for the console. Labels come from locales/<lang>/insights.ftl; topic and reason ids get their
 * labels there and in cases.ftl.
 *
 * @example
 *   const text = reportText(report, { translate, lang: 'zh' });
 */
import type { Lang } from '../i18n/lang.js';
import type { Translate } from '../i18n/translator.js';
import type { ListeningReport } from './listening-report.js';

export interface ReportTextOptions {
  translate: Translate;
  lang: Lang;
  /** Escapes the worker's words and names for the target (Slack: &, <, >). */
  escape?: (text: string) => string;
}

export interface ReportLabels {
  t: (key: string, args?: Record<string, string | number>) => string;
  topic(topic: string | null): string;
  reason(reason: string): string;
  trend(count: number, previous: number): string;
}

export function reportLabels(translate: Translate, lang: Lang): ReportLabels {
  const t = (key: string, args?: Record<string, string | number>) => translate(lang, key, args);
  const labelOr = (key: string, fallback: string) => (t(key) === key ? fallback : t(key));
  return {
    t,
    topic: (topic) => (topic === null ? t('report-no-topic') : labelOr(`topic-${topic}`, topic)),
    reason: (reason) => labelOr(`desk-reason-${reason}`, reason),
    trend(count, previous) {
      if (!previous) return count ? t('report-trend-new') : t('report-trend-flat');
      const percent = Math.round(((count - previous) / previous) * 100);
      return percent === 0
        ? t('report-trend-flat')
        : t(percent > 0 ? 'report-trend-up' : 'report-trend-down', { percent: Math.abs(percent) });
    },
  };
}

/** The same for a terminal: without Slack's `*bold*` marks. */
export function plainReportText(report: ListeningReport, options: Omit<ReportTextOptions, 'escape'>): string {
  return reportText(report, options).replace(/\*/g, '');
}

export function reportText(report: ListeningReport, { translate, lang, escape: escapeText = (s) => s }: ReportTextOptions): string {
  const x = reportLabels(translate, lang);
  const { t } = x;
  const none = t('report-none');
  const minutes = (m: number | null) => (m === null ? none : t('report-minutes', { minutes: m }));
  const q = report.questions;
  const u = report.unanswered;
  const d = report.desk;
  const lines = [
    `*${t('report-title', { period: report.period.label, days: report.period.days })}*`,
    '',
    t('report-questions', { total: q.total, previous: q.previous, trend: x.trend(q.total, q.previous) }),
    ...q.byTopic
      .slice(0, 12)
      .map((r) =>
        t('report-topic-line', { topic: x.topic(r.topic), count: r.count, previous: r.previous, trend: x.trend(r.count, r.previous) }),
      ),
    '',
    t('report-unanswered', { declined: u.declined, lowConfidence: u.lowConfidence, noCard: u.noCard, notHelpful: u.notHelpful }),
    ...u.groups.map((g) =>
      t('report-group-line', { count: g.count, examples: g.examples.map((e) => `“${escapeText(e.slice(0, 120))}”`).join(' / ') }),
    ),
    '',
    t('report-gaps'),
    ...(report.gaps.length
      ? report.gaps
          .slice(0, 8)
          .map((g) => t('report-gap-line', { topic: x.topic(g.topic), asked: g.asked, unsure: g.unsure, unhelpful: g.unhelpful }))
      : [t('report-gaps-none')]),
    '',
    t('report-escalations'),
    ...(report.escalations.length
      ? report.escalations.map((e) => t('report-escalation-line', { reason: x.reason(e.reason), urgent: e.urgent, normal: e.normal }))
      : [`• ${none}`]),
    '',
    t('report-desk', {
      opened: d.opened,
      p50: minutes(d.firstResponseP50Minutes),
      p90: minutes(d.firstResponseP90Minutes),
      breaches: d.slaBreaches,
      resolved: d.resolved,
    }),
    t('report-ratings', { count: d.ratings.count, average: d.ratings.average ?? none, stars: d.ratings.byStars.join(' / ') }),
    '',
    t('report-applications', { lines: report.applications.map((a) => `${x.reason(a.kind)} ${a.count}`).join(' · ') }),
    t('report-follow-ups', { asked: report.followUps.asked, solved: report.followUps.solved, unsolved: report.followUps.unsolved }),
    '',
    t('report-employers'),
    ...(report.employers.length
      ? report.employers.map((e) => t('report-employer-line', { name: escapeText(e.name), cases: e.cases }))
      : [`• ${none}`]),
  ];
  return lines.join('\n');
}
