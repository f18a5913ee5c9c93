/**
 * Delivers the `report` outbox items: builds the report of the item's period from the store at delivery
 * time and hands it to the desk (Slack: text and chart images in the cases channel; the console: printed).
 * A report is retried like any post; a retry after a crash halfway may post it again (it is not a case
 * message to a worker, and it is read, not acted on).
 *
 * @example
 *   outbox.register(REPORT_CHANNEL, createReportDeliverer({ db, desk: slack.reports }));
 */

import { type Logger, silentLogger } from '../log.js';
import type { Deliverer } from '../outbox/outbox.js';
import type { Db } from '../store/db.js';
import { buildListeningReport, type ListeningReport } from './listening-report.js';
import type { ReportItem } from './report-schedule.js';

/**
 * Port: show a listening report to staff. Implemented by the Slack desk and the console desk. Throw
 * `DeliveryError` to say whether to retry.
 */
export interface ReportDesk {
  postReport(report: ListeningReport): Promise<unknown>;
}

export function createReportDeliverer({ db, desk, log = silentLogger }: { db: Db; desk: ReportDesk; log?: Logger }): Deliverer {
  return async (item) => {
    const { period } = item.payload as ReportItem;
    const started = performance.now();
    const report = await buildListeningReport(db, period);
    const result = await desk.postReport(report);
    log.info('insights.report_posted', {
      from: period.from,
      to: period.to,
      questions: report.questions.total,
      ms: Math.round(performance.now() - started),
    });
    return result;
  };
}
