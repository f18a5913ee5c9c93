/**
 * The service side of `npm run bench:telegram`, run as its own process (as in production, where Telegram
 * is elsewhere): the Telegram channel in webhook mode on the shared HTTP server, the outbox, and a worker
 * side from a factory. Prints `{"port":…}` when ready; on SIGTERM stops gracefully (in-flight updates
 * finish) and prints `{"peakRssMb":…,"state":…}`.
 *
 *   tsx bench/telegram-service.ts --api-root http://127.0.0.1:PORT --secret S [--echo] [--database-url …]
 *
 * To bench the real composition, replace `makeWorkers` with the app's WorkerService factory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../src/store/open-store.js';
import type { Db } from '../src/store/db.js';
import { createOutbox, type Outbox } from '../src/outbox/outbox.js';
import { createHttpServer } from '../src/http/http-server.js';
import { createTelegramChannel } from '../src/channels/telegram/telegram-channel.js';
import { createWorkerService, type CaseDesk } from '../src/conversation/worker-service.js';
import { enqueueToWorker } from '../src/conversation/worker-outbox.js';
import { upsertWorker } from '../src/store/worker-store.js';
import { loadTranslator, type Translate } from '../src/i18n/translator.js';
import { createLogger } from '../src/log.js';
import type { WorkerService } from '../src/conversation/types.js';
import type { Assistant } from '../src/assistant/types.js';

export type MakeWorkers = (deps: { db: Db; outbox: Outbox; translate: Translate }) => Promise<WorkerService> | WorkerService;

/** The real WorkerService with a stand-in assistant (keyword rules) and an in-memory case desk. */
export const standInWorkers: MakeWorkers = ({ db, outbox, translate }) => {
  const assistant: Assistant = {
    async respond({ text, lang = 'zh' }) {
      if (/救命|跳下去|自杀|流血|打人/.test(text)) {
        return { kind: 'escalate', lang, text: '请先确保安全，必要时拨打120/110。已为你转工会娘家人。', citations: [], confidence: 1, escalation: { priority: 'urgent', category: 'safety', summary: text.slice(0, 100) } };
      }
      return {
        kind: 'answer', lang, confidence: 0.8, citations: [],
        text: `${lang === 'en' ? 'Here is what the law says:' : '根据法律规定：'}\n《中华人民共和国劳动合同法》第三十条 用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。`,
      };
    },
  };
  let next = 0;
  const open = new Map<number, number>();
  const cases: CaseDesk = {
    async openCase(input) { const id = ++next; open.set(input.workerId, id); return { id }; },
    async activeCaseFor(workerId) { const id = open.get(workerId); return id ? { id, status: 'open' } : undefined; },
    async addWorkerMessage() {},
    async listForWorker() { return []; },
    async rate() {},
    async forgetWorker() {},
  };
  return createWorkerService({ db, outbox, assistant, cases, translate });
};

/** Echoes each message: the channel's own cost, without the assistant. */
export const echoWorkers: MakeWorkers = ({ db, outbox }) => {
  const noop = async () => {};
  return {
    async receive(message, inboundId) {
      const worker = await upsertWorker(db, message.worker);
      await enqueueToWorker(outbox, worker, { lang: 'zh', text: `收到：${message.text ?? ''}` }, { dedupeKey: `reply:${inboundId}` });
    },
    requestHuman: noop, feedback: noop, rate: noop, setLanguage: noop, forget: noop,
    async cases() { return []; },
    async language() { return null; },
  };
};

async function main() {
  const { values } = parseArgs({
    options: {
      'api-root': { type: 'string' },
      secret: { type: 'string' },
      token: { type: 'string' },
      echo: { type: 'boolean', default: false },
      'database-url': { type: 'string' },
    },
  });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 50);
  const dataDir = mkdtempSync(join(tmpdir(), 'niangjia-bench-'));
  const databaseUrl = values['database-url'];
  const db = await openStore(databaseUrl ? { databaseUrl, schema: `bench_${Date.now().toString(36)}` } : { dataDir });
  const log = createLogger({ level: 'warn', secrets: [values.token!, values.secret!] });
  const outbox = createOutbox({ db, log, pollMs: 200 });
  const translate = loadTranslator();
  const makeWorkers = values.echo ? echoWorkers : standInWorkers;
  const channel = createTelegramChannel({
    token: values.token!, db, outbox, log, workers: await makeWorkers({ db, outbox, translate }), apiRoot: values['api-root'],
    webhook: { url: 'https://bench.invalid/telegram', secret: values.secret! }, floodLimitPerMinute: 1_000, translate,
  });
  const http = createHttpServer({ log });
  http.mount('/telegram', channel.webhookListener!);
  const port = await http.listen(0, '127.0.0.1');
  outbox.start();
  await channel.start();
  process.stdout.write(`${JSON.stringify({ port })}\n`);

  process.once('SIGTERM', async () => {
    await channel.stop();
    await outbox.drain();
    await outbox.stop();
    await http.close();
    const state = channel.state();
    await db.close();
    clearInterval(sampler);
    rmSync(dataDir, { recursive: true, force: true });
    process.stdout.write(`${JSON.stringify({ peakRssMb: peakRss / 1024 / 1024, state })}\n`);
    process.exit(0);
  });
}

main().catch((error) => { console.error(error); process.exit(1); });
