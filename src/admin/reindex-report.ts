/**
 * What a re-index tells the admin: progress events while it runs and a summary at the end. The same data
 * feeds the terminal progress bar, the NDJSON stream of /admin/reindex and the lines posted to Slack.
 */

import type { ReindexEvent, ReindexPhase, ReindexSummary } from '../retrieval/index-update.js';

export type { ReindexEvent, ReindexPhase, ReindexSummary };

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The plain-text summary printed by the CLI and posted to Slack. */
export function formatSummary(s: ReindexSummary, { listLimit = 30 }: { listLimit?: number } = {}): string {
  const changedAnything = s.added.length + s.changed.length + s.removed.length + s.renamed.length > 0 || s.full;
  const head = s.dryRun
    ? `Dry run (nothing written): ${changedAnything ? 'a re-index would change the following' : 'the index is up to date'}.`
    : s.version !== null && s.version !== s.previousVersion
      ? `Re-index done in ${seconds(s.ms)}: version ${s.version} is live${s.previousVersion ? ` (was ${s.previousVersion})` : ''}.`
      : `Re-index done in ${seconds(s.ms)}: nothing changed, version ${s.version ?? '—'} stays live.`;
  const lines = [
    head,
    ...(s.full && s.fullReason ? [`Full rebuild: ${s.fullReason}.`] : []),
    `added ${s.added.length} · changed ${s.changed.length} · removed ${s.removed.length} · renamed ${s.renamed.length} · ` +
      `unchanged ${s.unchanged} · failed ${s.failed.length}`,
    `passages ${s.passages} (embedded ${s.embedded})`,
  ];
  const items = [
    ...s.added.map((p) => `  + ${p}`),
    ...s.changed.map((p) => `  ~ ${p}`),
    ...s.renamed.map((r) => `  → ${r.from} → ${r.to}`),
    ...s.removed.map((p) => `  - ${p}`),
  ];
  lines.push(...items.slice(0, listLimit));
  if (items.length > listLimit) lines.push(`  … and ${items.length - listLimit} more`);
  // Failures are always listed in full: each one is something the admin has to fix.
  lines.push(...s.failed.map((f) => `  ✗ ${f.path}: ${f.reason}`));
  if (s.placeholders.length) {
    lines.push(`Unfilled placeholders (left out of answers until filled): ${s.placeholders.length} files`);
    lines.push(...s.placeholders.map((p) => `  {{}} ${p.path}: ${p.names.join(', ')}`));
  }
  return lines.join('\n');
}

/** One line for an event, or undefined when it is not worth a line of its own. */
export function describeEvent(e: ReindexEvent): string | undefined {
  if (e.type === 'start') return `Re-indexing ${e.files} files${e.full ? ` (full rebuild${e.reason ? `: ${e.reason}` : ''})` : ''}…`;
  if (e.type === 'failed') return `✗ ${e.path}: ${e.reason}`;
  const what = { read: 'reading', embed: 'embedding passages', switch: 'switching to the new version' }[e.phase];
  return `${what} ${e.done}/${e.total}`;
}

/**
 * Turns events into a few lines for a chat: the start, each failure, and progress at most every `every`
 * (a quarter by default) of each phase — a Slack thread should not get one message per file.
 */
export function eventLines(report: (line: string) => Promise<void>, { every = 0.25 } = {}): (e: ReindexEvent) => Promise<void> {
  let lastPhase: ReindexPhase | undefined;
  let lastShare = 0;
  return async (e) => {
    if (e.type !== 'progress') return report(describeEvent(e)!);
    if (e.total === 0) return;
    const share = e.done / e.total;
    if (e.phase !== lastPhase) {
      lastPhase = e.phase;
      lastShare = 0;
    }
    if (share - lastShare >= every || (e.done === e.total && lastShare < 1)) {
      lastShare = share;
      await report(describeEvent(e)!);
    }
  };
}
