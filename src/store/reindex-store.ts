/**
 * SQL for re-indexing on top of the knowledge store (knowledge-store.ts): the re-index lock, copying unchanged
 * documents — passages, embeddings and all — from the live version into a new one without re-embedding them,
 * and what an incremental build needs to know about versions.
 *
 * @example
 *   const rs = createReindexStore(db);
 *   await rs.copyDocuments(live.id, next, [{ from: 'laws/a.md', to: 'laws/a.md' }, { from: 'old.md', to: 'new.md' }]);
 */
import type { Db } from './db.js';

/** The advisory lock every re-index holds on PostgreSQL (admin/reindex-lock.ts, the first build at start). */
export const REINDEX_LOCK_ID = 20_261_106;

/** Takes a PostgreSQL advisory lock for the rest of `tx`; false when another session holds it. */
export async function tryAdvisoryTransactionLock(tx: Db, lockId: number): Promise<boolean> {
  const [row] = await tx.query<{ ok: boolean }>('select pg_try_advisory_xact_lock($1) as ok', [lockId]);
  return row?.ok === true;
}

const turns = new WeakMap<Db, Promise<unknown>>();

/**
 * Runs `fn` holding the re-index lock, waiting for whoever holds it now (another replica's first build, a
 * re-index from the CLI). PostgreSQL: a transaction-scoped advisory lock, released when `fn` ends or the
 * process dies. PGlite has one owning process: callers of that process take turns.
 */
export async function waitForReindexLock<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  if (db.kind === 'postgres') {
    return db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [REINDEX_LOCK_ID]);
      return fn();
    });
  }
  const turn = (turns.get(db) ?? Promise.resolve()).catch(() => {}).then(fn);
  turns.set(db, turn);
  return turn;
}

export interface SourceMove {
  from: string;
  to: string;
}

export function createReindexStore(db: Db) {
  return {
    /** Versions a crashed or killed run left in `building`: never live, safe to clean up under the re-index lock. */
    async staleBuilds(): Promise<number[]> {
      const rows = await db.query<{ id: number }>(`select id from index_versions where status = 'building' order by id`);
      return rows.map((r) => r.id);
    },

    /**
     * Copies documents with their passages (text, embedding, active flag) from one version into another, in
     * one transaction; a move to another path is a rename. Returns the number of passages copied.
     */
    async copyDocuments(fromVersion: number, toVersion: number, moves: SourceMove[]): Promise<number> {
      if (!moves.length) return 0;
      const params = [fromVersion, toVersion, moves.map((m) => m.from), moves.map((m) => m.to)];
      return db.transaction(async (tx) => {
        await tx.query(
          `insert into knowledge_documents (version_id, source, title, kind, effective, content_hash, meta, passages)
           select $2, m.target, d.title, d.kind, d.effective, d.content_hash, d.meta, d.passages
           from unnest($3::text[], $4::text[]) as m(origin, target)
           join knowledge_documents d on d.version_id = $1 and d.source = m.origin`,
          params,
        );
        const copied = await tx.query<{ n: number }>(
          `with copied as (
             insert into knowledge_passages
               (version_id, document_id, ordinal, title, kind, path, articles, effective, source, text, search_text, embedding, active)
             select $2, nd.id, p.ordinal, p.title, p.kind, p.path, p.articles, p.effective, nd.source, p.text, p.search_text,
                    p.embedding, p.active
             from unnest($3::text[], $4::text[]) as m(origin, target)
             join knowledge_documents od on od.version_id = $1 and od.source = m.origin
             join knowledge_documents nd on nd.version_id = $2 and nd.source = m.target
             join knowledge_passages p on p.document_id = od.id
             order by nd.id, p.ordinal
             returning 1)
           select count(*)::int as n from copied`,
          params,
        );
        return copied[0]?.n ?? 0;
      });
    },

    /**
     * Copies the lexical weights of copied documents' passages (matched by document and ordinal), so an
     * incremental run computes weights only for the passages it embedded.
     */
    async copyTerms(fromVersion: number, toVersion: number, moves: SourceMove[]): Promise<void> {
      if (!moves.length) return;
      await db.query(
        `insert into knowledge_terms (version_id, term, passage_id, weight)
         select $2, t.term, np.id, t.weight
         from unnest($3::text[], $4::text[]) as m(origin, target)
         join knowledge_documents od on od.version_id = $1 and od.source = m.origin
         join knowledge_documents nd on nd.version_id = $2 and nd.source = m.target
         join knowledge_passages op on op.document_id = od.id
         join knowledge_passages np on np.document_id = nd.id and np.ordinal = op.ordinal
         join knowledge_terms t on t.version_id = $1 and t.passage_id = op.id`,
        [fromVersion, toVersion, moves.map((m) => m.from), moves.map((m) => m.to)],
      );
    },

    /** Takes a document's passages out of answers (repealed / superseded); the document stays in the history. */
    async deactivateDocument(versionId: number, source: string): Promise<void> {
      await db.query(
        `update knowledge_passages set active = false
         where document_id = (select id from knowledge_documents where version_id = $1 and source = $2)`,
        [versionId, source],
      );
    },

    /** The searchable text of a version's active passages, for its lexical weights. */
    async activePassageTexts(versionId: number): Promise<{ id: number; kind: string; searchText: string }[]> {
      return db.query<{ id: number; kind: string; searchText: string }>(
        `select id::int as id, kind, search_text as "searchText" from knowledge_passages
         where version_id = $1 and active order by id`,
        [versionId],
      );
    },

    /** Passages of a version: all of them, and those that answers may use. */
    async passageCounts(versionId: number): Promise<{ total: number; active: number }> {
      const [row] = await db.query<{ total: number; active: number }>(
        `select count(*)::int as total, (count(*) filter (where active))::int as active
         from knowledge_passages where version_id = $1`,
        [versionId],
      );
      return row ?? { total: 0, active: 0 };
    },

    /** The newest retired version older than `liveId`: where a rollback goes. */
    async previousVersion(liveId: number): Promise<number | undefined> {
      const [row] = await db.query<{ id: number }>(
        `select id from index_versions where status = 'retired' and id < $1 order by id desc limit 1`,
        [liveId],
      );
      return row?.id;
    },
  };
}

export type ReindexStore = ReturnType<typeof createReindexStore>;
