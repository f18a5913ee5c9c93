/**
 * The service side of `npm run bench:telegram`, run as its own process (as in production, where Telegram
 * is elsewhere): the Telegram channel in webhook mode on the shared HTTP server, the outbox, and a worker
 * side from a factory. Prints `{"port":…}` when ready; on SIGTERM stops gracefully (in-flight updates
 * finish) and prints `{"peakRssMb":…,"peakHeapMb":…,"peakExternalMb":…,"cpuMs":…,"statements":…,"postgresCpuMs":…,"state":…}`, each from ready until
 * every update was handled and every reply delivered (cpuMs: user + system CPU of this process; statements: the SQL
 * statements it sent, `begin` and `commit` included, counted at the drivers; postgresCpuMs: on PostgreSQL, the CPU
 * its backends for this database spent).
 *
 *   node bench/scratch/build/bench/telegram-service.js (or tsx bench/telegram-service.ts) --api-root http://127.0.0.1:PORT --secret S [--stand-in | --echo] [--database-url …] [--first-start] [--statements]
 *
 * By default the whole app as `npm start` composes it (src/app.ts), started on a database indexed beforehand by
 * `npm run reindex` in its own process, as in production (`--first-start`: the service builds the index itself,
 * in its own process, as a first start does); `--stand-in` (WorkerService with a keyword assistant and an
 * in-memory case desk) and `--echo` measure the channel's own cost.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { startApp } from '../src/app.js';
import type { Assistant } from '../src/assistant/types.js';
import { createTelegramChannel } from '../src/channels/telegram/telegram-channel.js';
import { loadConfig } from '../src/config.js';
import type { WorkerService } from '../src/conversation/types.js';
import { enqueueToWorker, WORKER_MESSAGE } from '../src/conversation/worker-outbox.js';
import { type CaseDesk, createWorkerService } from '../src/conversation/worker-service.js';
import { createHttpServer } from '../src/http/http-server.js';
import { loadTranslator, type Translate } from '../src/i18n/translator.js';
import { createLogger, type Logger } from '../src/log.js';
import { createOutbox, type Outbox } from '../src/outbox/outbox.js';
import type { Db } from '../src/store/db.js';
import { openStore } from '../src/store/open-store.js';
import { outboxCounts } from '../src/store/outbox-store.js';
import { upsertWorker } from '../src/store/worker-store.js';

export type MakeWorkers = (deps: { db: Db; outbox: Outbox; translate: Translate }) => Promise<WorkerService> | WorkerService;

/** The real WorkerService with a stand-in assistant (keyword rules) and an in-memory case desk. */
export const standInWorkers: MakeWorkers = ({ db, outbox, translate }) => {
  const assistant: Assistant = {
    async respond({ text, lang = 'zh' }) {
      if (/救命|跳下去|自杀|流血|打人/.test(text)) {
        return {
          kind: 'escalate',
          lang,
          text: '请先确保安全，必要时拨打120/110。已为你转工会娘家人。',
          citations: [],
          confidence: 1,
          escalation: { priority: 'urgent', category: 'safety', summary: text.slice(0, 100) },
        };
      }
      return {
        kind: 'answer',
        lang,
        confidence: 0.8,
        citations: [],
        text: `${lang === 'en' ? 'Here is what the law says:' : '根据法律规定：'}\n《中华人民共和国劳动合同法》第三十条 用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。`,
      };
    },
  };
  let next = 0;
  const open = new Map<number, number>();
  const cases: CaseDesk = {
    async openCase(input) {
      const id = ++next;
      open.set(input.workerId, id);
      return { id };
    },
    async activeCaseFor(workerId) {
      const id = open.get(workerId);
      return id ? { id, status: 'open' } : undefined;
    },
    async addWorkerMessage() {},
    async listForWorker() {
      return [];
    },
    async rate() {},
    async followUp() {
      return false;
    },
    async forgetWorker() {},
  };
  const triage = {
    classify: async (_text: string) => ({
      outcome: 'answer' as const,
      category: 'legal_question',
      confidence: 1,
      source: 'classifier' as const,
      evidence: { danger: [], frames: [], label: '', outcomes: { urgent: 0, escalate: 0, decline: 0, answer: 1 } },
    }),
  };
  return createWorkerService({ db, outbox, assistant, triage, safetyReply: () => '', cases, translate });
};

/** Echoes each message: the channel's own cost, without the assistant. */
export const echoWorkers: MakeWorkers = ({ db, outbox }) => {
  const noop = async () => {};
  return {
    async receive(message, inboundId) {
      const worker = await upsertWorker(db, message.worker);
      await enqueueToWorker(outbox, worker, { lang: 'zh', text: `收到：${message.text ?? ''}` }, { dedupeKey: `reply:${inboundId}` });
    },
    requestHuman: noop,
    feedback: noop,
    rate: noop,
    setLanguage: noop,
    forget: noop,
    async cases() {
      return [];
    },
    async language() {
      return null;
    },
  };
};

/**
 * Counts every statement the process sends, at the drivers: pg's `Client.query` (pool queries, transactions'
 * begin and commit, the search connections' settings) and PGlite's one query lock (`_runExclusiveQuery`,
 * which each `query` and `exec`, in a transaction or not, takes once). With `byText`, also how often each
 * statement ran (its first 100 characters; PostgreSQL only), for `--statements`.
 */
function countStatements(byText: boolean): { total: () => number; byText: Map<string, number> } {
  let n = 0;
  const texts = new Map<string, number>();
  const clientQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    n += 1;
    if (byText) {
      const sql = typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string } | undefined)?.text);
      const key = sql.replace(/\s+/g, ' ').trim().slice(0, 100);
      texts.set(key, (texts.get(key) ?? 0) + 1);
    }
    return clientQuery.apply(this, args);
  } as typeof pg.Client.prototype.query;
  const proto = PGlite.prototype as unknown as { _runExclusiveQuery: (...args: unknown[]) => unknown };
  const exclusive = proto._runExclusiveQuery;
  proto._runExclusiveQuery = function (this: unknown, ...args: unknown[]) {
    n += 1;
    return exclusive.apply(this, args);
  };
  return { total: () => n, byText: texts };
}

/**
 * CPU (user + system, ms) of the PostgreSQL backends serving this database, by pid, read from /proc: the bench
 * and PostgreSQL run on the same machine, and what the service makes PostgreSQL do counts as much as its own.
 */
async function postgresCpu(databaseUrl: string): Promise<Map<number, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    const cpu = new Map<number, number>();
    for (const { pid } of rows) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        cpu.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / 100); // utime + stime, in 1/100 s
      } catch {
        // not on this machine, or gone
      }
    }
    return cpu;
  } finally {
    await client.end();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      'api-root': { type: 'string' },
      secret: { type: 'string' },
      token: { type: 'string' },
      echo: { type: 'boolean', default: false },
      'stand-in': { type: 'boolean', default: false },
      'database-url': { type: 'string' },
      'first-start': { type: 'boolean', default: false },
      statements: { type: 'boolean', default: false },
    },
  });
  const statements = countStatements(values.statements);
  // Where the peak's memory is: the JS heap, and `external` (buffers, and PGlite's WebAssembly memory).
  let peak = process.memoryUsage();
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    if (now.rss > peak.rss) peak = now;
  }, 50);
  const dataDir = mkdtempSync(join(tmpdir(), 'niangjia-bench-'));
  const databaseUrl = values['database-url'];
  // On PostgreSQL, a schema of the run's own, dropped at the end as the data dir is (each holds a whole index).
  const schema = databaseUrl ? `bench_${Date.now().toString(36)}` : undefined;
  const log = createLogger({ level: 'warn', secrets: [values.token!, values.secret!] });
  const service =
    values.echo || values['stand-in']
      ? await partialService({ ...values, databaseUrl, schema, dataDir, log, makeWorkers: values.echo ? echoWorkers : standInWorkers })
      : await wholeApp({ ...values, databaseUrl, schema, dataDir, log, firstStart: values['first-start'] });
  // CPU of this process (all threads) from ready to stop: the cost of the messages, start-up excluded.
  const postgresAtReady = databaseUrl ? await postgresCpu(databaseUrl) : undefined;
  const statementsAtReady = statements.total();
  const cpuAtReady = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ port: service.port })}\n`);

  process.once('SIGTERM', async () => {
    // Measured once the service has handled and delivered everything (in-flight updates finish, the outbox
    // drains), before it closes: a run the bench stopped waiting for still counts all its messages.
    const measured = await service.stop(async () => {
      const cpu = process.cpuUsage(cpuAtReady);
      const sent = statements.total() - statementsAtReady;
      let postgresCpuMs: number | undefined;
      if (databaseUrl && postgresAtReady) {
        postgresCpuMs = 0;
        for (const [pid, ms] of await postgresCpu(databaseUrl)) postgresCpuMs += ms - (postgresAtReady.get(pid) ?? 0);
      }
      return { cpuMs: (cpu.user + cpu.system) / 1000, statements: sent, postgresCpuMs };
    });
    if (values.statements) {
      const top = [...statements.byText].sort((a, b) => b[1] - a[1]);
      process.stderr.write(`statements (start-up included), most frequent first:\n${top.map(([sql, k]) => `${k}\t${sql}`).join('\n')}\n`);
    }
    clearInterval(sampler);
    rmSync(dataDir, { recursive: true, force: true });
    if (databaseUrl && schema) await dropSchema(databaseUrl, schema);
    const mb = (bytes: number) => bytes / 1024 / 1024;
    const memory = { peakRssMb: mb(peak.rss), peakHeapMb: mb(peak.heapTotal), peakExternalMb: mb(peak.external) };
    process.stdout.write(`${JSON.stringify({ ...memory, ...measured })}\n`);
    process.exit(0);
  });
}

/** What the service measured of itself once everything was handled and delivered. */
type Measure = () => Promise<{ cpuMs: number; statements: number; postgresCpuMs?: number }>;

interface ServiceArgs {
  'api-root'?: string;
  secret?: string;
  token?: string;
  databaseUrl?: string;
  /** The run's schema on PostgreSQL. */
  schema?: string;
  dataDir: string;
  log: Logger;
}

async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

/** The real composition, as `npm start` runs it: real retrieval, assistant, cases (console desk), outbox. */
async function wholeApp({
  'api-root': apiRoot,
  secret,
  token,
  databaseUrl,
  schema,
  dataDir,
  log,
  firstStart,
}: ServiceArgs & { firstStart?: boolean }) {
  let url: string | undefined;
  if (databaseUrl && schema) {
    await (await openStore({ databaseUrl, schema, migrations: false })).close();
    const u = new URL(databaseUrl);
    u.searchParams.set('options', `-c search_path=${schema},public`);
    url = u.toString();
  }
  if (!firstStart) {
    // As in production, the service starts on an indexed database: `npm run reindex` in a process of its own
    // (the index and the triage model), so the peak RSS measured is the service's, not the first build's.
    // Compiled (bench/telegram.ts builds this file to JavaScript), the re-index is compiled too.
    const compiled = import.meta.url.endsWith('.js');
    const reindex = fileURLToPath(new URL(`../src/admin/reindex-cli.${compiled ? 'js' : 'ts'}`, import.meta.url));
    const built = spawnSync(process.execPath, [...(compiled ? [] : ['--import', 'tsx']), reindex], {
      env: { PATH: process.env['PATH'], ...(url ? { DATABASE_URL: url } : { DATA_DIR: dataDir }), KNOWLEDGE_DIR: './knowledge' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (built.status !== 0) throw new Error(`the bench's npm run reindex failed (exit ${built.status})`);
  }
  const config = loadConfig({
    ...(url ? { DATABASE_URL: url } : { DATA_DIR: dataDir }),
    KNOWLEDGE_DIR: './knowledge',
    PORT: '0',
    ADMIN_PORT: '0',
    ADMIN_TOKEN: 'bench-admin-token-long-enough',
    TELEGRAM_BOT_TOKEN: token,
    TELEGRAM_API_ROOT: apiRoot,
    TELEGRAM_WEBHOOK_URL: 'https://bench.invalid/telegram',
    TELEGRAM_WEBHOOK_SECRET: secret,
    FLOOD_LIMIT_PER_MINUTE: '1000',
    SLA_URGENT_MINUTES: '1000',
  });
  const app = await startApp({ config, log, console: false, host: '127.0.0.1', output: { write: () => true } as never });
  return {
    port: app.port!,
    async stop(measure: Measure) {
      await app.telegram!.stop();
      await app.outbox.drain();
      const measured = await measure();
      const state = { ...app.telegram!.state(), workerMessages: await workerMessageCount(app.db) };
      await app.stop();
      return { ...measured, state };
    },
  };
}

/** The channel with a stand-in worker side: the channel's own cost. */
async function partialService({
  'api-root': apiRoot,
  secret,
  token,
  databaseUrl,
  schema,
  dataDir,
  log,
  makeWorkers,
}: ServiceArgs & { makeWorkers: MakeWorkers }) {
  const db = await openStore(databaseUrl ? { databaseUrl, schema } : { dataDir });
  const outbox = createOutbox({ db, log, pollMs: 200 });
  const translate = loadTranslator();
  const channel = createTelegramChannel({
    token: token!,
    db,
    outbox,
    log,
    workers: await makeWorkers({ db, outbox, translate }),
    apiRoot,
    webhook: { url: 'https://bench.invalid/telegram', secret: secret! },
    floodLimitPerMinute: 1_000,
    translate,
  });
  const http = createHttpServer({ log });
  http.mount('/telegram', channel.webhookListener!);
  const port = await http.listen(0, '127.0.0.1');
  outbox.start();
  await channel.start();
  return {
    port,
    async stop(measure: Measure) {
      await channel.stop();
      await outbox.drain();
      const measured = await measure();
      await outbox.stop();
      await http.close();
      const state = { ...channel.state(), workerMessages: await workerMessageCount(db) };
      await db.close();
      return { ...measured, state };
    },
  };
}

/** Messages the service meant to send to workers: each is one outbox item, delivered once. */
async function workerMessageCount(db: Db): Promise<number> {
  return (await outboxCounts(db, WORKER_MESSAGE)).total ?? 0;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
