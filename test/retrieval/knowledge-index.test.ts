import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/llm/embedder.js';
import { createLocalEmbedder } from '../../src/llm/local-embedder.js';
import {
  buildIndex,
  createRetriever,
  ensureIndexed,
  formatCitation,
  IndexBuildError,
  IndexMismatchError,
  loadThesaurus,
} from '../../src/retrieval/index.js';
import { createKnowledgeStore } from '../../src/store/knowledge-store.js';
import { storeKinds, useStore } from '../support/stores.js';

const knowledgeDir = fileURLToPath(new URL('../fixtures/knowledge/', import.meta.url));

describe.each(storeKinds)('knowledge index on %s', (kind) => {
  const store = useStore(kind);
  const embedder = createLocalEmbedder({ dimensions: 256 });

  it('ensureIndexed builds on first start, skipping the broken file by path and reason', async () => {
    const progress: string[] = [];
    const first = await ensureIndexed({ db: store.db, embedder, knowledgeDir, onProgress: (p) => progress.push(p.phase) });
    expect(first.built).toBe(true);
    expect(progress).toContain('switch');
    const live = await createKnowledgeStore(store.db).liveVersion();
    expect(live).toMatchObject({ id: first.version, embedder: embedder.id, dimensions: 256, status: 'live' });
    expect(live!.stats).toMatchObject({ documents: 4, failed: [{ path: 'laws/broken-front-matter.md' }] });
    const docs = await createKnowledgeStore(store.db).listDocuments(first.version);
    expect(docs.find((d) => d.source === 'laws/labor-contract-law.md')).toMatchObject({ passages: 98, effective: '2013-07-01' });
    expect((await ensureIndexed({ db: store.db, embedder, knowledgeDir })).built).toBe(false);
  });

  it('finds the article with its citation fields, by lay words and through the thesaurus in English', async () => {
    const thesaurus = await loadThesaurus(`${knowledgeDir}thesaurus.tsv`);
    const retriever = createRetriever({ db: store.db, embedder, thesaurus });
    const [top] = await retriever.search('试用期最长能约定多久？合同签了三年', { k: 5 });
    expect(top).toMatchObject({ title: '中华人民共和国劳动合同法', kind: 'law', articles: [19], source: 'laws/labor-contract-law.md' });
    expect(top!.path).toEqual(['第二章 劳动合同的订立']);
    expect(top!.effective).toBe('2013-07-01');
    expect(formatCitation(top!)).toBe('《中华人民共和国劳动合同法》第19条');
    expect(top!.scores.lexical).toBeGreaterThan(0);
    expect(top!.scores.vector).toBeGreaterThan(0);

    const leave = await retriever.search('How many days of annual leave do I get after 12 years of work?', { k: 5 });
    expect(leave.some((p) => p.title === '职工带薪年休假条例' && p.articles.includes(3))).toBe(true);

    const hits = await retriever.search('非全日制用工劳动关系 劳动保障部门 非全日制劳动者 社会保险', { k: 10 });
    expect(hits.length).toBe(10);
    // Documents without articles stay retrievable.
    expect(hits.some((p) => p.kind === 'policy' && p.articles.length === 0)).toBe(true);

    // Words the index never saw embed to zeros: no vector hit, no NaN scores, no error.
    const unknown = await retriever.search('zzqx qqwv', { k: 5 });
    expect(unknown.every((p) => Number.isFinite(p.score))).toBe(true);
  });

  it('a second build switches atomically while questions are being answered', async () => {
    const retriever = createRetriever({ db: store.db, embedder });
    const kstore = createKnowledgeStore(store.db);
    const before = (await kstore.liveVersion())!.id;
    let stop = false;
    const answered: number[] = [];
    const storm = (async () => {
      while (!stop) {
        const hits = await retriever.search('工会经费怎么拨缴', { k: 3 });
        answered.push(hits.length);
        // Real questions arrive through I/O; PGlite answers in microtasks, so yield or the build's file reads starve.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const summary = await buildIndex({ db: store.db, embedder, knowledgeDir, keep: 1 });
    stop = true;
    await storm;
    expect(summary).toMatchObject({ retired: before, documents: 4, failed: [{ path: 'laws/broken-front-matter.md' }] });
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.every((n) => n === 3)).toBe(true);
    const versions = await kstore.listVersions();
    expect(versions.filter((v) => v.status === 'live').map((v) => v.id)).toEqual([summary.version]);
    expect(versions.find((v) => v.id === before)?.status).toBe('retired');
    const [after] = await retriever.search('工会经费怎么拨缴', { k: 1 });
    expect(after!.title).toBe('中华人民共和国工会法');
  });

  it('the retrieval cache answers a repeated question as a search would, frozen, and misses after a switch', async () => {
    const searches: boolean[] = [];
    const retriever = createRetriever({ db: store.db, embedder, cacheSize: 2, liveCheckMs: 0, onSearch: (_ms, hit) => searches.push(hit) });
    const fresh = createRetriever({ db: store.db, embedder });
    const q = '试用期最长能约定多久';
    const [a, b] = await Promise.all([retriever.lookup(q, { k: 5 }), retriever.lookup(q, { k: 5 })]); // one search, shared
    expect(searches).toEqual([false, true]);
    expect(b).toBe(a);
    expect(a).toEqual(await fresh.lookup(q, { k: 5 }));
    expect(() => (a.passages as unknown[]).push(1)).toThrow(TypeError);
    expect(() => Object.assign(a.passages[0]!, { text: '' })).toThrow(TypeError);
    await retriever.lookup(q, { k: 3 }); // another k is another lookup
    await retriever.lookup('加班费', { k: 5 }); // the least recently used (k 5) leaves
    await retriever.lookup(q, { k: 3 });
    await retriever.lookup(q, { k: 5 });
    expect(searches.slice(2)).toEqual([false, false, true, false]);
    await buildIndex({ db: store.db, embedder, knowledgeDir, keep: 1 });
    await retriever.lookup(q, { k: 5 });
    expect(searches.at(-1)).toBe(false);
  });

  it('a failed build leaves the live version serving', async () => {
    const kstore = createKnowledgeStore(store.db);
    const live = (await kstore.liveVersion())!.id;
    const broken: Embedder = {
      id: embedder.id,
      dimensions: 256,
      embed: async () => {
        throw new Error('disk full');
      },
    };
    await expect(buildIndex({ db: store.db, embedder: broken, knowledgeDir })).rejects.toThrow(IndexBuildError);
    expect((await kstore.liveVersion())!.id).toBe(live);
  });

  it('the fitted embedder state is stored: another process embeds queries identically', async () => {
    const kstore = createKnowledgeStore(store.db);
    const live = (await kstore.liveVersion())!;
    const a = createLocalEmbedder({ dimensions: 256 }).restore(await kstore.embedderState(live.id));
    const b = createLocalEmbedder({ dimensions: 256 }).restore(await kstore.embedderState(live.id));
    const [va] = await a.embed(['加班费按多少算']);
    const [vb] = await b.embed(['加班费按多少算']);
    expect(Array.from(va!)).toEqual(Array.from(vb!));
  });

  it('an index built by another embedder is a clear error that says to re-index', async () => {
    const other = createLocalEmbedder({ dimensions: 128 });
    const live = (await createKnowledgeStore(store.db).liveVersion())!;
    const message = `The index was built with ${embedder.id} (dim 256) but EMBEDDER is ${other.id} (dim 128): run npm run reindex`;
    await expect(ensureIndexed({ db: store.db, embedder: other, knowledgeDir })).rejects.toThrow(new IndexMismatchError(message));
    await expect(createRetriever({ db: store.db, embedder: other }).search('工资')).rejects.toThrow(message);
    expect(live.status).toBe('live');
  });
});
