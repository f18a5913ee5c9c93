/**
 * Baseline (b): what a developer would build first — BM25 (minisearch) over jieba tokens, one passage
 * per article (the same chunks our index uses), optionally with our thesaurus expanding the query.
 *
 * @example
 *   const bm25 = buildBm25(passages);
 *   await bm25.search('加班费怎么算', { k: 10 });
 */

import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import MiniSearch from 'minisearch';
import type { PassageDraft } from '../../src/retrieval/law-chunker.js';
import type { CoveringPassage, RankingSearch } from '../../src/retrieval/retrieval-metrics.js';
import type { Thesaurus } from '../../src/retrieval/thesaurus.js';

let jieba: Jieba | undefined;

/** jieba search-mode words (long words and their parts), lower-cased, punctuation and spaces dropped. */
export function jiebaTokens(text: string): string[] {
  jieba ??= Jieba.withDict(dict);
  return jieba
    .cutForSearch(text, true)
    .map((t) => t.trim().toLowerCase())
    .filter((t) => /[\p{L}\p{N}]/u.test(t));
}

export function buildBm25(passages: readonly PassageDraft[], { thesaurus }: { thesaurus?: Thesaurus } = {}): RankingSearch {
  const index = new MiniSearch<{ id: number; title: string; text: string }>({
    fields: ['title', 'text'],
    tokenize: jiebaTokens,
    processTerm: (t) => t,
  });
  index.addAll(passages.map((p, id) => ({ id, title: p.title, text: p.text })));
  return {
    async search(query, { k }) {
      const q = thesaurus ? `${query} ${thesaurus.expand(query).join(' ')}` : query;
      return index
        .search(q, { combineWith: 'OR' })
        .slice(0, k)
        .map((hit): CoveringPassage => ({ title: passages[hit.id as number]!.title, articles: passages[hit.id as number]!.articles }));
    },
  };
}
