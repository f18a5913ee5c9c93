/**
 * Hybrid retrieval over the live index version: vector search (cosine) and BM25 over jieba terms, each
 * fed the question plus its thesaurus expansion, fused by weighted reciprocal rank, then a kind prior:
 * passages without numbered articles (notices, typical cases, guides) stay findable but rank below
 * articles that say the same, because an answer must cite an article.
 *
 * @example
 *   const retriever = createRetriever({ db, embedder, thesaurus: await loadThesaurus('knowledge/thesaurus.tsv') });
 *   const hits = await retriever.search('公司拖欠工资怎么办', { k: 5 });
 */
import type { Db } from '../store/db.js';
import { createKnowledgeStore, type IndexVersion } from '../store/knowledge-store.js';
import { isCorpusFitted, type Embedder } from '../llm/embedder.js';
import { silentLogger, type Logger } from '../log.js';
import { checkEmbedder, IndexMismatchError } from './index-builder.js';
import { emptyThesaurus, type Thesaurus } from './thesaurus.js';
import { tokenize } from './tokenizer.js';
import type { Passage, ScoredPassage, SearchOptions } from './types.js';

export interface FusionTuning {
  /** Candidates taken from each side (default 40; HNSW's default ef_search is 40). */
  candidates?: number;
  rrfK?: number;
  vectorWeight?: number;
  lexicalWeight?: number;
  /** Weight of thesaurus terms against the worker's own words, for Chinese / English questions. */
  expansionWeightZh?: number;
  expansionWeightEn?: number;
  /**
   * rrf: weighted reciprocal rank; score: weighted sum of each side's score divided by its best score
   * (keeps how much better the first hit is, which ranks alone throw away).
   */
  fusion?: 'rrf' | 'score';
  /** Score factor for passages without articles. */
  noArticlePrior?: number;
  /**
   * Score factor by document kind for passages without articles, overriding `noArticlePrior`: the union's
   * own guides are the answer to union-service questions (joining, 12351, legal aid), unlike notices and
   * typical cases, which only restate articles.
   */
  kindPriors?: Record<string, number>;
}

export interface RetrieverOptions {
  db: Db;
  embedder: Embedder;
  thesaurus?: Thesaurus;
  log?: Logger;
  tuning?: FusionTuning;
  /**
   * How long the live version's id is reused before asking the store again (default 1000 ms). A question
   * that starts just after a switch may still read the previous version: it is complete, and kept.
   */
  liveCheckMs?: number;
  now?: () => number;
}

export interface HybridScoredPassage extends ScoredPassage {
  scores: NonNullable<ScoredPassage['scores']>;
}

const cjk = /[\u3400-\u9fff]/;

export function createRetriever({
  db,
  embedder,
  thesaurus = emptyThesaurus,
  log = silentLogger,
  tuning = {},
  liveCheckMs = 1000,
  now = () => performance.now(),
}: RetrieverOptions): {
  search(query: string, options?: SearchOptions): Promise<HybridScoredPassage[]>;
} {
  const {
    candidates = 40,
    rrfK = 60,
    vectorWeight = 1,
    lexicalWeight = 0.7,
    expansionWeightZh = 0.6,
    expansionWeightEn = 1,
    noArticlePrior = 0.5,
    kindPriors = { 'union-guide': 0.8 },
    fusion = 'score',
  } = tuning;
  const store = createKnowledgeStore(db);
  // One query embedder per index version: a fitted embedder must embed with that version's statistics.
  const embedders = new Map<number, Embedder>();
  let cachedLive: { version: IndexVersion; at: number } | undefined;

  const liveVersion = async (): Promise<IndexVersion | undefined> => {
    if (cachedLive && now() - cachedLive.at < liveCheckMs) return cachedLive.version;
    const version = await store.liveVersion();
    cachedLive = version ? { version, at: now() } : undefined;
    return version;
  };

  const queryEmbedder = async (live: IndexVersion): Promise<Embedder> => {
    let e = embedders.get(live.id);
    if (!e) {
      checkEmbedder(live, embedder);
      e = isCorpusFitted(embedder) ? embedder.restore(await store.embedderState(live.id)) : embedder;
      embedders.clear();
      embedders.set(live.id, e);
    }
    return e;
  };

  const queryTerms = (query: string, expansion: string[]): { terms: string[]; weights: number[] } => {
    const weights = new Map<string, number>();
    for (const t of tokenize(query)) weights.set(t, 1);
    const w = cjk.test(query) ? expansionWeightZh : expansionWeightEn;
    for (const t of tokenize(expansion.join(' '))) weights.set(t, Math.max(weights.get(t) ?? 0, w));
    return { terms: [...weights.keys()], weights: [...weights.values()] };
  };

  return {
    async search(query, { k = 10 } = {}) {
      const live = await liveVersion();
      if (!live) throw new IndexMismatchError('There is no live knowledge index yet: run npm run reindex');
      const qe = await queryEmbedder(live);
      const expansion = thesaurus.expand(query);
      const { terms, weights } = queryTerms(query, expansion);
      const [vector] = await qe.embed([[query, ...expansion].join(' ')]);
      const [vectorRows, byLexical] = await Promise.all([
        store.vectorSearch(live.id, live.dimensions, vector!, candidates),
        store.lexicalSearch(live.id, terms, weights, candidates),
      ]);
      // A question of words the embedder never saw embeds to zeros: its cosine distance is NaN, no vector hit.
      const byVector = vectorRows.filter((r) => Number.isFinite(r.distance));
      const fused = new Map<number, { score: number; vector?: number; lexical?: number }>();
      const add = (id: number, rank: number, weight: number, value: number, best: number) => {
        const f = fused.get(id) ?? { score: 0 };
        f.score += fusion === 'rrf' ? weight / (rrfK + rank + 1) : (weight * value) / (best || 1);
        fused.set(id, f);
        return f;
      };
      const bestVector = 1 - (byVector[0]?.distance ?? 0);
      const bestLexical = byLexical[0]?.score ?? 0;
      byVector.forEach((r, i) => (add(r.id, i, vectorWeight, 1 - r.distance, bestVector).vector = 1 - r.distance));
      byLexical.forEach((r, i) => (add(r.id, i, lexicalWeight, r.score, bestLexical).lexical = r.score));
      const rows = new Map((await store.passagesByIds([...fused.keys()])).map((p) => [p.id, p] as const));
      const ranked = [...fused.entries()]
        .map(([id, f]) => {
          const p = rows.get(id) as Passage;
          const prior = p.articles.length ? 1 : kindPriors[p.kind] ?? noArticlePrior;
          return { ...p, score: f.score * prior, scores: { vector: f.vector, lexical: f.lexical } };
        })
        .sort((a, b) => b.score - a.score)
        .slice(0, k);
      log.debug('retrieval.search', { version: live.id, terms: terms.length, expansion: expansion.length, hits: ranked.length });
      return ranked;
    },
  };
}
