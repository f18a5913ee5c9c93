/**
 * What retrieval gives the rest of the service: ranked passages with everything needed to cite them.
 * The assistant depends on this port only (tests may hand-write a fake Retriever).
 */
/** A passage as the index keeps it (the store owns the shape it returns). */
export type { Passage } from '../store/knowledge-store.js';

import type { Passage } from '../store/knowledge-store.js';

export interface ScoredPassage extends Passage {
  score: number;
  /** The evidence behind `score` (optional): cosine similarity and BM25 score, when each side found it. */
  scores?: { vector?: number; lexical?: number };
}

export interface SearchOptions {
  /** How many passages to return (default 10). */
  k?: number;
}

/**
 * @example
 *   const hits = await retriever.search('公司拖欠工资怎么办', { k: 5 });
 *   hits[0].title // '保障农民工工资支付条例'
 */
export interface Retriever {
  search(query: string, options?: SearchOptions): Promise<ScoredPassage[]>;
}
