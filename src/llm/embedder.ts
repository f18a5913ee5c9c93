/**
 * The Embedder port: text in, vectors out. Two implementations: the local one (offline, deterministic, no
 * weights; fitted on the corpus at index time) and any OpenAI-compatible `/v1/embeddings` endpoint.
 *
 * @example
 *   const embedder = createEmbedder(config);
 *   const [v] = await embedder.embed(['加班费怎么算']);
 */
import type { Config } from '../config.js';
import { createLocalEmbedder } from './local-embedder.js';
import { createOpenAiEmbedder, type OpenAiEmbedderOptions } from './openai-embedder.js';

export interface Embedder {
  /** Design and parameters, recorded with the index, e.g. `local-tfidf-v1:1024` or `openai:text-embedding-3-small`. */
  readonly id: string;
  readonly dimensions: number;
  embed(texts: string[]): Promise<Float32Array[] | number[][]>;
}

/**
 * An embedder whose vectors depend on corpus statistics (IDF, an SVD basis). `fit` returns a new, fitted
 * embedder and the state to store with the index version; `restore` rebuilds the same embedder from that
 * state in another process, so every replica embeds queries exactly as the index was built.
 */
export interface CorpusFittedEmbedder extends Embedder {
  fit(corpus: string[]): Promise<{ embedder: Embedder; state: unknown }>;
  restore(state: unknown): Embedder;
  /**
   * Optional, for incremental re-indexing: the stored state extended with features that first appear in
   * `corpus` (new documents), leaving every known feature's statistics as they are — so vectors already
   * stored stay exactly valid, and new words still count for new passages and queries.
   */
  extend?(state: unknown, corpus: string[]): { embedder: Embedder; state: unknown };
}

export function isCorpusFitted(embedder: Embedder): embedder is CorpusFittedEmbedder {
  return typeof (embedder as Partial<CorpusFittedEmbedder>).fit === 'function';
}

/** Embedding failed (endpoint refused, network, malformed answer). Never carries the texts or the key. */
export class EmbedderError extends Error {
  override name = 'EmbedderError';
  constructor(
    message: string,
    readonly code: 'request' | 'response' | 'state' | 'mismatch',
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface EmbedderDeps {
  /** Passed to the openai client: tests point it at a local fake. */
  fetch?: OpenAiEmbedderOptions['fetch'];
  batchSize?: number;
}

export function createEmbedder(
  config: Pick<Config, 'embedder' | 'OPENAI_BASE_URL' | 'OPENAI_API_KEY' | 'EMBEDDING_MODEL' | 'EMBEDDING_DIMENSIONS' | 'LLM_TIMEOUT_MS'>,
  deps: EmbedderDeps = {},
): Embedder {
  if (config.embedder === 'openai') {
    return createOpenAiEmbedder({
      baseURL: config.OPENAI_BASE_URL,
      apiKey: config.OPENAI_API_KEY ?? 'none',
      model: config.EMBEDDING_MODEL!,
      dimensions: config.EMBEDDING_DIMENSIONS,
      timeoutMs: config.LLM_TIMEOUT_MS,
      ...deps,
    });
  }
  return createLocalEmbedder({ dimensions: config.EMBEDDING_DIMENSIONS });
}
