/**
 * The report's data as CSV files (`npm run report -- --csv DIR`): one file per table, UTF-8 with a BOM so
 * spreadsheet programs read the Chinese right, fields quoted when they need it.
 *
 * @example
 *   for (const file of reportCsv(report)) writeFileSync(join(dir, file.name), file.text);
 */
import type { ListeningReport } from './listening-report.js';

export interface CsvFile {
  name: string;
  text: string;
}

const field = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csv = (header: string[], rows: unknown[][]) => `\uFEFF${[header, ...rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;

export function reportCsv(report: ListeningReport): CsvFile[] {
  const d = report.desk;
  return [
    {
      name: 'topics.csv',
      text: csv(
        ['topic', 'count', 'previous'],
        report.questions.byTopic.map((t) => [t.topic ?? '', t.count, t.previous]),
      ),
    },
    {
      name: 'unanswered.csv',
      text: csv(
        ['why', 'count'],
        [
          ['declined', report.unanswered.declined],
          ['low_confidence', report.unanswered.lowConfidence],
          ['no_card', report.unanswered.noCard],
          ['not_helpful', report.unanswered.notHelpful],
        ],
      ),
    },
    {
      name: 'unanswered-groups.csv',
      text: csv(
        ['count', 'declined', 'low_confidence', 'no_card', 'not_helpful', 'examples'],
        report.unanswered.groups.map((g) => [
          g.count,
          g.why['declined'] ?? 0,
          g.why['low_confidence'] ?? 0,
          g.why['no_card'] ?? 0,
          g.why['not_helpful'] ?? 0,
          g.examples.join(' | '),
        ]),
      ),
    },
    {
      name: 'gaps.csv',
      text: csv(
        ['topic', 'asked', 'unsure', 'unhelpful'],
        report.gaps.map((g) => [g.topic, g.asked, g.unsure, g.unhelpful]),
      ),
    },
    {
      name: 'escalations.csv',
      text: csv(
        ['reason', 'urgent', 'normal'],
        report.escalations.map((e) => [e.reason, e.urgent, e.normal]),
      ),
    },
    {
      name: 'desk.csv',
      text: csv(
        ['figure', 'value'],
        [
          ['period_from', report.period.from],
          ['period_to', report.period.to],
          ['opened', d.opened],
          ['responded', d.responded],
          ['first_response_p50_minutes', d.firstResponseP50Minutes],
          ['first_response_p90_minutes', d.firstResponseP90Minutes],
          ['sla_breaches', d.slaBreaches],
          ['resolved', d.resolved],
          ['ratings', d.ratings.count],
          ['rating_average', d.ratings.average],
          ...d.ratings.byStars.map((n, i) => [`ratings_${i + 1}_stars`, n]),
          ['follow_ups_asked', report.followUps.asked],
          ['follow_ups_solved', report.followUps.solved],
          ['follow_ups_unsolved', report.followUps.unsolved],
        ],
      ),
    },
    {
      name: 'applications.csv',
      text: csv(
        ['kind', 'count'],
        report.applications.map((a) => [a.kind, a.count]),
      ),
    },
    {
      name: 'employers.csv',
      text: csv(
        ['employer', 'cases'],
        report.employers.map((e) => [e.name, e.cases]),
      ),
    },
  ];
}
