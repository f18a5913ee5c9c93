/**
 * Builds the knowledge index into a new version beside the live one and switches to it in one
 * transaction; a failed build leaves the live version serving. `ensureIndexed` is what start-up calls:
 * build on first start, otherwise check that the live index was built by the configured embedder.
 *
 * @example
 *   const summary = await buildIndex({ db, embedder, knowledgeDir: './knowledge', log });
 *   await ensureIndexed({ db, embedder, knowledgeDir: config.KNOWLEDGE_DIR, log });
 */
import type { Db } from '../store/db.js';
import { createKnowledgeStore, type IndexVersion } from '../store/knowledge-store.js';
import { isCorpusFitted, type Embedder } from '../llm/embedder.js';
import { silentLogger, type Logger } from '../log.js';
import { loadKnowledge, type FailedFile } from './knowledge-loader.js';
import { bm25Weights } from './lexical-weights.js';

export interface BuildProgress {
  phase: 'read' | 'embed' | 'write' | 'index' | 'switch';
  done: number;
  total: number;
}

export interface BuildOptions {
  db: Db;
  embedder: Embedder;
  knowledgeDir: string;
  log?: Logger;
  onProgress?: (progress: BuildProgress) => void;
  /** Retired versions kept for rollback (INDEX_VERSIONS_KEPT). */
  keep?: number;
  /** HNSW index on PostgreSQL (default true). PGlite scans the live version exactly: faster at this size. */
  vectorIndex?: boolean;
}

export interface BuildSummary {
  version: number;
  retired: number | undefined;
  documents: number;
  passages: number;
  failed: FailedFile[];
  ms: number;
}

/** The live index does not fit the configured embedder, or there is none where one is needed. */
export class IndexMismatchError extends Error {
  override name = 'IndexMismatchError';
}

export class IndexBuildError extends Error {
  override name = 'IndexBuildError';
}

const EMBED_BATCH = 128;

export async function buildIndex({
  db,
  embedder,
  knowledgeDir,
  log = silentLogger,
  onProgress = () => {},
  keep = 3,
  vectorIndex = true,
}: BuildOptions): Promise<BuildSummary> {
  const started = performance.now();
  const store = createKnowledgeStore(db);
  onProgress({ phase: 'read', done: 0, total: 1 });
  const { documents, failed } = await loadKnowledge({ knowledgeDir });
  for (const f of failed) log.warn('index.file_skipped', { path: f.path, reason: f.reason });
  if (!documents.length) {
    throw new IndexBuildError(`No documents could be indexed in ${knowledgeDir} (${failed.length} failed): check KNOWLEDGE_DIR`);
  }
  const passages = documents.flatMap((d) => d.passages);
  const texts = passages.map((p) => p.searchText);
  onProgress({ phase: 'read', done: 1, total: 1 });

  let active = embedder;
  let state: unknown;
  const vectors: ArrayLike<number>[] = [];
  try {
    if (isCorpusFitted(embedder)) ({ embedder: active, state } = await embedder.fit(texts));
    for (let i = 0; i < texts.length; i += EMBED_BATCH) {
      vectors.push(...(await active.embed(texts.slice(i, i + EMBED_BATCH))));
      onProgress({ phase: 'embed', done: Math.min(i + EMBED_BATCH, texts.length), total: texts.length });
    }
  } catch (error) {
    throw new IndexBuildError(`Embedding the knowledge failed; the previous index stays live: ${(error as Error).message}`, { cause: error });
  }
  const dimensions = vectors[0]?.length ?? active.dimensions;

  const version = await store.beginVersion({ embedder: active.id, dimensions, state });
  try {
    const passageIds: number[] = [];
    let offset = 0;
    for (const [i, doc] of documents.entries()) {
      const rows = doc.passages.map((p, j) => ({ ...p, embedding: vectors[offset + j]! }));
      passageIds.push(...(await store.addDocument(version, doc, rows)));
      offset += doc.passages.length;
      onProgress({ phase: 'write', done: i + 1, total: documents.length });
    }
    onProgress({ phase: 'index', done: 0, total: 1 });
    const terms = bm25Weights(texts).map((r) => ({ term: r.term, passageId: passageIds[r.index]!, weight: r.weight }));
    await store.addTerms(version, terms);
    if (vectorIndex && db.kind === 'postgres') await store.createVectorIndex(version, dimensions);
    onProgress({ phase: 'index', done: 1, total: 1 });
    const ms = Math.round(performance.now() - started);
    const stats = { documents: documents.length, passages: passages.length, terms: terms.length, failed, ms };
    const { retired } = await store.activate(version, stats);
    onProgress({ phase: 'switch', done: 1, total: 1 });
    await store.pruneVersions(keep);
    log.info('index.built', { version, retired, documents: documents.length, passages: passages.length, failed: failed.length, ms });
    return { version, retired, documents: documents.length, passages: passages.length, failed, ms };
  } catch (error) {
    await store.failVersion(version, (error as Error).message).catch(() => {});
    throw new IndexBuildError(`Index build ${version} failed; the previous index stays live: ${(error as Error).message}`, { cause: error });
  }
}

/** Says whether `live` was built by `embedder`; the message tells the operator what to run. */
export function checkEmbedder(live: Pick<IndexVersion, 'embedder' | 'dimensions'>, embedder: Embedder): void {
  const dimsKnown = embedder.dimensions > 0;
  if (live.embedder !== embedder.id || (dimsKnown && live.dimensions !== embedder.dimensions)) {
    throw new IndexMismatchError(
      `The index was built with ${live.embedder} (dim ${live.dimensions}) but EMBEDDER is ${embedder.id}` +
        `${dimsKnown ? ` (dim ${embedder.dimensions})` : ''}: run npm run reindex`,
    );
  }
}

/** Builds the index when there is no live version (first start); otherwise checks the embedder matches. */
export async function ensureIndexed(options: BuildOptions): Promise<{ built: boolean; version: number }> {
  const live = await createKnowledgeStore(options.db).liveVersion();
  if (live) {
    checkEmbedder(live, options.embedder);
    return { built: false, version: live.id };
  }
  const summary = await buildIndex(options);
  return { built: true, version: summary.version };
}
