/**
 * `npx tsx bench/calibrate-confidence.ts [--write]`: fits the answer-confidence calibration — the probability
 * that the spotted issue card is right (it cites an article that answers the question) — by logistic
 * regression on the development sets only (../shared/eval/retrieval.jsonl and the real dev questions), prints
 * how well it is calibrated per band, and with --write stores the coefficients in knowledge/policy/answering.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { confidenceEvidence } from '../src/assistant/confidence.js';
import { loadConfig, readEnvironment } from '../src/config.js';
import { createEmbedder } from '../src/llm/embedder.js';
import { createRetriever, ensureIndexed, loadThesaurus } from '../src/retrieval/index.js';
import { joinQuestionTexts, parseQuestions } from '../src/retrieval/retrieval-metrics.js';
import { openStore } from '../src/store/open-store.js';

const config = loadConfig(readEnvironment());
const db = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
const embedder = createEmbedder(config);
await ensureIndexed({ db, embedder, knowledgeDir: config.KNOWLEDGE_DIR });
const retriever = createRetriever({ db, embedder, thesaurus: await loadThesaurus(`${config.KNOWLEDGE_DIR}/thesaurus.tsv`) });
const questions = [
  ...parseQuestions(readFileSync('../shared/eval/retrieval.jsonl', 'utf8')),
  ...parseQuestions(
    joinQuestionTexts(
      readFileSync('eval/real/dev-labels.jsonl', 'utf8'),
      readFileSync('../shared/corpus/real-questions/labour-questions.jsonl', 'utf8'),
    ).jsonl,
  ),
];
const rows: Array<{ x: number[]; y: number }> = [];
for (const q of questions) {
  const { issues, passages } = await retriever.lookup(q.question, { k: 10 });
  const e = confidenceEvidence(issues, passages);
  if (!e) continue;
  const rel = new Set(q.relevant.map((r) => `${r.title}#${r.article}`));
  rows.push({ x: [e.similarity, e.agree, e.score], y: issues[0]!.card.articles.some((a) => rel.has(`${a.title}#${a.article}`)) ? 1 : 0 });
}
let w = [0, 0, 0, 0];
const p = (x: number[]) => 1 / (1 + Math.exp(-(w[0]! + x.reduce((s, v, j) => s + v * w[j + 1]!, 0))));
for (let it = 0; it < 20_000; it++) {
  const g = [0, 0, 0, 0];
  for (const r of rows) {
    const d = p(r.x) - r.y;
    g[0]! += d;
    for (const [j, v] of r.x.entries()) g[j + 1]! += d * v;
  }
  w = w.map((wi, i) => wi - (0.5 * g[i]!) / rows.length);
}
console.log(`${rows.length} dev questions with a card; the card was right for ${rows.filter((r) => r.y).length}`);
for (let lo = 0; lo < 1; lo += 0.2) {
  const band = rows.filter((r) => p(r.x) >= lo && p(r.x) < lo + 0.2);
  if (band.length)
    console.log(
      `  predicted ${lo.toFixed(1)}–${(lo + 0.2).toFixed(1)}: ${band.length} questions, right ${(band.filter((r) => r.y).length / band.length).toFixed(2)}`,
    );
}
const model = { bias: w[0]!, similarity: w[1]!, agree: w[2]!, score: w[3]! };
const rounded = Object.fromEntries(Object.entries(model).map(([k, v]) => [k, Math.round(v * 1000) / 1000]));
console.log('model', rounded);
if (process.argv.includes('--write')) {
  const file = `${config.KNOWLEDGE_DIR}/policy/answering.json`;
  const settings = JSON.parse(readFileSync(file, 'utf8'));
  settings.confidence.model = rounded;
  writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
  console.log(`written to ${file}`);
}
await db.close();
