/**
 * `npm run eval:answers -- --questions FILE [--texts FILE] [--jsonl]`: every line (retrieval, behaviour or
 * worked format; `question` or `message`) as a fresh conversation through the whole assistant — triage,
 * issue spotting, retrieval, the answer (the LLM only when CHAT_MODEL is set). With --jsonl, stdout is one
 * JSON object per input line: {"id","decision","priority","text","citations":[{"title","article"}]}. Without
 * it, a summary: whether the answer itself cites a relevant article, figures stated, decisions,
 * placeholders, length before the first quote, English share of English answers, and how well the not-sure
 * note marks the wrong answers. With --texts, label lines without text take it by id (the real questions).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, readEnvironment, secretValues } from '../config.js';
import { createLogger } from '../log.js';
import { joinQuestionTexts } from '../retrieval/retrieval-metrics.js';
import { openStore } from '../store/open-store.js';
import { parseAnswerLine, type ScoredAnswer, scoreAnswer, summarizeAnswers } from './answer-eval.js';
import { loadAnswerSettings } from './answer-settings.js';
import { openAssistant } from './open-assistant.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { questions: { type: 'string' }, texts: { type: 'string' }, jsonl: { type: 'boolean', default: false } },
  });
  if (!values.questions) throw new Error('usage: npm run eval:answers -- --questions FILE [--texts FILE] [--jsonl]');
  let text = readFileSync(values.questions, 'utf8');
  if (values.texts) text = joinQuestionTexts(text, readFileSync(values.texts, 'utf8')).jsonl;
  const lines = text
    .split(/\r?\n/)
    .map((l, i) => [l, i] as const)
    .filter(([l]) => l.trim())
    .map(([l, i]) => parseAnswerLine(JSON.parse(l), `${values.questions}:${i + 1}`));
  const config = loadConfig(readEnvironment());
  const log = createLogger({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, secrets: secretValues(config) });
  const { unsureBelow } = loadAnswerSettings(`${config.KNOWLEDGE_DIR}/policy`).confidence;
  const db = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const { assistant, built } = await openAssistant({ db, config, log });
    if (built) process.stderr.write('eval: indexed the knowledge folder first\n');
    const scored: ScoredAnswer[] = [];
    for (const [i, line] of lines.entries()) {
      const decision = await assistant.respond({ workerId: -(i + 1), text: line.text });
      scored.push(scoreAnswer(line, decision, { unsureBelow }));
      if (values.jsonl) {
        console.log(
          JSON.stringify({
            id: line.id,
            decision: decision.kind,
            priority: decision.escalation?.priority ?? null,
            text: decision.text,
            citations: decision.citations.map((c) => ({ title: c.title, article: c.article ?? null })),
          }),
        );
      }
    }
    if (!values.jsonl) printSummary(summarizeAnswers(scored), values.questions);
  } finally {
    await db.close();
  }
}

function printSummary(s: ReturnType<typeof summarizeAnswers>, file: string): void {
  console.log(`answers eval: ${s.lines} lines from ${file}`);
  console.log(
    `decisions                 answer ${s.decisions['answer']}, escalate ${s.decisions['escalate']}, decline ${s.decisions['decline']}`,
  );
  console.log(`answer cites a relevant article  ${s.citation_hit} of ${s.citation_lines} lines with articles`);
  if (s.figure_lines) console.log(`expected figure stated    ${s.figures_stated} of ${s.figure_lines} worked lines`);
  console.log(`placeholders in replies   ${s.placeholders}`);
  console.log(`chars before first quote  p50 ${s.before_quote_p50}, p95 ${s.before_quote_p95}, over 350: ${s.over_350_before_quote}`);
  if (s.english_lines) console.log(`English replies to English lines  ${s.english_share} of ${s.english_lines}`);
  console.log(
    `not-sure note             on ${s.unsure_lines} answers; wrong among them ${s.unsure_wrong}, wrong among the others ${s.sure_wrong}`,
  );
  console.log(JSON.stringify(s));
}

main().catch((error: Error) => {
  console.error(`eval:answers failed: ${error.message}`);
  process.exitCode = 1;
});
