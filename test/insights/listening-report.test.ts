import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTranslator } from '../../src/i18n/translator.js';
import { buildListeningReport, reportPeriod } from '../../src/insights/listening-report.js';
import { groupByLikeness } from '../../src/insights/question-groups.js';
import { reportCharts } from '../../src/insights/report-charts.js';
import { reportCsv } from '../../src/insights/report-csv.js';
import { reportLabels, reportText } from '../../src/insights/report-text.js';
import { storeKinds, useStore } from '../support/stores.js';
import { mismatches, seedMonth } from './seeded-month.js';

const translate = loadTranslator();

describe('report periods and groups', () => {
  it('counts whole days in the union’s time zone', () => {
    // 2026-05-04 09:00 in Shanghai is 01:00 UTC; the week before is 04-27 00:00 – 05-04 00:00 Shanghai time.
    const p = reportPeriod(new Date('2026-05-04T01:00:00Z'), 7, 'Asia/Shanghai');
    expect(p).toMatchObject({ from: '2026-04-26T16:00:00.000Z', to: '2026-05-03T16:00:00.000Z', label: '2026-04-27 – 2026-05-03' });
    const now = reportPeriod(new Date('2026-05-04T01:00:00Z'), 7, 'Asia/Shanghai', { untilNow: true });
    expect(now).toMatchObject({ from: '2026-04-27T16:00:00.000Z', to: '2026-05-04T01:00:00.000Z', label: '2026-04-28 – 2026-05-04' });
  });

  it('groups questions by likeness, biggest first, examples as asked', () => {
    const groups = groupByLikeness([
      '外卖骑手算不算劳动关系',
      '试用期最长多久',
      '外卖骑手算不算劳动关系？急',
      '请问外卖骑手算不算劳动关系，谢谢',
    ]);
    expect(groups.map((g) => [g.count, g.examples[0]])).toEqual([
      [3, '外卖骑手算不算劳动关系'],
      [1, '试用期最长多久'],
    ]);
  });
});

describe.each(storeKinds)('the listening report on %s', (kind) => {
  const store = useStore(kind);

  it('matches a seeded month of 10,000 messages and 500 cases exactly, and renders text, charts and CSV', async () => {
    const seeded = await seedMonth(store.db, { messages: 10_000, cases: 500 });
    const started = performance.now();
    const report = await buildListeningReport(store.db, seeded.period);
    const built = performance.now() - started;
    const charts = await reportCharts(report, reportLabels(translate, 'zh'));
    const total = performance.now() - started;
    console.log(`listening report on ${kind}: data ${built.toFixed(0)} ms, with 4 charts ${total.toFixed(0)} ms`);
    expect(total).toBeLessThan(kind === 'postgres' ? 5_000 : 15_000);

    expect(mismatches(report, seeded.expected)).toEqual([]);
    expect(
      mismatches({ ...report, followUps: { ...report.followUps, solved: report.followUps.solved + 1 } }, seeded.expected),
    ).toHaveLength(1);
    expect(report.questions.total).toBe(10_000);
    expect(report.desk.ratings.average).toBeGreaterThan(1);

    // No worker identity anywhere: the seed's workers have pseudonyms W-S…, none may appear.
    const text = reportText(report, { translate, lang: 'zh' });
    expect(text).toContain('倾听报告 · 2026-04-01 – 2026-04-30（30 天）');
    expect(text).toContain('职工提问*：10,000 条（上一周期 3,333 条，↑200%）');
    expect(text).not.toMatch(/W-S\d/);
    expect(JSON.stringify(report)).not.toMatch(/W-S\d|worker_?id/i);
    expect(charts.map((c) => c.name)).toEqual(['topics', 'unanswered', 'escalations', 'ratings']);
    for (const c of charts) expect(c.png.subarray(1, 4).toString()).toBe('PNG');
    if (kind === 'pglite') for (const c of charts) writeFileSync(join(tmpdir(), `niangjia-report-${c.name}.png`), c.png);
    const csv = reportCsv(report);
    expect(csv.map((f) => f.name)).toContain('topics.csv');
    expect(csv.find((f) => f.name === 'employers.csv')!.text).toContain(`${report.employers[0]!.name},${report.employers[0]!.cases}`);
  });
});
