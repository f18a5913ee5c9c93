/**
 * The admin port: what the Slack `/niangjia reindex|sources|rollback|outbox` command, the /admin endpoint and
 * the CLIs (`npm run reindex`, `npm run outbox`) call. `createAdmin` (admin.ts) implements it over the
 * knowledge index and the outbox's dead letters.
 *
 * @example
 *   const summary = await admin.reindex(async (line) => postToThread(line));   // Slack
 *   const result = await admin.run((event) => bar.update(event), { dryRun: true }); // CLI, /admin
 *   await admin.retryDeadLetters(812);                                          // → 'Put 1 dead letter back …'
 */

import type { ListeningReport } from '../insights/listening-report.js';
import type { ReindexEvent, ReindexSummary } from './reindex-report.js';

export interface ReindexOptions {
  /** List what would be added, changed, removed; write nothing. */
  dryRun?: boolean;
  /** Re-read and re-embed every document even when unchanged. */
  full?: boolean;
}

/** The small port a chat command needs: progress lines in, a summary out. */
export interface AdminPort {
  reindex(report: (line: string) => Promise<void>, options?: ReindexOptions): Promise<string>;
  sources(): Promise<string>;
  rollback(): Promise<string>;
  /** The outbox items given up on, newest first, without workers' personal data. */
  deadLetters(): Promise<string>;
  /** Puts one dead letter (by outbox id) or all of them back in the outbox; says what it did. */
  retryDeadLetters(which: number | 'all'): Promise<string>;
}

/** The same, with structured results for the endpoint and the CLI. */
export interface Admin extends AdminPort {
  run(onEvent: (event: ReindexEvent) => void | Promise<void>, options?: ReindexOptions): Promise<ReindexSummary>;
  /** The listening report of the last `days` days up to now (`npm run report`, GET /admin/report). */
  listeningReport(days: number): Promise<ListeningReport>;
}

export { RollbackError } from '../retrieval/index-rollback.js';
