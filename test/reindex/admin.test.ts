import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin } from '../../src/admin/admin.js';
import { createAdminClient } from '../../src/admin/admin-client.js';
import { adminListener } from '../../src/admin/admin-listener.js';
import { ReindexBusyError } from '../../src/admin/reindex-lock.js';
import type { ReindexEvent } from '../../src/admin/reindex-report.js';
import { createHttpServer, type HttpServer } from '../../src/http/http-server.js';
import type { CorpusFittedEmbedder } from '../../src/llm/embedder.js';
import { createRetriever } from '../../src/retrieval/hybrid-retriever.js';
import { storeKinds, useStore } from '../support/stores.js';
import { countingEmbedder, tempKnowledge } from './support.js';

/** An embedder that waits at its first call until the test opens the gate: a re-index caught mid-run. */
function gatedEmbedder(inner: CorpusFittedEmbedder) {
  let open!: () => void;
  let reached!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const atGate = new Promise<void>((r) => (reached = r));
  const embedder: CorpusFittedEmbedder = {
    ...inner,
    fit: async (corpus) => {
      reached();
      await gate;
      return inner.fit(corpus);
    },
  };
  return { embedder, open, atGate };
}

describe.each(storeKinds)('admin on %s', (kind) => {
  const store = useStore(kind);
  const token = 'test-admin-token-123456';
  let http: HttpServer;
  let baseUrl: string;
  let dir: string;
  const embedder = countingEmbedder(64).embedder;

  beforeAll(async () => {
    dir = await tempKnowledge([
      'working-hours-provisions.md',
      'home-leave-provisions.md',
      'paid-annual-leave-regulations.md',
      'public-holidays-measures.md',
      'minimum-wage-provisions.md',
    ]);
    http = createHttpServer();
    http.mount('/admin', adminListener({ admin: createAdmin({ db: store.db, embedder, knowledgeDir: dir, versionsKept: 5 }), token }));
    baseUrl = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}/admin`;
  });
  afterAll(() => http?.close());

  it('refuses requests without the bearer token', async () => {
    expect((await fetch(`${baseUrl}/sources`)).status).toBe(401);
    expect((await fetch(`${baseUrl}/reindex`, { method: 'POST', headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it('re-indexes with streamed progress, lists sources, rolls back', async () => {
    const client = createAdminClient({ baseUrl, token });
    const events: ReindexEvent[] = [];
    const first = await client.reindex((e) => events.push(e));
    expect(first.summary).toMatchObject({ full: true, failed: [] });
    expect(first.summary.added).toHaveLength(5);
    expect(first.text).toMatch(/^Re-index done in .*: version \d+ is live/);
    expect(events[0]).toMatchObject({ type: 'start', files: 5, full: true });
    expect(events.some((e) => e.type === 'progress' && e.phase === 'switch')).toBe(true);

    const dry = await client.reindex(() => {}, { dryRun: true });
    expect(dry.text).toMatch(/^Dry run \(nothing written\): the index is up to date/);

    const sources = await client.sources();
    expect(sources).toMatch(new RegExp(`^Index version ${first.summary.version} `));
    expect(sources).toContain('• 最低工资规定 — laws/minimum-wage-provisions.md');
    expect(sources).toMatch(/effective \d{4}-\d{2}-\d{2} · \d+ passages/);

    await expect(client.rollback()).rejects.toMatchObject({ status: 409 }); // nothing older kept yet
    const second = await client.reindex(() => {}, { full: true });
    expect(await client.rollback()).toBe(
      `Rolled back: version ${first.summary.version} is live again (version ${second.summary.version} is kept as retired).`,
    );
  });

  it('a second re-index while one runs is refused: "a re-index is already running"', async () => {
    const gated = gatedEmbedder(embedder);
    const admin = createAdmin({ db: store.db, embedder: gated.embedder, knowledgeDir: dir, versionsKept: 5 });
    const running = admin.run(() => {}, { full: true });
    await gated.atGate;
    await expect(admin.reindex(async () => {})).rejects.toThrow('a re-index is already running');
    const local = createHttpServer();
    local.mount('/admin', adminListener({ admin, token }));
    const url = `http://127.0.0.1:${await local.listen(0, '127.0.0.1')}/admin/reindex`;
    const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: string }).error).toMatch(/^a re-index is already running/);
    await local.close();
    if (kind === 'postgres') {
      // Another replica (its own Admin, same database) is held off by the advisory lock.
      const replica = createAdmin({ db: store.db, embedder, knowledgeDir: dir });
      await expect(replica.run(() => {})).rejects.toThrow(ReindexBusyError);
    }
    gated.open();
    expect((await running).full).toBe(true);
  });

  it('questions asked during a re-index: no errors, every answer from one consistent version', async () => {
    const retriever = createRetriever({ db: store.db, embedder });
    const admin = createAdmin({ db: store.db, embedder, knowledgeDir: dir, versionsKept: 5 });
    const questions = ['加班工资怎么算', '探亲假有多少天', '国庆节放假几天', '最低工资标准', 'annual leave days'];
    let errors = 0;
    const resultSets: number[][] = [];
    let building = true;
    const build = admin.run(() => {}, { full: true }).finally(() => (building = false));
    for (let i = 0; i < 200 || building; i++) {
      // Questions arrive as I/O events; PGlite answers within microtasks, so yield as a server would.
      await new Promise((resolve) => setImmediate(resolve));
      try {
        resultSets.push((await retriever.search(questions[i % questions.length]!, { k: 5 })).map((h) => h.id));
      } catch {
        errors++;
      }
    }
    const summary = await build;
    expect(summary.version).not.toBe(summary.previousVersion);
    expect(errors).toBe(0);
    expect(resultSets.length).toBeGreaterThanOrEqual(200);
    const versionsOf = async (ids: number[]) =>
      (await store.db.query<{ v: number }>('select distinct version_id as v from knowledge_passages where id = any($1::bigint[])', [ids]))
        .length;
    for (const ids of resultSets) expect(await versionsOf(ids)).toBe(1);
  }, 180_000);
});
