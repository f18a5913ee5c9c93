import { describe, expect, it } from 'vitest';
import type { ListeningReport } from '../../src/insights/listening-report.js';
import { createReportDeliverer, type ReportDesk } from '../../src/insights/report-deliverer.js';
import { lastWeeklyRun, REPORT_CHANNEL, type ReportItem, requestReport, runReportSchedule } from '../../src/insights/report-schedule.js';
import { createOutbox, type OutboxRow } from '../../src/outbox/outbox.js';
import { storeKinds, useStore } from '../support/stores.js';

describe('the weekly schedule', () => {
  it('runs on the set weekday and hour of the union’s time zone', () => {
    // Monday 2026-05-04 09:00 Shanghai = 01:00 UTC.
    expect(lastWeeklyRun(new Date('2026-05-04T01:30:00Z'), 'Asia/Shanghai', 1, 9).toISOString()).toBe('2026-05-04T01:00:00.000Z');
    expect(lastWeeklyRun(new Date('2026-05-04T00:30:00Z'), 'Asia/Shanghai', 1, 9).toISOString()).toBe('2026-04-27T01:00:00.000Z');
    expect(lastWeeklyRun(new Date('2026-05-09T12:00:00Z'), 'Asia/Shanghai', 7, 18).toISOString()).toBe('2026-05-03T10:00:00.000Z');
  });
});

describe.each(storeKinds)('the report schedule on %s', (kind) => {
  const store = useStore(kind);

  it('posts the weekly report once per week across ticks and replicas, and one asked for once per request', async () => {
    const outbox = createOutbox({ db: store.db });
    const posted: ListeningReport[] = [];
    const desk: ReportDesk = {
      postReport: async (r) => {
        posted.push(r);
        return { ok: true };
      },
    };
    outbox.register(REPORT_CHANNEL, createReportDeliverer({ db: store.db, desk }));
    const options = { db: store.db, outbox, timeZone: 'Asia/Shanghai', weekday: 1, hour: 9, keepDays: 180 };
    for (const at of ['2026-05-04T01:05:00Z', '2026-05-04T01:10:00Z', '2026-05-04T20:00:00Z', '2026-05-06T01:00:00Z']) {
      await runReportSchedule({ ...options, clock: () => new Date(at) });
    }
    await runReportSchedule({ ...options, clock: () => new Date('2026-05-11T02:00:00Z') });
    await runReportSchedule({ ...options, weekday: 0, clock: () => new Date('2026-05-18T02:00:00Z') }); // off
    await requestReport(outbox, { days: 30, key: 'U1:1', timeZone: 'Asia/Shanghai', now: new Date('2026-05-12T03:00:00Z') });
    await requestReport(outbox, { days: 30, key: 'U1:1', timeZone: 'Asia/Shanghai', now: new Date('2026-05-12T03:00:00Z') });
    await outbox.drain();
    expect(posted.map((r) => [r.period.label, r.period.days])).toEqual([
      ['2026-04-27 – 2026-05-03', 7],
      ['2026-05-04 – 2026-05-10', 7],
      ['2026-04-13 – 2026-05-12', 30],
    ]);
    const items = await store.db.query<OutboxRow>(`select payload from outbox where channel = $1`, [REPORT_CHANNEL]);
    expect((items[0]!.payload as ReportItem).kind).toBe('listening_report');
  });
});
