/**
 * `npx tsx bench/tune-retrieval.ts [--set NAME=value …] [--also a,b,c-en,d,e]`: evaluates retrieval variants
 * (FusionTuning fields) on the development sets only — ../shared/eval/retrieval.jsonl, the real dev questions,
 * and with `--also` the project's retrieval sets already tuned on (eval/blind/retrieval-NAME.jsonl; never one
 * still reported as blind). Uses the index in DATA_DIR (built first when missing).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, readEnvironment } from '../src/config.js';
import { createEmbedder } from '../src/llm/embedder.js';
import { createRetriever, ensureIndexed, type FusionTuning, loadThesaurus } from '../src/retrieval/index.js';
import { evaluateRanking, joinQuestionTexts, parseQuestions, summarize, summarizeBy } from '../src/retrieval/retrieval-metrics.js';
import { openStore } from '../src/store/open-store.js';

const { values } = parseArgs({ options: { set: { type: 'string', multiple: true, default: [] }, also: { type: 'string', default: '' } } });
const config = loadConfig(readEnvironment());
const db = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
const embedder = createEmbedder(config);
await ensureIndexed({ db, embedder, knowledgeDir: config.KNOWLEDGE_DIR });
const thesaurus = await loadThesaurus(`${config.KNOWLEDGE_DIR}/thesaurus.tsv`);
const sets: Record<string, ReturnType<typeof parseQuestions>> = {
  dev: parseQuestions(readFileSync('../shared/eval/retrieval.jsonl', 'utf8')),
  real: parseQuestions(
    joinQuestionTexts(
      readFileSync('eval/real/dev-labels.jsonl', 'utf8'),
      readFileSync('../shared/corpus/real-questions/labour-questions.jsonl', 'utf8'),
    ).jsonl,
  ),
};
for (const name of values.also.split(',').filter(Boolean)) {
  sets[name] = parseQuestions(readFileSync(`eval/blind/retrieval-${name}.jsonl`, 'utf8'));
}
const variants: Array<[string, FusionTuning]> = [['base', {}]];
for (const s of values.set ?? []) {
  const tuning: Record<string, unknown> = {};
  for (const kv of s.split(',')) {
    const [k, v] = kv.split('=');
    tuning[k!] = v === 'true' ? true : v === 'false' ? false : Number.isNaN(Number(v)) ? v : Number(v);
  }
  variants.push([s, tuning as FusionTuning]);
}
for (const [name, tuning] of variants) {
  const retriever = createRetriever({ db, embedder, thesaurus, tuning });
  const row: string[] = [name.padEnd(40)];
  for (const [set, qs] of Object.entries(sets)) {
    const run = await evaluateRanking(retriever, qs, { k: 10 });
    const s = summarize(run.scores);
    const en = summarizeBy(run.scores, (x) => x.lang).get('en');
    row.push(
      `${set} hit@1 ${s.hit_at_1.toFixed(3)} hit@5 ${s.hit_at_5.toFixed(3)} mrr ${s.mrr_at_10.toFixed(3)}${en ? ` en ${en.hit_at_5.toFixed(3)}` : ''}`,
    );
  }
  console.log(row.join('  '));
}
await db.close();
