/**
 * `npx tsx bench/tune-retrieval.ts [--set NAME=value …]`: evaluates retrieval variants (FusionTuning fields)
 * on the development sets only — ../shared/eval/retrieval.jsonl and the real dev questions — so tuning never
 * touches a blind set. Uses the index in DATA_DIR (built first when missing).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, readEnvironment } from '../src/config.js';
import { createEmbedder } from '../src/llm/embedder.js';
import { createRetriever, ensureIndexed, type FusionTuning, loadThesaurus } from '../src/retrieval/index.js';
import { evaluateRanking, joinQuestionTexts, parseQuestions, summarize, summarizeBy } from '../src/retrieval/retrieval-metrics.js';
import { openStore } from '../src/store/open-store.js';

const { values } = parseArgs({ options: { set: { type: 'string', multiple: true, default: [] } } });
const config = loadConfig(readEnvironment());
const db = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
const embedder = createEmbedder(config);
await ensureIndexed({ db, embedder, knowledgeDir: config.KNOWLEDGE_DIR });
const thesaurus = await loadThesaurus(`${config.KNOWLEDGE_DIR}/thesaurus.tsv`);
const sets = {
  dev: parseQuestions(readFileSync('../shared/eval/retrieval.jsonl', 'utf8')),
  real: parseQuestions(
    joinQuestionTexts(
      readFileSync('eval/real/dev-labels.jsonl', 'utf8'),
      readFileSync('../shared/corpus/real-questions/labour-questions.jsonl', 'utf8'),
    ).jsonl,
  ),
};
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
    row.push(`${set} hit@5 ${s.hit_at_5.toFixed(3)} mrr ${s.mrr_at_10.toFixed(3)}${en ? ` en ${en.hit_at_5.toFixed(3)}` : ''}`);
  }
  console.log(row.join('  '));
}
await db.close();
