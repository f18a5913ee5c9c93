/**
 * Two replicas starting together on an empty database: one builds the knowledge index, the other waits for
 * it and uses the same version, instead of both building (and one retiring the other's work).
 */

import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../../src/llm/local-embedder.js';
import { ensureIndexed } from '../../src/retrieval/index-builder.js';
import type { Db } from '../../src/store/db.js';
import { createKnowledgeStore } from '../../src/store/knowledge-store.js';
import { openStore } from '../../src/store/open-store.js';
import { storeKinds, testDatabaseUrl, uniqueSchema } from '../support/stores.js';
import { tempKnowledge } from './support.js';

/** Two handles on one empty database, as two replicas would have (PGlite: one owning process, two callers). */
async function twoReplicas(kind: string): Promise<{ a: Db; b: Db; close: () => Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openStore({ dataDir: 'memory://' });
    return { a: db, b: db, close: () => db.close() };
  }
  const schema = uniqueSchema();
  const a = await openStore({ databaseUrl: testDatabaseUrl!, schema });
  const b = await openStore({ databaseUrl: testDatabaseUrl!, schema });
  return {
    a,
    b,
    async close() {
      await a.close();
      await b.close();
      const c = new pg.Client({ connectionString: testDatabaseUrl });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

describe.each(storeKinds)('the first start on an empty %s', (kind) => {
  it('builds the index once when two replicas start together; the other uses that version', async () => {
    const { a, b, close } = await twoReplicas(kind);
    try {
      const knowledgeDir = await tempKnowledge();
      const start = (db: Db) => ensureIndexed({ db, embedder: createLocalEmbedder({ dimensions: 64 }), knowledgeDir });
      const [first, second] = await Promise.all([start(a), start(b)]);
      expect([first.built, second.built].sort()).toEqual([false, true]);
      expect(first.version).toBe(second.version);
      expect(await createKnowledgeStore(a).listVersions()).toHaveLength(1);
    } finally {
      await close();
    }
  });
});
