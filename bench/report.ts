/**
 * npm run bench:report [-- --messages 10000 --cases 500 --database-url postgres://…]
 *
 * Builds the listening report of a seeded month (test/insights/seeded-month.ts: `--messages` decided questions
 * and a third as many the month before, `--cases` cases with events, ratings, follow-ups and employers) on
 * PGlite in memory, and on PostgreSQL too when --database-url is given (in a schema of its own, dropped
 * after). Prints the seeding time, the report's data, its four charts and the whole build, and whether every
 * figure matches the seed. Targets: the whole build ≤ 5 s on PostgreSQL, ≤ 15 s on PGlite.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadTranslator } from '../src/i18n/translator.js';
import { buildListeningReport } from '../src/insights/listening-report.js';
import { reportCharts } from '../src/insights/report-charts.js';
import { reportLabels, reportText } from '../src/insights/report-text.js';
import type { Db } from '../src/store/db.js';
import { openStore } from '../src/store/open-store.js';
import { mismatches, seedMonth } from '../test/insights/seeded-month.js';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '10000' },
    cases: { type: 'string', default: '500' },
    'database-url': { type: 'string' },
  },
});
const messages = Number(values.messages);
const cases = Number(values.cases);
const translate = loadTranslator();

async function bench(kind: string, db: Db, target: number): Promise<boolean> {
  let t = performance.now();
  const seeded = await seedMonth(db, { messages, cases });
  const seedMs = performance.now() - t;
  t = performance.now();
  const report = await buildListeningReport(db, seeded.period);
  const dataMs = performance.now() - t;
  const charts = await reportCharts(report, reportLabels(translate, 'zh'));
  reportText(report, { translate, lang: 'zh' });
  const totalMs = performance.now() - t;
  const wrong = mismatches(report, seeded.expected);
  console.log(
    `${kind.padEnd(10)} seeded ${messages} messages + ${cases} cases in ${(seedMs / 1000).toFixed(1)} s · report data ${dataMs.toFixed(0)} ms · ` +
      `with ${charts.length} charts ${totalMs.toFixed(0)} ms (target ≤ ${target / 1000} s: ${totalMs <= target ? 'met' : 'MISSED'}) · ` +
      `figures ${wrong.length ? `DIFFER:\n  ${wrong.join('\n  ')}` : 'match the seed'}`,
  );
  return wrong.length === 0 && totalMs <= target;
}

async function main(): Promise<number> {
  let ok = true;
  const lite = await openStore({ dataDir: 'memory://' });
  try {
    ok = (await bench('PGlite', lite, 15_000)) && ok;
  } finally {
    await lite.close();
  }
  const url = values['database-url'];
  if (url) {
    const schema = `bench_report_${process.pid}`;
    const db = await openStore({ databaseUrl: url, schema, poolSize: 5 });
    try {
      ok = (await bench('PostgreSQL', db, 5_000)) && ok;
    } finally {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    }
  }
  return ok ? 0 : 1;
}

process.exitCode = await main();
