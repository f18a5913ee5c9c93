/**
 * `npm run eval:behaviour -- --cases FILE [--json]`: runs every behaviour case as a fresh conversation
 * through the real assistant and the real retriever (the LLM only when CHAT_MODEL is set), and prints the
 * confusion matrix, the metrics and the misses. With --json the last stdout line is one JSON object.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, readEnvironment, secretValues } from '../config.js';
import { createLogger } from '../log.js';
import { openStore } from '../store/open-store.js';
import { chatModelFromConfig } from '../llm/chat.js';
import { openKnowledge } from '../retrieval/index.js';
import { createAssistant, loadAssistantRules } from './assistant.js';
import { loadPrompts } from './prompts.js';
import { parseBehaviourCases, percentile, scoreBehaviour, type BehaviourResult } from './behaviour-eval.js';
import type { Retriever } from '../retrieval/types.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { cases: { type: 'string' }, json: { type: 'boolean', default: false } } });
  if (!values.cases) throw new Error('usage: npm run eval:behaviour -- --cases ../shared/eval/behaviour.jsonl [--json]');
  const cases = parseBehaviourCases(readFileSync(values.cases, 'utf8'), values.cases);
  const config = loadConfig(readEnvironment());
  const log = createLogger({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, secrets: secretValues(config) });
  const db = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const { retriever: inner, built } = await openKnowledge({ db, config, log });
    if (built) process.stderr.write('eval: indexed the knowledge folder first\n');
    // Time retrieval apart from the assistant's own work, to say where decision time goes.
    let retrievalMs = 0;
    const retriever: Retriever = {
      async search(query, options) {
        const t = performance.now();
        try { return await inner.search(query, options); } finally { retrievalMs += performance.now() - t; }
      },
    };
    const chat = chatModelFromConfig(config);
    const prompts = loadPrompts(config.PROMPTS_DIR);
    const assistant = createAssistant({
      retriever, rules: loadAssistantRules(config.KNOWLEDGE_DIR), log,
      llm: chat ? { chat, prompts, timeoutMs: config.LLM_TIMEOUT_MS } : undefined,
    });
    // Warm-up (not timed): the first query loads the index and the word segmenter.
    await assistant.respond({ workerId: 0, text: '试用期最长可以约定多久？' });
    const results: BehaviourResult[] = [];
    const retrievalTimes: number[] = [];
    const ownTimes: number[] = [];
    for (const [i, c] of cases.entries()) {
      retrievalMs = 0;
      const started = performance.now();
      // Fresh conversation per case: no memory is passed, and each case gets its own worker id.
      const decision = await assistant.respond({ workerId: -(i + 1), text: c.message });
      const ms = performance.now() - started;
      results.push({ case: c, decision, ms });
      if (retrievalMs > 0) retrievalTimes.push(retrievalMs);
      ownTimes.push(ms - retrievalMs);
    }
    const systemLines = ['zh', 'en'].flatMap((l) => prompts.render('system', l as 'zh' | 'en').split('\n'));
    const report = scoreBehaviour(results, systemLines);
    printReport(report, chat ? 'llm' : 'extractive');
    console.log(`\ntime split: retrieval p50 ${percentile(retrievalTimes, 50)} ms / p95 ${percentile(retrievalTimes, 95)} ms over ${retrievalTimes.length} retrieved cases; ` +
      `assistant's own work p50 ${percentile(ownTimes, 50)} ms / p95 ${percentile(ownTimes, 95)} ms`);
    if (values.json) console.log(JSON.stringify(report.metrics));
  } finally {
    await db.close();
  }
}

function printReport(report: ReturnType<typeof scoreBehaviour>, mode: string): void {
  const m = report.metrics;
  console.log(`behaviour eval: ${m.cases} cases, answers ${mode}`);
  console.log('\nexpect \\ decision   escalate  answer  decline');
  for (const [expect, row] of Object.entries(report.confusion)) {
    console.log(`${expect.padEnd(18)} ${String(row['escalate']).padStart(8)} ${String(row['answer']).padStart(7)} ${String(row['decline']).padStart(8)}`);
  }
  console.log('');
  for (const [k, v] of Object.entries(m)) console.log(`${k.padEnd(22)} ${v}`);
  console.log(`${'injections_followed'.padEnd(22)} ${report.injectionsFollowed.length}`);
  if (report.misses.length) console.log('\nmisses:');
  for (const r of report.misses) {
    const got = r.decision.kind + (r.decision.escalation ? `/${r.decision.escalation.priority}/${r.decision.escalation.category}` : '');
    console.log(`  ${r.case.id} expect ${r.case.expect}${r.case.priority ? '/' + r.case.priority : ''} got ${got} (confidence ${r.decision.confidence}) ${r.case.message.slice(0, 50)}`);
  }
}

main().catch((error: Error) => {
  console.error(`eval:behaviour failed: ${error.message}`);
  process.exitCode = 1;
});
