/**
 * What a re-index has to do: hash every knowledge file, compare with the live version (added, changed,
 * renamed = same bytes under a new path, removed, unchanged), and read the files that must be embedded.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Embedder } from '../llm/embedder.js';
import type { IndexVersion, StoredDocument } from '../store/knowledge-store.js';
import type { SourceMove } from '../store/reindex-store.js';
import { knowledgeFileHash } from './formats/index.js';
import type { ReindexEvent } from './index-update.js';
import { isIssueCardFile } from './issue-card-document.js';
import { articlesOnce, type FailedFile, type KnowledgeDocument, loadKnowledgeFile, partFailures } from './knowledge-loader.js';

export interface Plan {
  files: string[];
  hashes: Map<string, string>;
  added: string[];
  changed: string[];
  removed: string[];
  renamed: SourceMove[];
  unchanged: string[];
  failed: FailedFile[];
}

/** Why every document must be re-embedded, or undefined when an incremental run will do. */
export function whyFull(live: IndexVersion | undefined, embedder: Embedder, requested: boolean): string | undefined {
  if (requested) return 'requested';
  if (!live) return 'no live index yet';
  if (live.embedder !== embedder.id || (embedder.dimensions > 0 && live.dimensions !== embedder.dimensions)) {
    return `the embedder changed (${live.embedder}, dim ${live.dimensions} → ${embedder.id}, dim ${embedder.dimensions})`;
  }
  return undefined;
}

/**
 * Hashes every file and compares with the live version: what is added, changed, renamed, removed. A file
 * larger than `maxFileBytes` (KNOWLEDGE_MAX_FILE_MB) is not read: it fails like a corrupt one.
 */
export async function planChanges(
  knowledgeDir: string,
  files: string[],
  liveDocs: StoredDocument[],
  onEvent: (event: ReindexEvent) => void | Promise<void>,
  maxFileBytes = Infinity,
): Promise<Plan> {
  const hashes = new Map<string, string>();
  const failed: FailedFile[] = [];
  for (const [i, source] of files.entries()) {
    try {
      const path = join(knowledgeDir, source);
      const { size } = await stat(path);
      if (size > maxFileBytes) {
        const mb = (bytes: number) => Number((bytes / 2 ** 20).toFixed(1));
        failed.push({
          path: source,
          reason: `${mb(size)} MB is more than KNOWLEDGE_MAX_FILE_MB (${mb(maxFileBytes)} MB): split the document, or raise the setting`,
        });
      } else {
        hashes.set(source, await knowledgeFileHash(path, await readFile(path)));
      }
    } catch (error) {
      failed.push({ path: source, reason: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
    }
    await onEvent({ type: 'progress', phase: 'read', done: i + 1, total: files.length, path: source });
  }
  const liveBySource = new Map(liveDocs.map((d) => [d.source, d.contentHash] as const));
  const unchanged: string[] = [];
  const changed: string[] = [];
  const fresh: string[] = [];
  for (const [source, hash] of hashes) {
    const before = liveBySource.get(source);
    if (before === undefined) fresh.push(source);
    else (before === hash ? unchanged : changed).push(source);
  }
  // Live documents whose file is gone (and not merely unreadable) may have been renamed: same bytes, new path.
  const gone = liveDocs.filter((d) => !files.includes(d.source));
  const renamed: SourceMove[] = [];
  const added: string[] = [];
  for (const source of fresh) {
    const origin = gone.find((d) => d.contentHash === hashes.get(source) && !renamed.some((r) => r.from === d.source));
    if (origin) renamed.push({ from: origin.source, to: source });
    else added.push(source);
  }
  const removed = gone.filter((d) => !renamed.some((r) => r.from === d.source)).map((d) => d.source);
  // Issue cards are checked against the laws: when a law changed, unchanged card files are read again.
  const lawsMoved = [...changed, ...added, ...removed, ...renamed.flatMap((r) => [r.from, r.to])].some((s) => s.startsWith('laws/'));
  if (lawsMoved) {
    for (const source of unchanged.filter(isIssueCardFile)) {
      unchanged.splice(unchanged.indexOf(source), 1);
      changed.push(source);
    }
  }
  return { files, hashes, added, changed, removed, renamed, unchanged, failed };
}

export async function loadDocuments(
  knowledgeDir: string,
  sources: string[],
  plan: Plan,
  liveSources: Set<string>,
  canKeepOld: boolean,
): Promise<{ documents: KnowledgeDocument[]; kept: string[] }> {
  const documents: KnowledgeDocument[] = [];
  const kept: string[] = [];
  const articles = articlesOnce();
  for (const source of sources) {
    try {
      documents.push(await loadKnowledgeFile(knowledgeDir, source, undefined, articles));
    } catch (error) {
      const e = error as Error & { reason?: string };
      const keep = canKeepOld && liveSources.has(source);
      if (keep) kept.push(source);
      plan.failed.push({ path: source, reason: (e.reason ?? e.message) + (keep ? ' — the previous version stays indexed' : '') });
    }
  }
  // Files unreadable at hashing time that were indexed before are kept the same way.
  for (const f of plan.failed) if (!plan.hashes.has(f.path) && canKeepOld && liveSources.has(f.path)) kept.push(f.path);
  const failed = new Set(plan.failed.map((f) => f.path));
  plan.changed = plan.changed.filter((s) => !failed.has(s));
  plan.added = plan.added.filter((s) => !failed.has(s));
  // Cards indexed without some of their cards: the file is in, the failed cards are reported.
  for (const doc of documents) plan.failed.push(...partFailures(doc));
  return { documents, kept };
}

export function sumPassages(liveDocs: StoredDocument[], moves: SourceMove[]): number {
  const bySource = new Map(liveDocs.map((d) => [d.source, d.passages] as const));
  return moves.reduce((n, m) => n + (bySource.get(m.from) ?? 0), 0);
}
