/**
 * Large knowledge files: a file over KNOWLEDGE_MAX_FILE_MB is reported and skipped like a corrupt one; a large
 * document is written in statements of bounded size (never one string of all its passages and vectors); and a
 * re-index takes turns with the event loop instead of holding it for seconds, so the service stays responsive.
 */
import { describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../../src/llm/local-embedder.js';
import { updateIndex } from '../../src/retrieval/index-update.js';
import type { Db } from '../../src/store/db.js';
import { storeKinds, useStore } from '../support/stores.js';
import { tempKnowledge, writeKnowledge } from './support.js';

/** A law with `articles` articles, each a sentence or two: about 130 bytes an article. */
function bigLaw(articles: number): string {
  const lines = ['---', 'title: "大型测试规定"', 'kind: regulation', 'effective: "2020-01-01"', '---', '', '# 大型测试规定', ''];
  for (let i = 1; i <= articles; i++)
    lines.push(`第${i}条 用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付第${i}项劳动报酬，不得克扣或者无故拖欠。`, '');
  return lines.join('\n');
}

/** The store, recording the size of every statement's parameters. */
function measured(db: Db): Db & { largestParams: () => number } {
  let largest = 0;
  const wrap = (inner: Db): Db => ({
    kind: inner.kind,
    query(sql, params) {
      largest = Math.max(largest, JSON.stringify(params ?? []).length);
      return inner.query(sql, params);
    },
    exec: (sql) => inner.exec(sql),
    transaction: (fn) => inner.transaction((tx) => fn(wrap(tx))),
    queryWith(settings, sql, params) {
      largest = Math.max(largest, JSON.stringify(params ?? []).length);
      return inner.queryWith(settings, sql, params);
    },
    close: () => inner.close(),
  });
  return Object.assign(wrap(db), { largestParams: () => largest });
}

/** The longest stretch the event loop could not run a timer while `work` ran. */
async function longestBlock(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  try {
    await work();
  } finally {
    clearInterval(tick);
  }
  return Math.max(longest, performance.now() - last);
}

describe.each(storeKinds)('large knowledge files on %s', (kind) => {
  const store = useStore(kind);
  const embedder = createLocalEmbedder({ dimensions: 1024 });

  it('reports a file over the size setting by path and reason and skips it, indexing the rest', async () => {
    const dir = await tempKnowledge();
    await writeKnowledge(dir, 'policy/huge.md', bigLaw(25_000)); // ~3.3 MB
    const s = await updateIndex({ db: store.db, embedder, knowledgeDir: dir, maxFileBytes: 2 * 1024 * 1024 });
    expect(s.failed).toEqual([
      { path: 'policy/huge.md', reason: expect.stringMatching(/3\.\d MB.*KNOWLEDGE_MAX_FILE_MB \(2 MB\).*split/) },
    ]);
    expect(s.documents).toBe(3);
  });

  it('writes a document of 4,000 articles in statements of bounded size, and never holds the event loop for a second', async () => {
    const dir = await tempKnowledge([]);
    await writeKnowledge(dir, 'laws/big.md', bigLaw(4_000));
    const db = measured(store.db);
    // The vector index is left out here: pgvector builds it in one statement (see ARCHITECTURE.md).
    const blocked = await longestBlock(() => updateIndex({ db, embedder, knowledgeDir: dir, full: true, vectorIndex: false }));
    expect(db.largestParams()).toBeLessThan(4 * 1024 * 1024);
    expect(blocked).toBeLessThan(1_000);
  }, 120_000);
});
