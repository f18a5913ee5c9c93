/**
 * What retrieval gives the rest of the service: ranked passages with everything needed to cite them.
 * The assistant depends on this port only (tests may hand-write a fake Retriever).
 */
export interface Passage {
  id: number;
  /** Front-matter title, e.g. 中华人民共和国劳动合同法 */
  title: string;
  /** law | administrative-regulation | departmental-rule | judicial-interpretation | policy | union-guide | … */
  kind: string;
  /** Chapter / section / heading path, e.g. ['第四章 劳动合同的解除和终止'] */
  path: string[];
  /** Article numbers the passage covers (empty for documents without 第X条). */
  articles: number[];
  /** Effective date of the version indexed (ISO yyyy-mm-dd), when known. */
  effective: string | null;
  /** Source file path relative to the knowledge folder, e.g. laws/labor-contract-law.md */
  source: string;
  text: string;
}

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
