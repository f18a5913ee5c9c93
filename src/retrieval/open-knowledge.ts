/**
 * The knowledge side as every entry point needs it (the service, ask, eval, eval:behaviour): the configured
 * embedder, the index built on first use (or checked against that embedder), and the hybrid retriever with
 * the thesaurus from the knowledge folder.
 *
 * @example
 *   const { retriever, built } = await openKnowledge({ db, config, log });
 */
import { join } from 'node:path';
import type { Config } from '../config.js';
import { createEmbedder, type Embedder } from '../llm/embedder.js';
import { type Logger, silentLogger } from '../log.js';
import type { Db } from '../store/db.js';
import { createRetriever } from './hybrid-retriever.js';
import { type BuildProgress, buildIndex, ensureIndexed } from './index-builder.js';
import type { VersionExtras } from './index-update.js';
import { loadThesaurus } from './thesaurus.js';

export interface OpenKnowledgeOptions {
  db: Db;
  config: Pick<
    Config,
    | 'embedder'
    | 'OPENAI_BASE_URL'
    | 'OPENAI_API_KEY'
    | 'EMBEDDING_MODEL'
    | 'EMBEDDING_DIMENSIONS'
    | 'LLM_TIMEOUT_MS'
    | 'KNOWLEDGE_DIR'
    | 'INDEX_VERSIONS_KEPT'
    | 'RETRIEVAL_CACHE_SIZE'
    | 'KNOWLEDGE_MAX_FILE_MB'
  >;
  log?: Logger;
  onProgress?: (progress: BuildProgress) => void;
  /** Rebuild the index even when one is live (eval --reindex). */
  rebuild?: boolean;
  /** What else an index version carries (the triage model), built with it. */
  extras?: VersionExtras;
  /** Told the time of every search (the retrieval-latency metric). */
  onSearch?: (ms: number, cached: boolean) => void;
}

export async function openKnowledge({
  db,
  config,
  log = silentLogger,
  onProgress,
  rebuild = false,
  extras,
  onSearch,
}: OpenKnowledgeOptions): Promise<{
  embedder: Embedder;
  retriever: ReturnType<typeof createRetriever>;
  /** True when this call built the index. */
  built: boolean;
}> {
  const embedder = createEmbedder(config);
  const options = {
    db,
    embedder,
    knowledgeDir: config.KNOWLEDGE_DIR,
    log,
    keep: config.INDEX_VERSIONS_KEPT,
    onProgress,
    extras,
    maxFileBytes: config.KNOWLEDGE_MAX_FILE_MB * 2 ** 20,
  };
  const built = rebuild ? (await buildIndex(options), true) : (await ensureIndexed(options)).built;
  const thesaurus = await loadThesaurus(join(config.KNOWLEDGE_DIR, 'thesaurus.tsv'));
  return {
    embedder,
    retriever: createRetriever({ db, embedder, thesaurus, log, onSearch, cacheSize: config.RETRIEVAL_CACHE_SIZE }),
    built,
  };
}
