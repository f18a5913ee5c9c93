/**
 * BM25 term weights of each passage, computed once at index time so a query is a sum over matched rows.
 * k1 and b are the usual defaults; short articles are common, so b stays moderate.
 */
import { countTerms, tokenize } from '../text/tokenizer.js';

export interface Bm25Options {
  k1?: number;
  b?: number;
  /**
   * Terms found in more than this share of passages get no rows (default 0.4): 中华人民共和国, 劳动, 应当 …
   * weigh little (IDF < 1) yet have the longest row lists; measured on the dev set: MRR -0.006, lexical query ~30% faster.
   */
  maxDocFraction?: number;
}

/** For passages `texts`, returns rows (term, passage index, weight). */
export function bm25Weights(
  texts: string[],
  { k1 = 1.2, b = 0.6, maxDocFraction = 0.4 }: Bm25Options = {},
): { term: string; index: number; weight: number }[] {
  const counts = texts.map((t) => countTerms(tokenize(t)));
  const lengths = counts.map((c) => [...c.values()].reduce((a, n) => a + n, 0));
  const avg = lengths.reduce((a, n) => a + n, 0) / Math.max(1, lengths.length);
  const df = new Map<string, number>();
  for (const c of counts) for (const term of c.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const n = texts.length;
  const rows: { term: string; index: number; weight: number }[] = [];
  counts.forEach((c, index) => {
    const norm = bm25Norm(lengths[index]!, avg, k1, b);
    for (const [term, tf] of c) {
      const d = df.get(term)!;
      if (d > maxDocFraction * n) continue;
      rows.push({ term, index, weight: bm25Weight(tf, bm25Idf(n, d), norm, k1) });
    }
  });
  return rows;
}

/** BM25's IDF of a term found in `df` of `n` documents. */
export const bm25Idf = (n: number, df: number): number => Math.log(1 + (n - df + 0.5) / (df + 0.5));

/** BM25's length normalisation of a document `length` terms long (`average` over the collection). */
export const bm25Norm = (length: number, average: number, k1: number, b: number): number => k1 * (1 - b + (b * length) / (average || 1));

/** BM25's weight of a term `tf` times in a document, given its IDF and the document's norm. */
export const bm25Weight = (tf: number, idf: number, norm: number, k1: number): number => (idf * tf * (k1 + 1)) / (tf + norm);
