/**
 * npm run bench:services [-- --workers 100 --database-url postgres://…]
 *
 * What a guided application adds to a message's handling: `--workers` workers each fill in the membership
 * application (the platform path: start, name, phone, region, work, consent, submit) through the real
 * worker service, triage, store and outbox of the composed app, on PGlite in memory unless --database-url
 * is given. Prints p50/p95/max per kind of step — a typed answer (triaged first, then stored with its
 * reply), a button, the submit (typed case and card) — and the cost on a message outside any flow (the
 * draft lookup every message pays). Target: p95 ≤ 50 ms.
 */

import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { ServicePress, WorkerIdentity } from '../src/conversation/types.js';
import { findDraft } from '../src/store/application-store.js';
import { recordInbound } from '../src/store/inbox-store.js';
import { upsertWorker } from '../src/store/worker-store.js';

const { values } = parseArgs({ options: { workers: { type: 'string', default: '100' }, 'database-url': { type: 'string' } } });
const total = Number(values.workers);
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

function knowledge(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nj-bench-services-'));
  mkdirSync(join(dir, 'laws'));
  for (const f of ['labor-contract-law.md', 'labor-law.md']) cpSync(join('knowledge/laws', f), join(dir, 'laws', f));
  for (const f of ['union', 'policy', 'thesaurus.tsv']) cpSync(join('knowledge', f), join(dir, f), { recursive: true });
  return dir;
}

/** On PostgreSQL, a schema of its own, dropped at the end. */
async function database(url: string | undefined): Promise<{ url?: string; drop(): Promise<void> }> {
  if (!url) return { drop: async () => {} };
  const schema = `bench_services_${process.pid}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await run(`create schema ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema},public`);
  return { url: scoped.toString(), drop: () => run(`drop schema ${schema} cascade`) };
}

async function main() {
  const db = await database(values['database-url']);
  // With PostgreSQL, DATA_DIR only holds the admin token: a temporary one, and the token given.
  const config = loadConfig({
    DATA_DIR: db.url ? mkdtempSync(join(tmpdir(), 'nj-bench-data-')) : 'memory://',
    DATABASE_URL: db.url,
    KNOWLEDGE_DIR: knowledge(),
    PORT: '0',
    ADMIN_PORT: '0',
    LOG_LEVEL: 'silent',
    ADMIN_TOKEN: 'bench-services-admin-token',
  });
  // The console staff desk prints every card: keep it out of the figures' way.
  const quiet = new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
  const app = await startApp({ config, console: false, output: quiet, progress: { write: () => true } as never });
  app.outbox.register('bench', async () => {});
  const timings: Record<'typed' | 'button' | 'submit' | 'outside', number[]> = { typed: [], button: [], submit: [], outside: [] };
  let n = 0;
  const inbound = async () =>
    (await recordInbound(app.db, { channel: 'bench', externalId: `${process.pid}-${++n}`, payload: {} })).message.id;
  const time = async (kind: keyof typeof timings, work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    timings[kind].push(performance.now() - started);
  };

  for (let w = 0; w < total; w++) {
    const identity: WorkerIdentity = { channel: 'bench', externalId: `bench-${process.pid}-${w}`, chatId: `c${w}` };
    const worker = await upsertWorker(app.db, identity);
    await time('outside', () => findDraft(app.db, worker.id));
    const press = async (kind: 'button' | 'submit', verb: string, arg?: string) => {
      const draft = (await findDraft(app.db, worker.id))!;
      const p: ServicePress = { application: draft.id, rev: draft.rev, verb, ...(arg ? { arg } : {}) };
      const id = await inbound();
      await time(kind, () => app.workers.press!(identity, p, id, 'zh'));
    };
    const type = async (text: string) => {
      const id = await inbound();
      await time('typed', () => app.workers.receive({ externalId: String(id), worker: identity, text }, id));
    };
    const first = await inbound();
    await time('button', () => app.workers.press!(identity, { service: 'join_union' }, first, 'zh'));
    await press('button', 'start');
    await type(`工友${w}号`);
    await type(`1380013${String(8000 + w).padStart(4, '0')}`);
    await type('深圳市南山区');
    await press('button', 'pick', 'rider');
    await press('button', 'pick', 'anon');
    await press('submit', 'submit');
  }
  await app.outbox.drain();
  const [row] = await app.db.query<{ cases: number }>(`select count(*)::int as cases from cases where category = 'join_union'`);
  const cases = row?.cases ?? 0;
  const fmt = (xs: number[]) =>
    `p50 ${quantile(xs, 0.5).toFixed(1)} ms · p95 ${quantile(xs, 0.95).toFixed(1)} ms · max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`;
  const steps = [...timings.typed, ...timings.button, ...timings.submit];
  console.log(`guided applications on ${app.db.kind}: ${total} membership applications, ${cases} typed cases`);
  console.log(`  typed answer (triage + step + reply): ${fmt(timings.typed)}`);
  console.log(`  button                              : ${fmt(timings.button)}`);
  console.log(`  submit (case, card, reply)          : ${fmt(timings.submit)}`);
  console.log(`  outside a flow (the draft lookup)   : ${fmt(timings.outside)}`);
  console.log(
    `  every flow step: p95 ${quantile(steps, 0.95).toFixed(1)} ms — target ≤ 50 ms: ${quantile(steps, 0.95) <= 50 ? 'met' : 'NOT met'}`,
  );
  await app.stop();
  await db.drop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
