/**
 * `npm run eval -- --questions FILE [--k 10] [--json] [--verbose] [--reindex]`: runs every question of a
 * retrieval eval file (format of ../shared/eval/README.md §1) through the configured store, embedder and
 * thesaurus, and prints hit-rate@1/3/5/10, MRR@10 and article recall@5/10 for all / zh / en and per topic,
 * with retrieval p50/p95 ms (the `search` call only). With `--json` the last stdout line is one JSON object.
 * Exit codes: 0 done, 1 the store or index failed, 2 bad usage or a bad question file.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig, readEnvironment, secretValues } from '../config.js';
import { createLogger } from '../log.js';
import { openStore } from '../store/open-store.js';
import { openKnowledge } from './index.js';
import { evaluateRanking, formatReport, joinQuestionTexts, jsonSummary, parseQuestions, QuestionFileError } from './retrieval-metrics.js';

const usage = 'usage: npm run eval -- --questions FILE [--texts FILE] [--k 10] [--json] [--verbose] [--reindex]';

class UsageError extends Error {
  override name = 'UsageError';
}

function readArgs() {
  const parsed = (() => {
    try {
      return parseArgs({
        options: {
          questions: { type: 'string', short: 'q' },
          texts: { type: 'string' },
          k: { type: 'string', default: '10' },
          json: { type: 'boolean', default: false },
          verbose: { type: 'boolean', short: 'v', default: false },
          reindex: { type: 'boolean', default: false },
        },
      }).values;
    } catch (error) {
      throw new UsageError(`${(error as Error).message}\n${usage}`, { cause: error });
    }
  })();
  if (!parsed.questions) throw new UsageError(`--questions FILE is required\n${usage}`);
  const k = Number(parsed.k);
  if (!Number.isInteger(k) || k < 1 || k > 100) throw new UsageError(`--k must be an integer from 1 to 100\n${usage}`);
  return { ...parsed, questions: parsed.questions, k };
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new QuestionFileError(
      `${path}: cannot read the question file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      undefined,
      { cause: error },
    );
  }
}

/** The questions; with --texts, a label file's questions come from that file by id (real questions). */
async function readQuestions(path: string, texts?: string) {
  let text = await readText(path);
  if (texts) {
    const joined = joinQuestionTexts(text, await readText(texts));
    if (joined.skipped) process.stderr.write(`eval: ${joined.skipped} questions labelled unanswerable from the corpus are left out\n`);
    text = joined.jsonl;
  }
  return parseQuestions(text, path);
}

async function main(): Promise<void> {
  const args = readArgs();
  const questions = await readQuestions(args.questions, args.texts);
  const config = loadConfig(readEnvironment());
  // The report goes to stdout; keep the service's info logs out of it.
  const log = createLogger({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, secrets: secretValues(config) });
  const db = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const { embedder, retriever, built } = await openKnowledge({ db, config, log, rebuild: args.reindex });
    if (built) process.stderr.write('eval: indexed the knowledge folder first\n');
    // One untimed query first: the first search pays for loading jieba's dictionary and the embedder state.
    await retriever.search(questions[0]!.question, { k: args.k });
    const run = await evaluateRanking(retriever, questions, { k: args.k });
    console.log(
      `retrieval eval: ${questions.length} questions from ${args.questions}, k=${args.k}, embedder ${embedder.id}, store ${db.kind}`,
    );
    console.log(formatReport(run, questions, { verbose: args.verbose }));
    if (args.json) console.log(JSON.stringify(jsonSummary(run)));
  } finally {
    await db.close();
  }
}

main().catch((error: Error) => {
  const bad = error instanceof UsageError || error instanceof QuestionFileError;
  console.error(`eval failed: ${error.message}`);
  process.exitCode = bad ? 2 : 1;
});
