/**
 * npm run bench:escalation [-- --cases 200 --rate 20 --database-url postgres://…]
 *
 * Escalation → Slack card latency with Slack healthy: opens `--cases` cases (each a new worker) at an offered
 * rate (open loop, cases/s), through the real case service, outbox and Slack desk (Bolt's WebClient) against
 * the local fake Slack Web API, on PGlite in memory unless --database-url is given. Prints p50/p95/p99/max
 * from the openCase call to the card arriving at the fake, and checks every case got exactly one card.
 * Target: p95 ≤ 2 s.
 */
import { parseArgs } from 'node:util';
import { createCaseService } from '../src/cases/case-service.js';
import { createStaffDeskDeliverer, STAFF_DESK_CHANNEL } from '../src/cases/staff-desk.js';
import { createSlackDesk } from '../src/channels/slack/slack-desk.js';
import { loadTranslator } from '../src/i18n/translator.js';
import { createOutbox } from '../src/outbox/outbox.js';
import { openStore } from '../src/store/open-store.js';
import { upsertWorker } from '../src/store/worker-store.js';
import { FAKE_SLACK_TOKEN, startFakeSlack } from '../test/fakes/fake-slack.js';

const { values } = parseArgs({
  options: { cases: { type: 'string', default: '200' }, rate: { type: 'string', default: '20' }, 'database-url': { type: 'string' } },
});
const total = Number(values.cases);
const rate = Number(values.rate);
const databaseUrl = values['database-url'];
const schema = databaseUrl ? `bench_escalation_${process.pid}` : undefined;

const quantile = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

async function main() {
  const db = await openStore(databaseUrl ? { databaseUrl, schema } : { dataDir: 'memory://' });
  const slack = await startFakeSlack({ channels: ['C_CASES'] });
  const translate = loadTranslator();
  const outbox = createOutbox({ db });
  outbox.register('bench', async () => {}); // the workers' channel: their "case opened" message
  const cases = createCaseService({ db, outbox, translate });
  const desk = createSlackDesk({
    token: FAKE_SLACK_TOKEN,
    signingSecret: 'bench',
    casesChannel: 'C_CASES',
    apiUrl: slack.apiUrl,
    cases,
    translate,
  });
  outbox.register(STAFF_DESK_CHANNEL, createStaffDeskDeliverer({ db, desk: desk.desk }));
  outbox.start();

  const openedAt = new Map<number, number>();
  const latency = new Map<number, number>();
  const cards = new Map<number, number>();
  slack.onCall = (call) => {
    const id = (call.args.metadata as { event_payload?: { case_id?: number } } | undefined)?.event_payload?.case_id;
    if (call.method !== 'chat.postMessage' || !call.ok || id === undefined) return;
    cards.set(id, (cards.get(id) ?? 0) + 1);
    // The call can arrive before openCase has returned its id: keyed by id, reconciled below.
    latency.set(id, call.at);
  };

  const started = performance.now();
  const opening: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    opening.push(
      (async () => {
        const worker = await upsertWorker(db, { channel: 'bench', externalId: `w${i}`, chatId: `w${i}` });
        const t = performance.now();
        const c = await cases.openCase({
          workerId: worker.id,
          priority: i % 5 ? 'normal' : 'urgent',
          category: 'wage_arrears',
          summary: '拖欠工资',
          workerText: '公司拖欠了我三个月工资共15000元',
          botReply: '根据《劳动合同法》第三十条……',
          citations: [],
          lang: 'zh',
        });
        openedAt.set(c.id, t);
      })(),
    );
  }
  await Promise.all(opening);
  const deadline = Date.now() + 30_000;
  while (cards.size < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const seconds = (performance.now() - started) / 1000;

  const ms = [...openedAt].map(([id, t]) => (latency.get(id) ?? Infinity) - t).sort((a, b) => a - b);
  const missing = total - cards.size;
  const duplicated = [...cards.values()].filter((n) => n > 1).length;
  console.log(`escalation → Slack card (${db.kind}, ${total} cases at ${rate}/s offered, ${(total / seconds).toFixed(1)}/s achieved)`);
  console.log(
    `  p50 ${quantile(ms, 0.5).toFixed(0)} ms · p95 ${quantile(ms, 0.95).toFixed(0)} ms · p99 ${quantile(ms, 0.99).toFixed(0)} ms · max ${ms.at(-1)!.toFixed(0)} ms`,
  );
  console.log(
    `  cards missing ${missing} · duplicated ${duplicated} · target p95 ≤ 2000 ms: ${quantile(ms, 0.95) <= 2000 && !missing && !duplicated ? 'met' : 'NOT met'}`,
  );

  await outbox.stop();
  await slack.close();
  if (schema) await db.query(`drop schema ${schema} cascade`);
  await db.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
