/**
 * SQL for the versioned knowledge index: versions, documents, passages with their vectors, and the
 * lexical term weights. Retrieval and the index builder use this; nothing else touches these tables.
 *
 * @example
 *   const store = createKnowledgeStore(db);
 *   const live = await store.liveVersion();
 *   const rows = await store.hybridCandidates(live.id, live.dimensions, [{ pool: 'articles', vector, terms, weights, limit: 40 }]);
 */
import { type Db, toVectorLiteral } from './db.js';

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

export type IndexStatus = 'building' | 'live' | 'retired' | 'failed';

export interface IndexVersion {
  id: number;
  embedder: string;
  dimensions: number;
  status: IndexStatus;
  stats: Record<string, unknown>;
  createdAt: Date;
  activatedAt: Date | null;
}

export interface NewDocument {
  source: string;
  title: string;
  kind: string;
  effective: string | null;
  contentHash: string;
  meta: Record<string, unknown>;
}

export interface NewPassage extends Omit<Passage, 'id'> {
  searchText: string;
  embedding: ArrayLike<number>;
}

export interface StoredDocument extends NewDocument {
  id: number;
  versionId: number;
  passages: number;
}

/**
 * Two search pools share the tables: the articles and guides that answers quote, and the issue cards'
 * phrasings that spot the issue. Each has its own HNSW index per version and its own term names
 * (card terms are prefixed), so a search in one never returns — or competes with — the other.
 */
export type Pool = 'articles' | 'cards';
export const POOLS: readonly Pool[] = ['articles', 'cards'];
const CARD_KIND = 'issue-card';
export const poolOf = (kind: string): Pool => (kind === CARD_KIND ? 'cards' : 'articles');
export const poolTerm = (pool: Pool, term: string): string => (pool === 'cards' ? `c:${term}` : term);
const poolFilter = (pool: Pool) => (pool === 'cards' ? `kind = '${CARD_KIND}'` : `kind <> '${CARD_KIND}'`);

/** One pool's part of a hybrid search: the query vector, the weighted terms, and how many of each side to take. */
export interface HybridQuery {
  pool: Pool;
  vector: ArrayLike<number>;
  terms: readonly string[];
  weights: readonly number[];
  limit: number;
}

/**
 * A candidate row with each side's evidence: cosine similarity and BM25 score (null when that side missed it).
 * Its text only when ranking reads it (an article row whose first article is 第一条 to 第三条: a purpose, scope or
 * definition article is told by its words); the others' texts are fetched for the rows kept (`passageTexts`).
 */
export interface HybridCandidate extends Omit<Passage, 'text'> {
  text: string | null;
  pool: Pool;
  vector: number | null;
  lexical: number | null;
}

const versionColumns = `id, embedder, dimensions, status, stats, created_at as "createdAt", activated_at as "activatedAt"`;
const rowColumns = `p.id::int as id, p.title, p.kind, p.path, p.articles, p.effective::text as effective, p.source`;
const passageColumns = `${rowColumns}, p.text`;
const candidateColumns = `${rowColumns}, case when f.pool = 'articles' and p.articles[1] <= 3 then p.text end as text`;
const SEARCH_SETTINGS = { enable_sort: 'off', 'hnsw.ef_search': '60', jit: 'off' } as const;

/**
 * Passages per insert: a document of any size is written in statements of about 2 MB (1024-dim vectors), never
 * as one string of all its passages (which fails past V8's string limit) nor one long statement.
 */
const PASSAGE_BATCH = 200;

function intLiteral(n: number): string {
  // Inlined (not a parameter) so the planner can match the per-version partial vector index.
  if (!Number.isSafeInteger(n) || n < 0) throw new TypeError(`not an id: ${n}`);
  return String(n);
}

export function createKnowledgeStore(db: Db) {
  return {
    async liveVersion(): Promise<IndexVersion | undefined> {
      const [row] = await db.query<IndexVersion>(`select ${versionColumns} from index_versions where status = 'live'`);
      return row;
    },

    async listVersions(): Promise<IndexVersion[]> {
      return db.query<IndexVersion>(`select ${versionColumns} from index_versions order by id desc`);
    },

    async embedderState(versionId: number): Promise<unknown> {
      const [row] = await db.query<{ state: unknown }>('select embedder_state as state from index_versions where id = $1', [versionId]);
      return row?.state ?? null;
    },

    async beginVersion({ embedder, dimensions, state }: { embedder: string; dimensions: number; state?: unknown }): Promise<number> {
      const [row] = await db.query<{ id: number }>(
        'insert into index_versions (embedder, dimensions, embedder_state) values ($1, $2, $3) returning id',
        [embedder, dimensions, state === undefined ? null : JSON.stringify(state)],
      );
      return row!.id;
    },

    /**
     * Adds one document and its passages to a version being built, `PASSAGE_BATCH` passages per statement;
     * returns the passage ids in order. No transaction around the batches: on PGlite it would hold the only
     * connection for the whole document. A build that fails is failed as a whole (failVersion), so half a
     * document never goes live.
     */
    async addDocument(versionId: number, doc: NewDocument, passages: NewPassage[]): Promise<number[]> {
      const [d] = await db.query<{ id: number }>(
        `insert into knowledge_documents (version_id, source, title, kind, effective, content_hash, meta, passages)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
        [versionId, doc.source, doc.title, doc.kind, doc.effective, doc.contentHash, JSON.stringify(doc.meta), passages.length],
      );
      const ids: number[] = [];
      for (let start = 0; start < passages.length; start += PASSAGE_BATCH) {
        const rows = passages
          .slice(start, start + PASSAGE_BATCH)
          .map((p, i) => ({ ...p, ordinal: start + i, embedding: toVectorLiteral(p.embedding) }));
        const batch = await db.query<{ id: number }>(
          `insert into knowledge_passages
             (version_id, document_id, ordinal, title, kind, path, articles, effective, source, text, search_text, embedding)
           select $1, $2, x.ordinal, x.title, x.kind,
                  array(select jsonb_array_elements_text(x.path)),
                  array(select jsonb_array_elements_text(x.articles)::int),
                  x.effective::date, x.source, x.text, x."searchText", x.embedding::vector
           from jsonb_to_recordset($3::jsonb) as x(ordinal int, title text, kind text, path jsonb, articles jsonb,
                effective text, source text, text text, "searchText" text, embedding text)
           order by x.ordinal
           returning id::int as id`,
          [versionId, d!.id, JSON.stringify(rows)],
        );
        ids.push(...batch.map((r) => r.id));
      }
      return ids;
    },

    async addTerms(versionId: number, rows: { term: string; passageId: number; weight: number }[]): Promise<void> {
      const batch = 5_000; // tens of milliseconds each on PGlite, which runs on the service's thread
      for (let i = 0; i < rows.length; i += batch) {
        const part = rows.slice(i, i + batch);
        await db.query(
          `insert into knowledge_terms (version_id, term, passage_id, weight)
           select $1, * from unnest($2::text[], $3::bigint[], $4::real[])`,
          [versionId, part.map((r) => r.term), part.map((r) => r.passageId), part.map((r) => r.weight)],
        );
      }
    },

    /**
     * HNSW (cosine) over one version's vectors. The column has no fixed dimension, so the index is on the
     * cast expression and partial on the version; hybridCandidates uses the same expression.
     */
    async createVectorIndex(versionId: number, dimensions: number, pool: Pool = 'articles'): Promise<void> {
      const v = intLiteral(versionId);
      await db.exec(
        `create index if not exists knowledge_passages_hnsw_${v}${pool === 'cards' ? '_cards' : ''} on knowledge_passages
           using hnsw ((embedding::vector(${intLiteral(dimensions)})) vector_cosine_ops) where version_id = ${v} and ${poolFilter(pool)}`,
      );
    },

    /**
     * Fresh planner statistics after a bulk load, so the per-version vector index and term index are chosen;
     * the term table is vacuumed too (its own statement: VACUUM runs outside a transaction), which marks its
     * pages all-visible, so a search's BM25 side reads the term index alone (~2x faster).
     */
    async analyze(): Promise<void> {
      await db.exec('vacuum (analyze) knowledge_terms');
      await db.exec('analyze knowledge_passages; analyze knowledge_documents');
    },

    /**
     * The term table vacuumed again once the re-index lock is released (PostgreSQL). The lock is a transaction
     * held open for the run, and its snapshot keeps the vacuum inside the run from marking the new rows
     * all-visible (measured: no page marked, a search's BM25 side fetched ~5,000 heap rows, ~4 ms of its
     * ~16 ms); after it, they are, and the BM25 side reads the term index alone.
     */
    async vacuumTermsAfterLock(): Promise<void> {
      if (db.kind === 'postgres') await db.exec('vacuum knowledge_terms');
    },

    /** Makes `versionId` the live version and retires the previous one, in one transaction. */
    async activate(versionId: number, stats: Record<string, unknown>): Promise<{ retired: number | undefined }> {
      // Without fresh statistics after the bulk load the planner guesses a handful of rows per version and
      // ignores the vector index; analyze outside the switch transaction so the switch itself stays short.
      await this.analyze();
      return db.transaction(async (tx) => {
        const [old] = await tx.query<{ id: number }>(
          `update index_versions set status = 'retired' where status = 'live' and id <> $1 returning id`,
          [versionId],
        );
        const done = await tx.query(
          `update index_versions set status = 'live', activated_at = now(), stats = $2 where id = $1 and status in ('building', 'retired') returning id`,
          [versionId, JSON.stringify(stats)],
        );
        if (!done.length) throw new Error(`index version ${versionId} cannot be activated (not building or retired)`);
        return { retired: old?.id };
      });
    },

    /** Marks a failed build and frees its rows; the live version is untouched. */
    async failVersion(versionId: number, reason: string): Promise<void> {
      await db.query(`update index_versions set status = 'failed', stats = $2 where id = $1 and status = 'building'`, [
        versionId,
        JSON.stringify({ error: reason }),
      ]);
      await this.dropVersionData(versionId);
    },

    async dropVersionData(versionId: number): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.query('delete from knowledge_terms where version_id = $1', [versionId]);
        await tx.query('delete from knowledge_passages where version_id = $1', [versionId]);
        await tx.query('delete from knowledge_documents where version_id = $1', [versionId]);
      });
      const v = intLiteral(versionId);
      await db.exec(`drop index if exists knowledge_passages_hnsw_${v}; drop index if exists knowledge_passages_hnsw_${v}_cards`);
    },

    /** Deletes retired versions beyond the newest `keep`, and failed ones. */
    async pruneVersions(keep: number): Promise<number[]> {
      const rows = await db.query<{ id: number }>(
        `select id from index_versions where status = 'failed'
         union all
         select id from (select id from index_versions where status = 'retired' order by id desc offset $1) r`,
        [keep],
      );
      for (const { id } of rows) {
        await this.dropVersionData(id);
        await db.query('delete from index_versions where id = $1', [id]);
      }
      return rows.map((r) => r.id);
    },

    async listDocuments(versionId: number): Promise<StoredDocument[]> {
      return db.query<StoredDocument>(
        `select id, version_id as "versionId", source, title, kind, effective::text as effective,
                content_hash as "contentHash", meta, passages
         from knowledge_documents where version_id = $1 order by source`,
        [versionId],
      );
    },

    /**
     * Hybrid candidates of both pools in one statement: for each pool, the nearest passages by cosine
     * distance (through the version's HNSW index) and the best by BM25 over the version's term weights,
     * joined with their rows. Fusion happens in the caller, which knows each side's weight.
     *
     * At a few thousand rows the planner prices the HNSW index above a scan-and-sort although it is ~20x
     * faster (measured 1 ms vs 22 ms on PostgreSQL), so sorting is switched off for this one statement;
     * ef_search 60 keeps the development sets' hit@5 and the real questions' MRR of ef_search 100 with ~25% less
     * search time (measured on the shared, D, E and real development sets; 40 lost a point of the real questions'
     * hit@5). JIT is off: the costs that switching sorting off inflates would make PostgreSQL JIT-compile every search (~0.9 s, for a 15 ms query).
     * The settings are the connection's (`Db.queryWith`): on PostgreSQL the search is one round trip.
     */
    async hybridCandidates(versionId: number, dimensions: number, queries: readonly HybridQuery[]): Promise<HybridCandidate[]> {
      const d = intLiteral(dimensions);
      const v = intLiteral(versionId);
      const params: unknown[] = [];
      const arg = (value: unknown) => `$${params.push(value)}`;
      const parts = queries.map((q, i) => {
        const vec = `${arg(toVectorLiteral(q.vector))}::vector(${d})`;
        const limit = arg(q.limit);
        const terms = q.terms.map((t) => poolTerm(q.pool, t));
        return `v${i} as (
            select id, 1 - (embedding::vector(${d}) <=> ${vec}) as sim from knowledge_passages
            where version_id = ${v} and ${poolFilter(q.pool)} and active -- repealed documents leave answers
            order by embedding::vector(${d}) <=> ${vec} limit ${limit}),
          l${i} as (
            select t.passage_id as id, sum(t.weight * w.w) as score
            from unnest(${arg(terms)}::text[], ${arg(q.weights)}::float8[]) as w(term, w)
            join knowledge_terms t on t.version_id = ${v} and t.term = w.term
            group by t.passage_id order by score desc limit ${limit}),
          f${i} as (
            select '${q.pool}'::text as pool, coalesce(v${i}.id, l${i}.id) as id, v${i}.sim, l${i}.score
            from v${i} full outer join l${i} on v${i}.id = l${i}.id)`;
      });
      const union = queries.map((_, i) => `select * from f${i}`).join(' union all ');
      return db.queryWith<HybridCandidate>(
        SEARCH_SETTINGS,
        `with ${parts.join(',\n')}
         select f.pool, ${candidateColumns}, f.sim::float8 as vector, f.score::float8 as lexical
         from (${union}) f join knowledge_passages p on p.id = f.id`,
        params,
      );
    },

    /**
     * What ranking needs after the search, in one statement: the active passages of the given articles (an
     * over-long article may have several; a passage is listed once per article asked for, in id order), and
     * the texts of the passages `textIds`.
     */
    async passagesForRanking(
      versionId: number,
      refs: ReadonlyArray<{ title: string; article: number }>,
      textIds: readonly number[],
    ): Promise<{ passages: Passage[]; texts: Map<number, string> }> {
      const rows = await db.query<Passage & { part: number }>(
        `select 0 as part, ${passageColumns} from knowledge_passages p
           join unnest($2::text[], $3::int[]) as r(title, article) on p.title = r.title and r.article = any(p.articles)
           where p.version_id = $1 and p.title = any($2::text[]) and p.active and ${poolFilter('articles')}
         union all
         select 1, p.id::int, null, null, null, null, null, null, p.text from knowledge_passages p where p.id = any($4::bigint[])
         order by part, id`,
        [versionId, refs.map((r) => r.title), refs.map((r) => r.article), textIds],
      );
      const passages: Passage[] = [];
      const texts = new Map<number, string>();
      for (const { part, ...p } of rows) {
        if (part === 0) passages.push(p);
        else texts.set(p.id, p.text);
      }
      return { passages, texts };
    },
  };
}

export type KnowledgeStore = ReturnType<typeof createKnowledgeStore>;
