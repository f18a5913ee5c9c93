/**
 * Incremental re-index. A run builds a new version beside the live one: documents whose content hash is
 * unchanged are copied with their passages and embeddings (SQL, no re-embedding), a renamed file (same hash,
 * new path) too; changed and new files are parsed and embedded; deleted files are simply absent. Another
 * embedder (id or dimension) or `full` re-embeds everything. The switch is one transaction, so questions
 * asked meanwhile are answered from the old version; a failed or interrupted run leaves it live.
 *
 * @example
 *   const summary = await updateIndex({ db, embedder, knowledgeDir: './knowledge', keep: 3, onEvent: console.log });
 *   const plan = await updateIndex({ db, embedder, knowledgeDir, dryRun: true }); // writes nothing
 */

import { type Embedder, isCorpusFitted } from '../llm/embedder.js';
import { type Logger, silentLogger } from '../log.js';
import type { Db } from '../store/db.js';
import { createKnowledgeStore, type IndexVersion, POOLS, poolOf, poolTerm } from '../store/knowledge-store.js';
import { createReindexStore, type SourceMove } from '../store/reindex-store.js';
import { isInForce } from './document-status.js';
import { IndexBuildError } from './index-builder.js';
import { loadDocuments, planChanges, sumPassages, whyFull } from './index-plan.js';
import { type FailedFile, type KnowledgeDocument, listKnowledgeFiles } from './knowledge-loader.js';
import { bm25Weights } from './lexical-weights.js';
import { scanPlaceholders, type UnfilledPlaceholders } from './placeholders.js';

export type ReindexPhase = 'read' | 'embed' | 'switch';

export type ReindexEvent =
  | { type: 'start'; files: number; full: boolean; reason?: string }
  | { type: 'progress'; phase: ReindexPhase; done: number; total: number; path?: string }
  | { type: 'failed'; path: string; reason: string };

export interface ReindexSummary {
  dryRun: boolean;
  /** Every document re-embedded (first build, `full`, or another embedder). */
  full: boolean;
  fullReason?: string;
  /** The live version after the run (the old one when nothing changed or on a dry run). */
  version: number | null;
  previousVersion: number | null;
  added: string[];
  changed: string[];
  removed: string[];
  renamed: SourceMove[];
  unchanged: number;
  failed: FailedFile[];
  /** Documents in the live version after the run (in the would-be version on a dry run). */
  documents: number;
  /** Passages in the live version after the run (in the would-be version on a dry run). */
  passages: number;
  /** Passages embedded by this run. */
  embedded: number;
  /** `{{PLACEHOLDERS}}` the admin has not filled, by file: they never reach a worker, but the text is incomplete. */
  placeholders: UnfilledPlaceholders[];
  ms: number;
}

export interface UpdateIndexOptions {
  db: Db;
  embedder: Embedder;
  knowledgeDir: string;
  log?: Logger;
  onEvent?: (event: ReindexEvent) => void | Promise<void>;
  /** Retired versions kept for rollback (INDEX_VERSIONS_KEPT). */
  keep?: number;
  dryRun?: boolean;
  full?: boolean;
  /** Build the per-version HNSW index (default true): ~10x faster vector search on both stores. */
  vectorIndex?: boolean;
  embedBatch?: number;
  /** What else a version carries besides passages (the triage model): built before the switch. */
  extras?: VersionExtras;
  /** Files larger than this are reported and skipped (KNOWLEDGE_MAX_FILE_MB). */
  maxFileBytes?: number;
}

/**
 * Work that belongs to a version and must be ready before it goes live. `changed` says whether its own
 * inputs changed since the live version (then a run builds a new version even when no document changed);
 * `build` fails the build when it throws, and the previous version stays live.
 */
export interface VersionExtras {
  changed(liveVersionId: number): Promise<boolean>;
  build(versionId: number): Promise<void>;
}

export async function updateIndex({
  db,
  embedder,
  knowledgeDir,
  log = silentLogger,
  onEvent = () => {},
  keep = 3,
  dryRun = false,
  full = false,
  vectorIndex = true,
  embedBatch = 128,
  extras,
  maxFileBytes = Infinity,
}: UpdateIndexOptions): Promise<ReindexSummary> {
  const started = performance.now();
  const store = createKnowledgeStore(db);
  if (!dryRun) await cleanStaleBuilds(db, log);
  const live = await store.liveVersion();
  const liveDocs = live ? await store.listDocuments(live.id) : [];
  const fullReason = whyFull(live, embedder, full);
  const files = await listKnowledgeFiles(knowledgeDir);
  await onEvent({ type: 'start', files: files.length, full: Boolean(fullReason), reason: fullReason });
  const plan = await planChanges(knowledgeDir, files, liveDocs, onEvent, maxFileBytes);
  const placeholders = await scanPlaceholders(knowledgeDir, files);

  // Parse what must be embedded. A file that used to index but now fails keeps its previous version
  // (when the embedder is the same), so one bad save does not drop a law from answers.
  const toLoad = fullReason ? [...plan.hashes.keys()] : [...plan.changed, ...plan.added];
  const { documents, kept } = await loadDocuments(
    knowledgeDir,
    toLoad,
    plan,
    new Set(liveDocs.map((d) => d.source)),
    Boolean(live && !whyFull(live, embedder, false)),
  );
  for (const f of plan.failed) {
    log.warn('index.file_skipped', { path: f.path, reason: f.reason });
    await onEvent({ type: 'failed', ...f });
  }
  const moves: SourceMove[] = fullReason
    ? kept.map((s) => ({ from: s, to: s }))
    : [...plan.unchanged, ...kept].map((s) => ({ from: s, to: s })).concat(plan.renamed);
  const copiedPassages = sumPassages(liveDocs, moves);
  const newPassages = documents.reduce((n, d) => n + d.passages.length, 0);
  const summary = (version: number | null, embedded: number): ReindexSummary => ({
    dryRun,
    full: Boolean(fullReason),
    fullReason,
    version,
    previousVersion: live?.id ?? null,
    added: plan.added,
    changed: plan.changed,
    removed: plan.removed,
    renamed: plan.renamed,
    unchanged: plan.unchanged.length,
    failed: plan.failed,
    documents: moves.length + documents.length,
    passages: copiedPassages + newPassages,
    embedded,
    placeholders,
    ms: Math.round(performance.now() - started),
  });
  const nothingChanged =
    !fullReason &&
    !documents.length &&
    !plan.removed.length &&
    !plan.renamed.length &&
    !(live && extras && (await extras.changed(live.id)));
  if (dryRun || nothingChanged) return summary(live?.id ?? null, 0);
  if (!moves.length && !documents.length) {
    throw new IndexBuildError(`No documents could be indexed in ${knowledgeDir} (${plan.failed.length} failed): check KNOWLEDGE_DIR`);
  }
  const version = await writeVersion({
    db,
    live,
    embedder,
    fullReason,
    documents,
    moves,
    vectorIndex,
    keep,
    embedBatch,
    onEvent,
    log,
    failed: plan.failed,
    started,
    extras,
    placeholders,
  });
  const result = summary(version, newPassages);
  log.info('index.updated', {
    version,
    previous: live?.id,
    added: result.added.length,
    changed: result.changed.length,
    removed: result.removed.length,
    failed: result.failed.length,
    embedded: newPassages,
    ms: result.ms,
  });
  return result;
}

async function cleanStaleBuilds(db: Db, log: Logger): Promise<void> {
  const store = createKnowledgeStore(db);
  for (const id of await createReindexStore(db).staleBuilds()) {
    log.warn('index.stale_build_removed', { version: id });
    await store.failVersion(id, 'interrupted build, cleaned up by the next run');
  }
}

interface WriteOptions {
  db: Db;
  live: IndexVersion | undefined;
  embedder: Embedder;
  fullReason: string | undefined;
  documents: KnowledgeDocument[];
  moves: SourceMove[];
  vectorIndex: boolean;
  keep: number;
  embedBatch: number;
  onEvent: (event: ReindexEvent) => void | Promise<void>;
  log: Logger;
  failed: FailedFile[];
  started: number;
  extras?: VersionExtras;
  placeholders: UnfilledPlaceholders[];
}

/** Writes the new version (copies, new documents, lexical weights), switches to it, prunes old versions. */
async function writeVersion(o: WriteOptions): Promise<number> {
  const store = createKnowledgeStore(o.db);
  const rstore = createReindexStore(o.db);
  const texts = o.documents.flatMap((d) => d.passages.map((p) => p.searchText));
  let version: number | undefined;
  try {
    const { embedder: active, state } = await versionEmbedder(o, texts);
    const vectors: ArrayLike<number>[] = [];
    for (let i = 0; i < texts.length; i += o.embedBatch) {
      vectors.push(...(await active.embed(texts.slice(i, i + o.embedBatch))));
      await o.onEvent({ type: 'progress', phase: 'embed', done: Math.min(i + o.embedBatch, texts.length), total: texts.length });
    }
    const dimensions = vectors[0]?.length ?? (o.fullReason ? active.dimensions : o.live!.dimensions);
    version = await store.beginVersion({ embedder: active.id, dimensions, state });
    if (o.live) await rstore.copyDocuments(o.live.id, version, o.moves);
    const embeddedIds = new Set<number>();
    let offset = 0;
    for (const doc of o.documents) {
      const ids = await store.addDocument(
        version,
        doc,
        doc.passages.map((p, j) => ({ ...p, embedding: vectors[offset + j]! })),
      );
      for (const id of ids) embeddedIds.add(id);
      if (!isInForce(doc.meta)) await rstore.deactivateDocument(version, doc.source);
      offset += doc.passages.length;
    }
    const terms = await lexicalWeights(o, version, embeddedIds);
    if (o.vectorIndex) for (const pool of POOLS) await store.createVectorIndex(version, dimensions, pool);
    await o.extras?.build(version);
    await o.onEvent({ type: 'progress', phase: 'switch', done: 0, total: 1 });
    const counts = await rstore.passageCounts(version);
    await store.activate(version, {
      documents: o.moves.length + o.documents.length,
      passages: counts.total,
      active: counts.active,
      terms,
      embedded: texts.length,
      failed: o.failed,
      placeholders: o.placeholders,
      ms: Math.round(performance.now() - o.started),
    });
    await o.onEvent({ type: 'progress', phase: 'switch', done: 1, total: 1 });
  } catch (error) {
    if (version !== undefined) await store.failVersion(version, (error as Error).message).catch(() => {});
    throw new IndexBuildError(`Index build failed; the previous index stays live: ${(error as Error).message}`, { cause: error });
  }
  await store.pruneVersions(o.keep).catch((error: unknown) => o.log.warn('index.prune_failed', { error }));
  return version;
}

/**
 * BM25 weights of the new version. When this run embedded only a small share of it, copied passages keep
 * the weights they had (copied in SQL — inserting ~100k rows from JS is the slow part of a small re-index)
 * and only the new passages get weights, computed with the new version's statistics; the IDF drift that
 * leaves is bounded by that share. Otherwise, and on full builds, every weight is computed afresh.
 * Returns how many term rows were written from JS.
 */
async function lexicalWeights(o: WriteOptions, version: number, embeddedIds: Set<number>): Promise<number> {
  const store = createKnowledgeStore(o.db);
  const rstore = createReindexStore(o.db);
  const passages = await rstore.activePassageTexts(version);
  const copyOld = Boolean(o.live) && !o.fullReason && embeddedIds.size <= COPY_WEIGHTS_MAX_SHARE * passages.length;
  if (copyOld) await rstore.copyTerms(o.live!.id, version, o.moves);
  // Each pool (articles and guides; issue-card phrasings) has its own statistics and its own term names.
  const rows = (['articles', 'cards'] as const)
    .flatMap((pool) => {
      const members = passages.filter((p) => poolOf(p.kind) === pool);
      return bm25Weights(members.map((p) => p.searchText)).map((r) => ({
        term: poolTerm(pool, r.term),
        passageId: members[r.index]!.id,
        weight: r.weight,
      }));
    })
    .filter((r) => !copyOld || embeddedIds.has(r.passageId));
  await store.addTerms(version, rows);
  return rows.length;
}

/** Above this share of newly embedded passages, all lexical weights are recomputed. */
const COPY_WEIGHTS_MAX_SHARE = 0.1;

/**
 * The embedder for the new version. A full build fits a corpus-fitted embedder afresh; an incremental one
 * keeps the live version's fitted state — extended with words new to the corpus, when the embedder can — so
 * copied vectors and new ones live in the same space.
 */
async function versionEmbedder(o: WriteOptions, texts: string[]): Promise<{ embedder: Embedder; state: unknown }> {
  if (!isCorpusFitted(o.embedder)) return { embedder: o.embedder, state: undefined };
  if (o.fullReason) return o.embedder.fit(texts);
  const state = await createKnowledgeStore(o.db).embedderState(o.live!.id);
  return o.embedder.extend ? o.embedder.extend(state, texts) : { embedder: o.embedder.restore(state), state };
}
