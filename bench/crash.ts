/**
 * npm run bench:crash [-- --messages 200 --kill-after 100 --rate 100 --database-url postgres://… --knowledge DIR
 *                         --lease 5 --log FILE --log-level info]
 *
 * kill -9 in the middle of a burst. The service runs as `npm start` runs it (src/main.ts, its own process) in
 * webhook mode against the fake Bot API; `messages` workers send one message each at `rate` msg/s; once
 * `killAfter` of them were accepted (HTTP 200) the process gets SIGKILL and is started again on the same store
 * (PGlite in a temp dir, or a fresh schema with --database-url). Telegram's side keeps redelivering every
 * update that was not acknowledged, as Telegram does. Then it counts the workers never answered (lost) and
 * those answered twice, against the bar: 0 lost, at most 1% answered twice.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Agent } from 'undici';
import { FAKE_TOKEN, startFakeTelegram } from '../test/fakes/fake-telegram.js';

export interface CrashBenchOptions {
  messages?: number;
  /** SIGKILL once this many messages were accepted. */
  killAfter?: number;
  /** Offered load in messages/s. */
  rate?: number;
  databaseUrl?: string;
  knowledgeDir?: string;
  /** How long to wait for answers after the restart (and for late duplicates) before counting. */
  answerTimeoutMs?: number;
  /** After every worker was answered, keep watching this long for a second answer. */
  watchMs?: number;
  /** OUTBOX_LEASE_SECONDS for the service (on PostgreSQL, a delivery cut short waits this long). */
  leaseSeconds?: number;
  /** Where the service processes' stderr goes (a file), for when something fails. */
  logFile?: string;
  /** LOG_LEVEL of the service (default warn). */
  logLevel?: string;
}

export interface CrashBenchResult {
  sent: number;
  acceptedBeforeKill: number;
  lost: number;
  answeredTwice: number;
  /** Replies repeated whose first copy the restarted process sent: must be 0 (only what was on the wire at the kill may repeat). */
  repeatedAfterKill: number;
  duplicateSends: number;
  /** The texts sent twice (the bot's words, not the workers'), for a look at what was repeated. */
  repeated: string[];
  /** From the SIGKILL until every worker had an answer. */
  recoverySeconds: number;
}

const SECRET = 'crash_bench_secret';
const root = fileURLToPath(new URL('..', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function questions(): string[] {
  const path = join(root, '../shared/eval/retrieval.jsonl');
  if (!existsSync(path)) return ['公司拖欠工资怎么办', '加班费怎么算', '试用期最长多久', 'How is overtime paid?'];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => String((JSON.parse(l) as { question: string }).question));
}

export async function runCrashBench({
  messages = 200,
  killAfter = Math.floor(messages / 2),
  rate = 100,
  databaseUrl,
  knowledgeDir = join(root, 'knowledge'),
  answerTimeoutMs = 120_000,
  watchMs = 3_000,
  leaseSeconds = 5,
  logFile = join(tmpdir(), `niangjia-crash-${process.pid}.log`),
  logLevel = 'warn',
}: CrashBenchOptions = {}): Promise<CrashBenchResult> {
  const tg = await startFakeTelegram();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'niangjia-crash-'));
  const schema = `crash_${Date.now().toString(36)}`;
  let storeSettings: Record<string, string> = { DATA_DIR: dataDir };
  if (databaseUrl) {
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema},public`);
    storeSettings = { DATABASE_URL: url.toString(), DATA_DIR: dataDir };
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
  }
  const env = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    ...storeSettings,
    KNOWLEDGE_DIR: knowledgeDir,
    PORT: String(port),
    ADMIN_PORT: '0',
    LOG_LEVEL: logLevel,
    FLOOD_LIMIT_PER_MINUTE: '1000',
    SLA_URGENT_MINUTES: '1000',
    OUTBOX_LEASE_SECONDS: String(leaseSeconds),
    TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
    TELEGRAM_API_ROOT: tg.apiRoot,
    TELEGRAM_WEBHOOK_URL: 'https://bench.invalid/telegram',
    TELEGRAM_WEBHOOK_SECRET: SECRET,
  };
  const log = openSync(logFile, 'a');
  const start = async (): Promise<ChildProcess> => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env, stdio: ['ignore', log, log] });
    for (const started = Date.now(); Date.now() - started < 300_000; ) {
      if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}); see ${logFile}`);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`)
        .then((r) => r.json() as Promise<{ telegram?: { ok?: boolean } }>)
        .catch(() => undefined);
      if (health?.telegram?.ok) return child;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the service did not become ready');
  };
  const exited = (child: ChildProcess) =>
    new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', () => resolve())));

  // A first start indexes the knowledge folder; the burst starts on a warm service.
  let service = await start();
  service.kill('SIGTERM');
  await exited(service);
  service = await start();

  // Every reply the fake Bot API received, with when: a repeat is allowed only of a reply first sent before the
  // kill (on the wire, or delivered but not yet marked sent, when the process died).
  const sends = new Map<number, Array<{ text: string; at: number }>>();
  tg.onCall = (call) => {
    if (call.method !== 'sendMessage') return;
    const chat = Number(call.payload['chat_id']);
    sends.set(chat, [...(sends.get(chat) ?? []), { text: String(call.payload['text']), at: performance.now() }]);
  };
  const texts = questions();
  const telegram = new Agent({ connections: 40 });
  let accepted = 0;
  let killedAt = 0;
  /** When the killed process had exited and the new one was spawned: what the fake got before came from the old one. */
  let respawnedAt = Infinity;
  let restarting: Promise<void> | undefined;
  const kill = () => {
    killedAt = performance.now();
    const old = service;
    old.kill('SIGKILL');
    restarting = exited(old).then(async () => {
      respawnedAt = performance.now();
      service = await start();
    });
  };
  const post = async (i: number) => {
    const chat = 800_000 + i;
    const update = {
      update_id: 1_000 + i,
      message: {
        message_id: 1 + i,
        date: Math.floor(Date.now() / 1000),
        text: texts[i % texts.length],
        chat: { id: chat, type: 'private', first_name: 'W' },
        from: { id: chat, is_bot: false, first_name: 'W', language_code: 'zh-hans' },
      },
    };
    for (;;) {
      try {
        const res = await telegram.request({
          origin: `http://127.0.0.1:${port}`,
          path: '/telegram',
          method: 'POST',
          body: JSON.stringify(update),
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
          headersTimeout: 30_000,
        });
        await res.body.dump();
        if (res.statusCode === 200) {
          if (++accepted === killAfter) kill();
          return;
        }
      } catch {
        /* refused while the service is down: Telegram delivers again later */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const chats = Array.from({ length: messages }, (_, i) => 800_000 + i);
  const posts: Promise<void>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < messages; i++) {
    const wait = t0 + (i * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    posts.push(post(i));
  }
  await Promise.all(posts);
  await restarting;
  const deadline = performance.now() + answerTimeoutMs;
  while (chats.some((c) => !sends.has(c)) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const recoverySeconds = (performance.now() - killedAt) / 1000;
  // A delivery cut short by the kill is handed out again when its lease runs out: watch past that.
  await new Promise((r) => setTimeout(r, watchMs + leaseSeconds * 1000));

  service.kill('SIGTERM');
  await exited(service);
  await tg.close();
  await telegram.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (databaseUrl) {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    await c.query(`drop schema if exists ${schema} cascade`);
    await c.end();
  }

  let answeredTwice = 0;
  let duplicateSends = 0;
  let repeatedAfterKill = 0;
  const repeated: string[] = [];
  for (const chat of chats) {
    const got = (sends.get(chat) ?? []).map((s) => s.text);
    const extra = got.length - new Set(got).size;
    duplicateSends += extra;
    if (extra > 0) answeredTwice += 1;
    const again = got.filter((text, i) => got.indexOf(text) !== i);
    repeated.push(...again.map((text) => text.slice(0, 60)));
    // A first copy that reached the fake after the kill but before the new process existed was written by the old
    // one: on the wire (or in the kernel's socket buffer) at the kill. Only a first copy of the new process counts.
    for (const text of new Set(again)) if (sends.get(chat)!.find((s) => s.text === text)!.at > respawnedAt) repeatedAfterKill += 1;
  }
  return {
    sent: messages,
    acceptedBeforeKill: killAfter,
    lost: chats.filter((c) => !sends.has(c)).length,
    answeredTwice,
    repeatedAfterKill,
    duplicateSends,
    repeated,
    recoverySeconds,
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string', default: '200' },
      'kill-after': { type: 'string' },
      rate: { type: 'string', default: '100' },
      'database-url': { type: 'string' },
      knowledge: { type: 'string' },
      lease: { type: 'string', default: '5' },
      log: { type: 'string' },
      'log-level': { type: 'string' },
    },
  });
  const messages = Number(values.messages);
  const killAfter = values['kill-after'] ? Number(values['kill-after']) : Math.floor(messages / 2);
  const r = await runCrashBench({
    messages,
    killAfter,
    rate: Number(values.rate),
    databaseUrl: values['database-url'],
    knowledgeDir: values.knowledge,
    leaseSeconds: Number(values.lease),
    logFile: values.log,
    logLevel: values['log-level'],
  });
  const share = (n: number) => `${((100 * n) / r.sent).toFixed(1)}%`;
  console.log(
    `bench:crash  ${r.sent} workers × 1 message via webhook at ${values.rate} msg/s, SIGKILL after ${r.acceptedBeforeKill} accepted, restart; store ${values['database-url'] ? 'postgres' : 'pglite (temp dir)'}`,
  );
  console.log(
    `  lost ${r.lost}  answered twice ${r.answeredTwice} (${share(r.answeredTwice)}, ${r.duplicateSends} duplicate sends, ${r.repeatedAfterKill} first sent by the restarted process)  every worker answered ${r.recoverySeconds.toFixed(1)} s after the kill`,
  );
  for (const text of r.repeated) console.log(`  sent twice: ${JSON.stringify(text)}`);
  const ok = r.lost === 0 && r.repeatedAfterKill === 0 && r.answeredTwice <= Math.floor(r.sent / 100);
  console.log(`  ${ok ? 'PASS' : 'FAIL'}: 0 lost and at most 1% answered twice`);
  process.exitCode = ok ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
