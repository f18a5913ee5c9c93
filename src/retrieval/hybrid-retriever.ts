/**
 * Hybrid retrieval over the live index version, in two steps:
 *  1. **Issue spotting** — the question is matched against the issue cards (each card's issue and every way
 *     workers put it, one text per language): vector and BM25 over the card pool, fused by score, beside
 *     BM25 among the cards alone over each card's phrasings in both languages (card-documents.ts). A long story matches the
 *     card of its legal issue as a whole, so one side word does not pick the topic, and an English question
 *     meets English phrasings instead of Chinese statute text.
 *  2. **Articles** — vector and BM25 over the articles and guides (the question plus its thesaurus
 *     expansion), fused by score; then the articles the spotted cards rest on are added or lifted by the
 *     card's strength, and purpose / scope / definition articles rank low unless the question is about scope.
 *     A document written for one situation (front matter `applies_when`, see audience.ts) ranks low when the
 *     question names none of its words.
 * Passages without numbered articles (notices, typical cases, guides) stay findable but rank below articles
 * that say the same (a kind prior), because an answer must cite an article.
 *
 * @example
 *   const retriever = createRetriever({ db, embedder, thesaurus });
 *   const { passages, issues } = await retriever.lookup('老板叫我明天别来了，能赔多少', { k: 5 });
 *   issues[0].card.id // 'dismissal-without-cause'
 */

import { type Embedder, isCorpusFitted } from '../llm/embedder.js';
import { type Logger, silentLogger } from '../log.js';
import { deepFreeze, Lru } from '../lru.js';
import type { Db } from '../store/db.js';
import { createKnowledgeStore, type HybridCandidate, type IndexVersion } from '../store/knowledge-store.js';
import { tokenize } from '../text/tokenizer.js';
import { type AudienceTest, audienceOf } from './audience.js';
import { type CardDocuments, cardDocuments } from './card-documents.js';
import { checkEmbedder, IndexMismatchError } from './index-builder.js';
import { cardsOf } from './issue-card-document.js';
import type { IssueCard } from './issue-cards.js';
import { emptyThesaurus, type Thesaurus } from './thesaurus.js';
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
  /** How much a spotted card lifts the articles it rests on (added to their fused score, times the card's strength). */
  cardWeight?: number;
  /** Cards whose strength (score / best card's score) is below this do not lift anything. */
  cardFloor?: number;
  /** Cards considered per question. */
  cardsPerQuestion?: number;
  /** Weight of a card's BM25 score as one document of both languages (card-documents.ts) beside its card-pool text's (0: not used). */
  cardDocumentWeight?: number;
  /** Score factor for purpose / scope / definition articles when the question is not about scope. */
  scopePrior?: number;
  /** Score factor for a document written for one situation (front matter applies_when) the question does not name. */
  audiencePrior?: number;
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
  /** Told the time of every lookup, in ms (the service's retrieval-latency metric), and whether the cache answered it. */
  onSearch?: (ms: number, cached: boolean) => void;
  /**
   * Lookups kept, least recently used dropped first (RETRIEVAL_CACHE_SIZE; 0: none). A lookup depends only on
   * the question, k and the live version, so the key is those three: a switch to a new version misses at once.
   * Concurrent lookups of one question share one search. What is kept is frozen: no caller can change it.
   */
  cacheSize?: number;
}

export interface HybridScoredPassage extends ScoredPassage {
  scores: NonNullable<ScoredPassage['scores']> & { card?: number };
}

/** A card the question matched: its strength relative to the best card (1 = the best) and the raw score. */
export interface IssueMatch {
  card: IssueCard;
  score: number;
  strength: number;
  /** The card text that matched (its zh or en phrasings; its issue line when only the card as a whole matched). */
  matched: string;
  /** Cosine similarity of the question to that text (absolute, unlike `score`), when the vector side found it. */
  similarity?: number;
}

export interface Lookup {
  passages: HybridScoredPassage[];
  issues: IssueMatch[];
}

const cjk = /[\u3400-\u9fff]/;

/** A passage whose text may not have been fetched yet (a search candidate: see HybridCandidate). */
type Row = Omit<Passage, 'text'> & { text: string | null };

/** The passage fields of a row (without scores or pool). */
const passageOf = <R extends Row>({ id, title, kind, path, articles, effective, source, text }: R): Row => ({
  id,
  title,
  kind,
  path,
  articles,
  effective,
  source,
  text,
});

/**
 * Purpose, scope and definition articles: what a law is for (a 第一条 "为了…制定本法"), whom it covers or what
 * its words mean (an early article "…适用本法", "本法所称…是指…"). Read from the text, not the number alone:
 * 《全国年节及纪念日放假办法》第二条 is the list of holidays.
 */
const purpose = /为了|为保障|为维护|为规范|为加强|制定本/;
const scopeOrDefinition = /适用本(?:法|条例|规定|办法)|本(?:法|条例|规定|办法)适用于|所称.{0,30}是指|所称/;
export function isScopeArticle(p: Pick<Passage, 'articles' | 'text'>): boolean {
  const first = p.articles[0];
  if (first === undefined || first > 3) return false;
  return (first === 1 && purpose.test(p.text)) || scopeOrDefinition.test(p.text);
}
/** The text isScopeArticle reads: every candidate whose first article is 第一条–第三条 comes with its text. */
function scopeTextOf(p: Row): Pick<Passage, 'articles' | 'text'> {
  const first = p.articles[0];
  if (p.text === null && first !== undefined && first <= 3) throw new Error(`passage ${p.id}: the search returned no text to rank it by`);
  return { articles: p.articles, text: p.text ?? '' };
}
const asksScope =
  /适用|范围|定义|所称|是指|什么是|哪些单位|哪些人|立法目的|apply|applies|cover|covered|scope|definition|what is|who counts/i;

export function createRetriever({
  db,
  embedder,
  thesaurus = emptyThesaurus,
  log = silentLogger,
  tuning = {},
  liveCheckMs = 1000,
  now = () => performance.now(),
  onSearch,
  cacheSize = 0,
}: RetrieverOptions) {
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
    cardWeight = 3, // 1.5 before the cards were also read as whole documents (bench/tune-retrieval.ts, dev sets)
    cardFloor = 0.5,
    cardsPerQuestion = 5,
    cardDocumentWeight = 1,
    scopePrior = 0.6,
    audiencePrior = 0.6,
  } = tuning;
  const store = createKnowledgeStore(db);
  // One query embedder and one card set per index version: a fitted embedder must embed with that
  // version's statistics, and the cards are the ones the version was built from.
  let current:
    | {
        versionId: number;
        embedder: Embedder;
        cards: Map<string, IssueCard>;
        documents: CardDocuments;
        audiences: Map<string, AudienceTest>;
      }
    | undefined;
  let cachedLive: { version: IndexVersion; at: number } | undefined;

  const liveVersion = async (): Promise<IndexVersion | undefined> => {
    if (cachedLive && now() - cachedLive.at < liveCheckMs) return cachedLive.version;
    const version = await store.liveVersion();
    cachedLive = version ? { version, at: now() } : undefined;
    return version;
  };

  const forVersion = async (live: IndexVersion) => {
    if (current?.versionId !== live.id) {
      checkEmbedder(live, embedder);
      const e = isCorpusFitted(embedder) ? embedder.restore(await store.embedderState(live.id)) : embedder;
      const cards = new Map<string, IssueCard>();
      const audiences = new Map<string, AudienceTest>();
      for (const doc of await store.listDocuments(live.id)) {
        for (const c of cardsOf(doc.meta)) cards.set(c.id, c);
        const audience = audienceOf(doc.meta);
        if (audience) audiences.set(doc.title, audience);
      }
      current = { versionId: live.id, embedder: e, cards, documents: cardDocuments(cards.values()), audiences };
    }
    return current;
  };

  const queryTerms = (query: string, expansion: string[]): { terms: string[]; weights: number[] } => {
    const weights = new Map<string, number>();
    for (const t of tokenize(query)) weights.set(t, 1);
    const w = cjk.test(query) ? expansionWeightZh : expansionWeightEn;
    for (const t of tokenize(expansion.join(' '))) weights.set(t, Math.max(weights.get(t) ?? 0, w));
    return { terms: [...weights.keys()], weights: [...weights.values()] };
  };

  type Fused = Row & { score: number; vector?: number; lexical?: number };

  /** One pool's candidates fused: each side's score divided by its best (or weighted reciprocal rank). */
  function fuse(rows: readonly HybridCandidate[]): Fused[] {
    // A question of words the embedder never saw embeds to zeros: its cosine is NaN, no vector hit.
    const byVector = rows.filter((r) => r.vector !== null && Number.isFinite(r.vector)).sort((a, b) => b.vector! - a.vector!);
    const byLexical = rows.filter((r) => r.lexical !== null).sort((a, b) => b.lexical! - a.lexical!);
    const out = new Map<number, Fused>();
    const add = (r: HybridCandidate, rank: number, weight: number, value: number, best: number) => {
      const f = out.get(r.id) ?? { ...passageOf(r), score: 0 };
      f.score += fusion === 'rrf' ? weight / (rrfK + rank + 1) : (weight * value) / (best || 1);
      out.set(r.id, f);
      return f;
    };
    for (const [i, r] of byVector.entries()) add(r, i, vectorWeight, r.vector!, byVector[0]!.vector!).vector = r.vector!;
    for (const [i, r] of byLexical.entries()) add(r, i, lexicalWeight, r.lexical!, byLexical[0]!.lexical!).lexical = r.lexical!;
    return [...out.values()];
  }

  /**
   * The issues, with the row each matched by when the card pool's search found one (its text is filled in
   * once the texts are fetched): the fused score of the card's best card-pool text (one per language) and its
   * BM25 score as one document among the cards (card-documents.ts), each divided by its best, added with
   * `cardDocumentWeight`.
   */
  function spotIssues(
    cards: Map<string, IssueCard>,
    documents: CardDocuments,
    query: string,
    rows: readonly Fused[],
  ): Array<IssueMatch & { row: Fused | undefined }> {
    const best = new Map<string, Fused>();
    for (const p of rows) {
      const id = p.path[0];
      if (!id || !cards.has(id)) continue;
      const b = best.get(id);
      if (!b || p.score > b.score) best.set(id, p);
    }
    const topRow = Math.max(0, ...[...best.values()].map((b) => b.score));
    const asDocuments = cardDocumentWeight > 0 ? documents.score(query) : [];
    const topDocument = asDocuments[0]?.score ?? 0;
    const byDocument = new Map(asDocuments.map((d) => [d.id, d.score]));
    const ids = new Set([...best.keys(), ...asDocuments.slice(0, cardsPerQuestion).map((d) => d.id)]);
    const combined = [...ids].map((id) => {
      const row = best.get(id);
      const value =
        (row && topRow ? row.score / topRow : 0) + (topDocument ? (cardDocumentWeight * (byDocument.get(id) ?? 0)) / topDocument : 0);
      return { id, row, value };
    });
    const ranked = combined.sort((a, b) => b.value - a.value).slice(0, cardsPerQuestion);
    const top = ranked[0]?.value ?? 0;
    return ranked.map(({ id, row, value }) => ({
      card: cards.get(id)!,
      score: row?.score ?? 0,
      strength: top ? value / top : 0,
      matched: '',
      similarity: row?.vector,
      row,
    }));
  }

  async function lookup(live: IndexVersion, query: string, k: number): Promise<Lookup> {
    const { embedder: qe, cards, documents, audiences } = await forVersion(live);
    const expansion = thesaurus.expand(query);
    const [plainVector, expandedVector] = await qe.embed([query, [query, ...expansion].join(' ')]);
    // Both pools in one statement: the cards (the question alone) and the articles (with its expansion).
    const rows = await store.hybridCandidates(live.id, live.dimensions, [
      { pool: 'articles', vector: expandedVector!, ...queryTerms(query, expansion), limit: candidates },
      ...(cards.size ? [{ pool: 'cards' as const, vector: plainVector!, ...queryTerms(query, []), limit: 30 }] : []),
    ]);
    const spotted = spotIssues(cards, documents, query, fuse(rows.filter((r) => r.pool === 'cards')));
    const articles = fuse(rows.filter((r) => r.pool === 'articles'));
    // What the spotted cards rest on: lift those articles, and fetch the ones the search did not find.
    const support = new Map<string, number>();
    for (const m of spotted) {
      if (m.strength < cardFloor) continue;
      m.card.articles.forEach((a, i) => {
        const key = `${a.title}#${a.article}`;
        support.set(key, Math.max(support.get(key) ?? 0, m.strength * (i < 2 ? 1 : 0.7)));
      });
    }
    const missing = [...support.keys()].filter((key) => !articles.some((p) => p.articles.some((a) => key === `${p.title}#${a}`)));
    const aboutScope = asksScope.test(query);
    const outside = new Map<string, boolean>();
    const outsideAudience = (title: string) => {
      if (!outside.has(title)) outside.set(title, audiences.has(title) && !audiences.get(title)!(query));
      return outside.get(title)!;
    };
    const scored = (p: Fused) => {
      const card = Math.max(0, ...p.articles.map((a) => support.get(`${p.title}#${a}`) ?? 0));
      const prior =
        (p.articles.length ? (!aboutScope && isScopeArticle(scopeTextOf(p)) ? scopePrior : 1) : (kindPriors[p.kind] ?? noArticlePrior)) *
        (outsideAudience(p.title) ? audiencePrior : 1);
      return {
        ...passageOf(p),
        score: (p.score + cardWeight * card) * prior,
        scores: { vector: p.vector, lexical: p.lexical, card: card || undefined },
      };
    };
    const byScore = (a: { score: number }, b: { score: number }) => b.score - a.score;
    // The found passages' scores do not depend on the fetched ones: the top k of the ranking is among the found
    // passages' top k and the fetched ones (a stable sort keeps the order of ties). So one statement brings the
    // card articles the search missed, with the texts of those top k and of the card phrasings matched.
    const top = articles.map(scored).sort(byScore).slice(0, k);
    const textIds = [
      ...new Set([...top, ...spotted.flatMap((m) => (m.row ? [m.row] : []))].filter((r) => r.text === null).map((r) => r.id)),
    ];
    const { passages: fetched, texts } =
      missing.length || textIds.length
        ? await store.passagesForRanking(
            live.id,
            missing.map((key) => {
              const at = key.lastIndexOf('#');
              return { title: key.slice(0, at), article: Number(key.slice(at + 1)) };
            }),
            textIds,
          )
        : { passages: [], texts: new Map<number, string>() };
    const ranked = [...top, ...fetched.filter((p) => !articles.some((a) => a.id === p.id)).map((p) => scored({ ...p, score: 0 }))]
      .sort(byScore)
      .slice(0, k);
    const textOf = (r: Row): string => r.text ?? texts.get(r.id) ?? '';
    const passages = ranked.map((p): HybridScoredPassage => ({ ...p, text: textOf(p) }));
    const issues = spotted.map(
      ({ row, ...m }): IssueMatch => ({ ...m, matched: row ? textOf(row) : cjk.test(query) ? m.card.issue.zh : m.card.issue.en }),
    );
    log.debug('retrieval.search', { version: live.id, expansion: expansion.length, issues: issues.length, hits: ranked.length });
    return { passages, issues };
  }

  const cache = new Lru<string, Promise<Lookup>>(cacheSize);
  // The live version is read once, so the lookup kept under a version's key is that version's.
  const cached = async (query: string, { k = 10 }: SearchOptions = {}): Promise<{ result: Lookup; hit: boolean }> => {
    const live = await liveVersion();
    if (!live) throw new IndexMismatchError('There is no live knowledge index yet: run npm run reindex');
    if (cacheSize <= 0) return { result: await lookup(live, query, k), hit: false };
    const key = `${live.id}\u0000${k}\u0000${query}`;
    const kept = cache.get(key);
    if (kept) return { result: await kept, hit: true };
    const search = lookup(live, query, k).then(deepFreeze);
    cache.set(key, search);
    search.catch(() => cache.delete(key)); // a failed search is not kept
    return { result: await search, hit: false };
  };

  const timed = async (query: string, options?: SearchOptions): Promise<Lookup> => {
    const started = performance.now();
    let hit = false;
    try {
      const found = await cached(query, options);
      hit = found.hit;
      return found.result;
    } finally {
      onSearch?.(performance.now() - started, hit);
    }
  };

  return {
    lookup: timed,
    async search(query: string, options?: SearchOptions): Promise<HybridScoredPassage[]> {
      return (await timed(query, options)).passages;
    },
  };
}

export type HybridRetriever = ReturnType<typeof createRetriever>;
