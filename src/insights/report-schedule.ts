/**
 * When and how the listening report goes out. The weekly report (REPORT_WEEKDAY at REPORT_HOUR in the
 * union's time zone) and one asked for on demand are outbox items of the `report` channel, so they survive a
 * restart and replicas post each once (the weekly one is keyed by its scheduled time). The same clock keeps
 * the unanswered record to its retention (UNANSWERED_KEEP_DAYS).
 *
 * @example
 *   const schedule = startReportSchedule({ db, outbox, timeZone: 'Asia/Shanghai', weekday: 1, hour: 9, keepDays: 180, log });
 *   await requestReport(outbox, { days: 30, key: 'U123:1700000000' });
 */

import { zonedParts, zonedTime } from '../i18n/union-time.js';
import type { Logger } from '../log.js';
import type { Outbox } from '../outbox/outbox.js';
import type { Db } from '../store/db.js';
import { pruneAskedQuestions } from '../store/question-store.js';
import { type ReportPeriod, reportPeriod } from './listening-report.js';

/** The outbox channel the report deliverer is registered for. */
export const REPORT_CHANNEL = 'report';
const DAY_MS = 24 * 60 * 60_000;
/** How long the worker may still press "not helpful" under an answer: its words are kept that long. */
export const FEEDBACK_WINDOW_MS = 7 * DAY_MS;

export interface ReportItem {
  kind: 'listening_report';
  period: ReportPeriod;
}

/** The latest weekly run at or before `now`: ISO weekday 1 (Monday) … 7 (Sunday) at `hour` in the zone. */
export function lastWeeklyRun(now: Date, timeZone: string, weekday: number, hour: number): Date {
  const p = zonedParts(now, timeZone);
  const today = p.weekday === 0 ? 7 : p.weekday;
  const back = (today - weekday + 7) % 7;
  let run = zonedTime(timeZone, p.year, p.month, p.day - back, hour);
  if (run > now) run = zonedTime(timeZone, p.year, p.month, p.day - back - 7, hour);
  return run;
}

function enqueueReport(outbox: Outbox, period: ReportPeriod, dedupeKey: string): Promise<number> {
  return outbox.enqueue({
    channel: REPORT_CHANNEL,
    stream: 'report',
    kind: 'listening_report',
    payload: { kind: 'listening_report', period } satisfies ReportItem,
    dedupeKey,
  });
}

/** A report of the last `days` days up to now, posted once per `key` (e.g. the Slack user and command time). */
export function requestReport(
  outbox: Outbox,
  { days, key, timeZone, now = new Date() }: { days: number; key: string; timeZone: string; now?: Date },
): Promise<number> {
  return enqueueReport(outbox, reportPeriod(now, days, timeZone, { untilNow: true }), `report:asked:${key}`);
}

export interface ReportScheduleOptions {
  db: Db;
  outbox: Outbox;
  timeZone: string;
  /** ISO weekday of the weekly report (1 = Monday … 7 = Sunday); 0: no weekly report. */
  weekday: number;
  hour: number;
  /** Days the words of unanswered questions are kept. */
  keepDays: number;
  clock?: () => Date;
  log: Logger;
  everyMs?: number;
}

/** One tick: the weekly report when its time has come (within a day of it), and the record's retention. */
export async function runReportSchedule({
  db,
  outbox,
  timeZone,
  weekday,
  hour,
  keepDays,
  clock = () => new Date(),
}: Omit<ReportScheduleOptions, 'log' | 'everyMs'>): Promise<void> {
  const now = clock();
  if (weekday >= 1) {
    const run = lastWeeklyRun(now, timeZone, weekday, hour);
    if (now.getTime() - run.getTime() < DAY_MS)
      await enqueueReport(outbox, reportPeriod(run, 7, timeZone), `report:weekly:${run.toISOString()}`);
  }
  await pruneAskedQuestions(db, {
    feedbackBefore: new Date(now.getTime() - FEEDBACK_WINDOW_MS),
    keepBefore: new Date(now.getTime() - keepDays * DAY_MS),
  });
}

export function startReportSchedule({ everyMs = 5 * 60_000, log, ...options }: ReportScheduleOptions): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = runReportSchedule(options).catch((error) => log.error('insights.schedule_failed', { error }));
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
