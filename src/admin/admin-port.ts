/**
 * The admin port: what the Slack `/niangjia reindex|sources` command, the /admin endpoint and the CLI call.
 * `createAdmin` (admin.ts) implements it over the knowledge index.
 *
 * @example
 *   const summary = await admin.reindex(async (line) => postToThread(line));   // Slack
 *   const result = await admin.run((event) => bar.update(event), { dryRun: true }); // CLI, /admin
 */
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
}

/** The same, with structured results for the endpoint and the CLI. */
export interface Admin extends AdminPort {
  run(onEvent: (event: ReindexEvent) => void | Promise<void>, options?: ReindexOptions): Promise<ReindexSummary>;
}

export { RollbackError } from '../retrieval/index-rollback.js';
