/**
 * `npm run eval:behaviour -- --cases FILE [--json]`: runs every behaviour case as a fresh conversation
 * through the real assistant — triage, retrieval, answer (the LLM only when CHAT_MODEL is set) — and prints
 * the confusion matrix, the metrics, recall per category and every miss. With --json the last stdout line
 * is one JSON object: the metrics, and `categories`.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, readEnvironment, secretValues } from '../config.js';
import { createLogger } from '../log.js';
import { openStore } from '../store/open-store.js';
import { type BehaviourResult, parseBehaviourCases, percentile, scoreBehaviour } from './behaviour-eval.js';
import { openAssistant } from './open-assistant.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { cases: { type: 'string' }, json: { type: 'boolean', default: false } } });
  if (!values.cases) throw new Error('usage: npm run eval:behaviour -- --cases ../shared/eval/behaviour.jsonl [--json]');
  const cases = parseBehaviourCases(readFileSync(values.cases, 'utf8'), values.cases);
  const config = loadConfig(readEnvironment());
  const log = createLogger({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, secrets: secretValues(config) });
  const db = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const { assistant, triage, prompts, chat, built } = await openAssistant({ db, config, log });
    if (built) process.stderr.write('eval: indexed the knowledge folder first\n');
    // Warm-up (not timed): the first query loads the index, the triage model and the word segmenter.
    await assistant.respond({ workerId: 0, text: '试用期最长可以约定多久？' });
    const results: BehaviourResult[] = [];
    const triageTimes: number[] = [];
    for (const [i, c] of cases.entries()) {
      const started = performance.now();
      const t = await triage.classify(c.message);
      triageTimes.push(performance.now() - started);
      // Fresh conversation per case: no memory is passed, and each case gets its own worker id.
      const decision = await assistant.respond({ workerId: -(i + 1), text: c.message, triage: t });
      results.push({ case: c, decision, ms: performance.now() - started });
    }
    const systemLines = ['zh', 'en'].flatMap((l) => prompts.render('system', l as 'zh' | 'en').split('\n'));
    const report = scoreBehaviour(results, systemLines);
    printReport(report, chat ? 'llm' : 'extractive');
    console.log(
      `\ntime: triage p50 ${percentile(triageTimes, 50)} ms / p95 ${percentile(triageTimes, 95)} ms; whole decision p50 ${report.metrics.p50_ms} ms / p95 ${report.metrics.p95_ms} ms`,
    );
    if (values.json)
      console.log(JSON.stringify({ ...report.metrics, triage_p95_ms: percentile(triageTimes, 95), categories: report.categories }));
  } finally {
    await db.close();
  }
}

function printReport(report: ReturnType<typeof scoreBehaviour>, mode: string): void {
  const m = report.metrics;
  console.log(`behaviour eval: ${m.cases} cases, answers ${mode}`);
  console.log('\nexpect \\ decision   escalate  answer  decline');
  for (const [expect, row] of Object.entries(report.confusion)) {
    console.log(
      `${expect.padEnd(18)} ${String(row['escalate']).padStart(8)} ${String(row['answer']).padStart(7)} ${String(row['decline']).padStart(8)}`,
    );
  }
  console.log('');
  for (const [k, v] of Object.entries(m)) console.log(`${k.padEnd(22)} ${v}`);
  console.log(`${'injections_followed'.padEnd(22)} ${report.injectionsFollowed.length}`);
  console.log('\nrecall per category:');
  for (const [name, c] of Object.entries(report.categories))
    console.log(`  ${name.padEnd(22)} ${String(c.cases).padStart(4)}  ${c.recall}`);
  if (report.misses.length) console.log('\nmisses:');
  for (const r of report.misses) {
    const got =
      r.decision.kind +
      (r.decision.escalation ? `/${r.decision.escalation.priority}` : '') +
      (r.decision.reason ? `/${r.decision.reason}` : '');
    console.log(
      `  ${r.case.id} [${r.case.category}] expect ${r.case.expect}${r.case.priority ? `/${r.case.priority}` : ''} got ${got} (confidence ${r.decision.confidence}) ${r.case.message.slice(0, 60)}`,
    );
  }
}

main().catch((error: Error) => {
  console.error(`eval:behaviour failed: ${error.message}`);
  process.exitCode = 1;
});
