/**
 * The admin port over the knowledge index — re-index (incremental, one at a time), list sources, roll back —
 * and over the outbox's dead letters (list, retry). One instance per service, shared by the Slack command
 * and the /admin endpoint so they share the lock.
 *
 * @example
 *   const admin = createAdmin({ db, embedder, knowledgeDir: config.KNOWLEDGE_DIR, versionsKept: config.INDEX_VERSIONS_KEPT, log });
 *   await admin.reindex(async (line) => post(line));          // → summary text
 *   await admin.sources();                                    // → listing of the live version
 */

import { DEFAULT_TIME_ZONE, formatDateTime } from '../i18n/union-time.js';
import { buildListeningReport, reportPeriod } from '../insights/listening-report.js';
import type { Embedder } from '../llm/embedder.js';
import { type Logger, silentLogger } from '../log.js';
import { documentStatus } from '../retrieval/document-status.js';
import { rollbackIndex } from '../retrieval/index-rollback.js';
import { updateIndex, type VersionExtras } from '../retrieval/index-update.js';
import type { Db } from '../store/db.js';
import { createKnowledgeStore } from '../store/knowledge-store.js';
import type { Admin } from './admin-port.js';
import { deadLetterAdmin } from './dead-letters.js';
import { createReindexLock } from './reindex-lock.js';
import { eventLines, formatSummary } from './reindex-report.js';

export interface AdminOptions {
  db: Db;
  embedder: Embedder;
  knowledgeDir: string;
  /** INDEX_VERSIONS_KEPT: retired versions kept for rollback. */
  versionsKept?: number;
  log?: Logger;
  /** HNSW index on PostgreSQL (default true). */
  vectorIndex?: boolean;
  /** What else a version carries (the triage model), built before each switch. */
  extras?: VersionExtras;
  /** The service's outbox: retried dead letters go out at once. */
  outbox?: { kick(): void };
  clock?: () => Date;
  /** The union's time zone (UNION_TIME_ZONE): the report counts its days. */
  timeZone?: string;
  /** Files larger than this are reported and skipped (KNOWLEDGE_MAX_FILE_MB). */
  maxFileBytes?: number;
}

export function createAdmin({
  db,
  embedder,
  knowledgeDir,
  versionsKept = 3,
  log = silentLogger,
  vectorIndex = true,
  extras,
  outbox,
  clock,
  timeZone = DEFAULT_TIME_ZONE,
  maxFileBytes = Infinity,
}: AdminOptions): Admin {
  const lock = createReindexLock(db);
  const run: Admin['run'] = async (onEvent, { dryRun = false, full = false } = {}) => {
    const summary = await lock.run(() =>
      updateIndex({ db, embedder, knowledgeDir, log, onEvent, keep: versionsKept, dryRun, full, vectorIndex, extras, maxFileBytes }),
    );
    if (!dryRun) await createKnowledgeStore(db).vacuumTermsAfterLock();
    return summary;
  };

  return {
    ...deadLetterAdmin({ db, outbox, clock, log, timeZone }),
    run,
    async reindex(report, options) {
      return formatSummary(await run(eventLines(report), options));
    },
    sources: () => listSources(db, timeZone),
    listeningReport: (days) => buildListeningReport(db, reportPeriod(clock?.() ?? new Date(), days, timeZone, { untilNow: true })),
    async rollback() {
      // Under the re-index lock: a rollback in the middle of a build would be undone by its switch.
      const { from, to } = await lock.run(() => rollbackIndex({ db, embedder }));
      log.info('index.rolled_back', { from, to });
      return `Rolled back: version ${to} is live again (version ${from} is kept as retired).`;
    },
  };
}

async function listSources(db: Db, timeZone: string): Promise<string> {
  const store = createKnowledgeStore(db);
  const live = await store.liveVersion();
  if (!live) return 'No live index yet: run npm run reindex.';
  const docs = await store.listDocuments(live.id);
  const retained = (await store.listVersions()).filter((v) => v.status === 'retired').map((v) => v.id);
  const since = live.activatedAt ? `${formatDateTime(new Date(live.activatedAt), timeZone)} (${timeZone})` : '—';
  const lines = [
    `Index version ${live.id} (live since ${since}, ${live.embedder}), ${docs.length} documents, ` +
      `${docs.reduce((n, d) => n + d.passages, 0)} passages. Kept for rollback: ${retained.length ? retained.join(', ') : 'none'}.`,
    ...docs.map((d) => {
      const status = documentStatus(d.meta);
      return (
        `• ${d.title} — ${d.source} · v${live.id} · effective ${d.effective ?? '—'} · ${d.passages} passages` +
        (status === 'in force' ? '' : ` · ${status} (not used in answers)`)
      );
    }),
  ];
  return lines.join('\n');
}
