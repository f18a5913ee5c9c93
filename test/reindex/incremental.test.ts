import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRetriever } from '../../src/retrieval/hybrid-retriever.js';
import { RollbackError, rollbackIndex } from '../../src/retrieval/index-rollback.js';
import { updateIndex } from '../../src/retrieval/index-update.js';
import { createKnowledgeStore } from '../../src/store/knowledge-store.js';
import { storeKinds, useStore } from '../support/stores.js';
import { buildDocx, buildScannedPdf, randomBytes } from './format-fixtures.js';
import { countingEmbedder, readLaw, tempKnowledge, writeKnowledge } from './support.js';

describe.each(storeKinds)('incremental re-index on %s', (kind) => {
  const store = useStore(kind);
  const counted = countingEmbedder(64);
  const embedder = counted.embedder;
  let dir: string;
  const update = (extra: Partial<Parameters<typeof updateIndex>[0]> = {}) => {
    counted.reset();
    return updateIndex({ db: store.db, embedder, knowledgeDir: dir, keep: 5, ...extra });
  };
  const search = (q: string, k = 10) => createRetriever({ db: store.db, embedder }).search(q, { k });
  const live = async () => (await createKnowledgeStore(store.db).liveVersion())!;

  it('first run embeds everything; a second run with no change embeds nothing and keeps the version', async () => {
    dir = await tempKnowledge();
    const first = await update();
    expect(first).toMatchObject({
      full: true,
      fullReason: 'no live index yet',
      added: expect.arrayContaining(['laws/home-leave-provisions.md']),
    });
    expect(counted.count).toBe(first.passages);
    expect(first.passages).toBe(28);
    const again = await update();
    expect(again).toMatchObject({ full: false, version: first.version, unchanged: 3, embedded: 0, added: [], changed: [], removed: [] });
    expect(counted.count).toBe(0);
  });

  it('a new file: only its passages are embedded, the rest are copied', async () => {
    await writeKnowledge(dir, 'laws/public-holidays-measures.md', await readLaw('public-holidays-measures.md'));
    const before = (await live()).id;
    const s = await update();
    expect(s).toMatchObject({ added: ['laws/public-holidays-measures.md'], unchanged: 3, previousVersion: before, passages: 36 });
    expect(counted.count).toBe(8);
    expect(s.embedded).toBe(8);
    expect((await live()).id).toBe(s.version);
    const hits = await search('国庆节放假几天');
    expect(hits[0]!.source).toBe('laws/public-holidays-measures.md');
  });

  it('a changed file is re-embedded alone', async () => {
    const law = await readLaw('working-hours-provisions.md');
    await writeKnowledge(dir, 'laws/working-hours-provisions.md', law.replace('第九条', '第九条 （本条经测试修改）'));
    const s = await update();
    expect(s).toMatchObject({ changed: ['laws/working-hours-provisions.md'], added: [], unchanged: 3 });
    expect(counted.count).toBe(9);
  });

  it('a rename copies the document under its new path without re-embedding', async () => {
    await rename(join(dir, 'laws/home-leave-provisions.md'), join(dir, 'laws/home-leave.md'));
    const s = await update();
    expect(s).toMatchObject({ renamed: [{ from: 'laws/home-leave-provisions.md', to: 'laws/home-leave.md' }], added: [], removed: [] });
    expect(counted.count).toBe(0);
    const hits = await search('探亲假 配偶 每年 一次');
    expect(hits.find((h) => h.title === '国务院关于职工探亲待遇的规定')!.source).toBe('laws/home-leave.md');
  });

  it('a deleted file leaves answers; a dry run lists it and writes nothing', async () => {
    await rm(join(dir, 'laws/public-holidays-measures.md'));
    const before = (await live()).id;
    const dry = await update({ dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, removed: ['laws/public-holidays-measures.md'], version: before });
    expect((await live()).id).toBe(before);
    const s = await update();
    expect(s).toMatchObject({ removed: ['laws/public-holidays-measures.md'], passages: 28 });
    expect(counted.count).toBe(0);
    const hits = await search('国庆节放假几天', 50);
    expect(hits.some((h) => h.source === 'laws/public-holidays-measures.md')).toBe(false);
  });

  it('rollback makes the previous version live again, in one step', async () => {
    const current = (await live()).id;
    const { from, to } = await rollbackIndex({ db: store.db, embedder });
    expect(from).toBe(current);
    expect((await live()).id).toBe(to);
    const hits = await search('国庆节放假几天');
    expect(hits[0]!.source).toBe('laws/public-holidays-measures.md'); // the version before the delete
    // A re-index after a rollback builds from the (rolled back) live version again.
    const s = await update();
    expect(s.removed).toEqual(['laws/public-holidays-measures.md']);
  });

  it('a repealed document stays in the history but leaves answers', async () => {
    const law = await readLaw('paid-annual-leave-regulations.md');
    await writeKnowledge(dir, 'laws/paid-annual-leave-regulations.md', law.replace('---\n', '---\nrepealed: true\n'));
    const s = await update();
    expect(s.changed).toEqual(['laws/paid-annual-leave-regulations.md']);
    const docs = await createKnowledgeStore(store.db).listDocuments(s.version!);
    expect(docs.find((d) => d.source === 'laws/paid-annual-leave-regulations.md')).toMatchObject({
      passages: 10,
      meta: { repealed: true },
    });
    const hits = await search('职工带薪年休假 工作满10年 休假天数', 50);
    expect(hits.some((h) => h.title === '职工带薪年休假条例')).toBe(false);
    await writeKnowledge(dir, 'laws/paid-annual-leave-regulations.md', law);
    await update();
    expect((await search('职工带薪年休假 工作满10年 休假天数', 5)).some((h) => h.title === '职工带薪年休假条例')).toBe(true);
  });

  it('a corrupt .docx and a scanned .pdf are reported and skipped; the rest index; a broken edit keeps the old text', async () => {
    await writeKnowledge(dir, 'policy/broken.docx', randomBytes());
    await writeKnowledge(dir, 'policy/scan.pdf', buildScannedPdf());
    await writeKnowledge(
      dir,
      'policy/wages.docx',
      await buildDocx([
        { text: '某省工资支付条例', heading: 'title' },
        { text: '第一条 为了保障劳动者获得劳动报酬的权利，制定本条例。第二条 工资应当以货币形式按月支付给劳动者本人。' },
      ]),
    );
    await writeFile(join(dir, 'laws/working-hours-provisions.md'), '---\ntitle: "broken\n---\n');
    const before = (await live()).id;
    const s = await update();
    expect(s.failed.map((f) => f.path).sort()).toEqual(['laws/working-hours-provisions.md', 'policy/broken.docx', 'policy/scan.pdf']);
    expect(s.failed.find((f) => f.path === 'policy/scan.pdf')!.reason).toBe('no text layer (scanned PDF?) — OCR it or supply a .docx');
    expect(s.failed.find((f) => f.path === 'laws/working-hours-provisions.md')!.reason).toMatch(/previous version stays indexed/);
    expect(s.added).toEqual(['policy/wages.docx']);
    expect(s.version).not.toBe(before);
    const [top] = await search('工资应当以货币形式按月支付', 3);
    expect(top).toMatchObject({ title: '某省工资支付条例', articles: [2], source: 'policy/wages.docx' });
    expect((await search('每日工作8小时 每周工作40小时', 5)).some((h) => h.source === 'laws/working-hours-provisions.md')).toBe(true);
  });

  it('another embedder rebuilds everything; rollback refuses a version of another embedder', async () => {
    const other = countingEmbedder(32);
    const s = await updateIndex({ db: store.db, embedder: other.embedder, knowledgeDir: dir, keep: 5 });
    expect(s.full).toBe(true);
    expect(s.fullReason).toMatch(/embedder changed/);
    expect(other.count).toBe(s.passages);
    await expect(rollbackIndex({ db: store.db, embedder: other.embedder })).rejects.toThrow(RollbackError);
  });

  it('a build left behind by a crash is cleaned up by the next run', async () => {
    const kstore = createKnowledgeStore(store.db);
    const stale = await kstore.beginVersion({ embedder: embedder.id, dimensions: 64 });
    await updateIndex({ db: store.db, embedder, knowledgeDir: dir, keep: 5, full: true });
    expect((await kstore.listVersions()).some((v) => v.id === stale)).toBe(false);
  });
});
