/**
 * Builds the knowledge index into a new version beside the live one and switches to it in one
 * transaction; a failed build leaves the live version serving. `ensureIndexed` is what start-up calls:
 * build on first start, otherwise check that the live index was built by the configured embedder.
 *
 * @example
 *   const summary = await buildIndex({ db, embedder, knowledgeDir: './knowledge', log });
 *   await ensureIndexed({ db, embedder, knowledgeDir: config.KNOWLEDGE_DIR, log });
 */

import type { Embedder } from '../llm/embedder.js';
import { createKnowledgeStore, type IndexVersion } from '../store/knowledge-store.js';
import { waitForReindexLock } from '../store/reindex-store.js';
import { type UpdateIndexOptions, updateIndex } from './index-update.js';
import type { FailedFile } from './knowledge-loader.js';

export interface BuildProgress {
  phase: 'read' | 'embed' | 'write' | 'index' | 'switch';
  done: number;
  total: number;
}

/** The options of `updateIndex` for a full build, with progress reported as phases. */
export interface BuildOptions extends Omit<UpdateIndexOptions, 'onEvent' | 'dryRun' | 'full'> {
  onProgress?: (progress: BuildProgress) => void;
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

/** A full build: every document read and embedded afresh (see updateIndex for incremental runs). */
export async function buildIndex({ onProgress, ...options }: BuildOptions): Promise<BuildSummary> {
  const s = await updateIndex({
    ...options,
    full: true,
    onEvent: (e) => {
      if (e.type === 'progress') onProgress?.({ phase: e.phase, done: e.done, total: e.total });
    },
  });
  return {
    version: s.version!,
    retired: s.previousVersion ?? undefined,
    documents: s.documents,
    passages: s.passages,
    failed: s.failed,
    ms: s.ms,
  };
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

/**
 * Builds the index when there is no live version (first start); otherwise checks the embedder matches.
 * The build holds the re-index lock: of two replicas starting together on an empty database, one builds
 * and the other waits for it, then uses its version.
 */
export async function ensureIndexed(options: BuildOptions): Promise<{ built: boolean; version: number }> {
  const useLive = async () => {
    const live = await createKnowledgeStore(options.db).liveVersion();
    if (live) checkEmbedder(live, options.embedder);
    return live && { built: false, version: live.id };
  };
  const live = await useLive();
  if (live) return live;
  const result = await waitForReindexLock(
    options.db,
    async () =>
      (await useLive()) ?? {
        built: true,
        version: (await buildIndex(options)).version,
      },
  );
  if (result.built) await createKnowledgeStore(options.db).vacuumTermsAfterLock();
  return result;
}
