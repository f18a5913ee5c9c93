/**
 * `npm run report [-- --days 7] [--csv DIR] [--charts DIR] [--lang zh|en]`: the listening report of the last
 * days up to now, printed; its tables as CSV files and its charts as PNG images in DIR when asked. Runs over
 * the store, or — with the embedded store owned by a running service — through the service's admin endpoint,
 * like `npm run reindex` (admin-command.ts).
 *
 * @example
 *   process.exitCode = await runReportCommand({ argv: ['--days', '30', '--csv', 'out'], config });
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Lang } from '../i18n/lang.js';
import { loadTranslator } from '../i18n/translator.js';
import type { ListeningReport } from '../insights/listening-report.js';
import { reportCharts } from '../insights/report-charts.js';
import { reportCsv } from '../insights/report-csv.js';
import { plainReportText, reportLabels } from '../insights/report-text.js';
import { type AdminCommandOptions, type AdminIo, adminIo, runOnAdmin } from './admin-command.js';

const usage = `usage: npm run report -- [--days 7] [--csv DIR] [--charts DIR] [--lang zh|en]
  --days N      the last N days up to now (1–366, default 7)
  --csv DIR     also write the report's tables as CSV files into DIR
  --charts DIR  also write its charts as PNG images into DIR
  --lang        the report's language (default zh)`;

async function write(
  io: AdminIo,
  report: ListeningReport,
  { csv, charts, lang }: { csv?: string; charts?: string; lang: Lang },
): Promise<number> {
  const translate = loadTranslator();
  io.stdout.write(`${plainReportText(report, { translate, lang })}\n`);
  if (csv) {
    mkdirSync(csv, { recursive: true });
    for (const file of reportCsv(report)) writeFileSync(join(csv, file.name), file.text);
    io.stderr.write(`CSV files written to ${csv}\n`);
  }
  if (charts) {
    mkdirSync(charts, { recursive: true });
    for (const chart of await reportCharts(report, reportLabels(translate, lang)))
      writeFileSync(join(charts, `${chart.name}.png`), chart.png);
    io.stderr.write(`Charts written to ${charts}\n`);
  }
  return 0;
}

export async function runReportCommand(options: AdminCommandOptions): Promise<number> {
  const io = adminIo(options);
  let values: { days?: string; csv?: string; charts?: string; lang?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: options.argv,
      strict: true,
      options: {
        days: { type: 'string' },
        csv: { type: 'string' },
        charts: { type: 'string' },
        lang: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${usage}\n`);
    return 1;
  }
  if (values.help) return (void io.stdout.write(`${usage}\n`), 0);
  const days = values.days === undefined ? 7 : Number(values.days);
  const lang = values.lang ?? 'zh';
  if (!Number.isSafeInteger(days) || days < 1 || days > 366 || (lang !== 'zh' && lang !== 'en')) {
    io.stderr.write(`--days takes a whole number from 1 to 366 and --lang zh or en\n${usage}\n`);
    return 1;
  }
  const out = { csv: values.csv, charts: values.charts, lang: lang as Lang };
  return runOnAdmin(io, 'report', {
    local: async (admin) => write(io, await admin.listeningReport(days), out),
    remote: async (client) => write(io, await client.listeningReport(days), out),
  });
}
