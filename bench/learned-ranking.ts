/**
 * `npx tsx bench/learned-ranking.ts`: hand-set fusion weights against a learned ranker (logistic
 * regression over the features retrieval already has: cosine, BM25, card support, rank, scope, kind,
 * length), by 5-fold cross-validation on the development sets only (../shared/eval/retrieval.jsonl and
 * the real dev questions). Prints hit@5 and MRR@10 of both, and the learned weights.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadConfig, readEnvironment } from '../src/config.js';
import { createEmbedder } from '../src/llm/embedder.js';
import { type HybridScoredPassage, isScopeArticle } from '../src/retrieval/hybrid-retriever.js';
import { createRetriever, ensureIndexed, loadThesaurus } from '../src/retrieval/index.js';
import { type EvalQuestion, joinQuestionTexts, parseQuestions, scoreQuestion, summarize } from '../src/retrieval/retrieval-metrics.js';
import { openStore } from '../src/store/open-store.js';

const config = loadConfig(readEnvironment());
const db = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
const embedder = createEmbedder(config);
await ensureIndexed({ db, embedder, knowledgeDir: config.KNOWLEDGE_DIR });
const retriever = createRetriever({ db, embedder, thesaurus: await loadThesaurus(`${config.KNOWLEDGE_DIR}/thesaurus.tsv`) });
const questions: EvalQuestion[] = [
  ...parseQuestions(readFileSync('../shared/eval/retrieval.jsonl', 'utf8')),
  ...parseQuestions(
    joinQuestionTexts(
      readFileSync('eval/real/dev-labels.jsonl', 'utf8'),
      readFileSync('../shared/corpus/real-questions/labour-questions.jsonl', 'utf8'),
    ).jsonl,
  ),
];

export const featureNames = ['score', 'vector', 'vectorRel', 'lexicalRel', 'card', 'found', 'rank', 'scope', 'noArticle', 'logLength'];
function features(list: HybridScoredPassage[]): number[][] {
  const maxV = Math.max(1e-9, ...list.map((p) => p.scores.vector ?? 0));
  const maxL = Math.max(1e-9, ...list.map((p) => p.scores.lexical ?? 0));
  return list.map((p, i) => [
    p.score,
    p.scores.vector ?? 0,
    (p.scores.vector ?? 0) / maxV,
    (p.scores.lexical ?? 0) / maxL,
    p.scores.card ?? 0,
    p.scores.vector !== undefined || p.scores.lexical !== undefined ? 1 : 0,
    1 / (1 + i),
    isScopeArticle(p) ? 1 : 0,
    p.articles.length ? 0 : 1,
    Math.log(1 + p.text.length) / 7,
  ]);
}

const rows: Array<{ q: EvalQuestion; list: HybridScoredPassage[]; x: number[][]; y: number[] }> = [];
for (const q of questions) {
  const list = (await retriever.lookup(q.question, { k: 40 })).passages;
  const rel = new Set(q.relevant.map((r) => `${r.title}#${r.article}`));
  rows.push({ q, list, x: features(list), y: list.map((p) => (p.articles.some((a) => rel.has(`${p.title}#${a}`)) ? 1 : 0)) });
}

function train(data: typeof rows): number[] {
  const w = new Array(featureNames.length + 1).fill(0);
  for (let epoch = 0; epoch < 200; epoch++) {
    for (const r of data)
      r.x.forEach((x, i) => {
        const z = w[0] + x.reduce((s, v, j) => s + v * w[j + 1], 0);
        const g = 1 / (1 + Math.exp(-z)) - r.y[i]!;
        w[0] -= 0.05 * g;
        for (const [j, v] of x.entries()) w[j + 1] -= 0.05 * (g * v + 1e-4 * w[j + 1]);
      });
  }
  return w;
}
const rerank = (r: (typeof rows)[number], w: number[]) =>
  r.x
    .map((x, i) => ({ p: r.list[i]!, s: w[0]! + x.reduce((s, v, j) => s + v * w[j + 1]!, 0) }))
    .sort((a, b) => b.s - a.s)
    .map((e) => e.p);

const folds = 5;
const hand = [],
  learned = [];
for (let f = 0; f < folds; f++) {
  const test = rows.filter((_, i) => i % folds === f);
  const w = train(rows.filter((_, i) => i % folds !== f));
  for (const r of test) {
    hand.push(scoreQuestion(r.q, r.list.slice(0, 10)));
    learned.push(scoreQuestion(r.q, rerank(r, w).slice(0, 10)));
  }
}
const h = summarize(hand),
  l = summarize(learned);
console.log(
  `hand-set: hit@5 ${h.hit_at_5.toFixed(3)} MRR@10 ${h.mrr_at_10.toFixed(3)}   learned (5-fold CV): hit@5 ${l.hit_at_5.toFixed(3)} MRR@10 ${l.mrr_at_10.toFixed(3)}  over ${rows.length} dev questions`,
);
const w = train(rows);
console.log(
  'weights on all dev questions:',
  Object.fromEntries(
    [['bias', w[0]], ...featureNames.map((n, i) => [n, w[i + 1]])].map(([k, v]) => [k, Math.round((v as number) * 1000) / 1000]),
  ),
);
if (process.argv.includes('--write'))
  writeFileSync(
    'knowledge/policy/ranking.json',
    `${JSON.stringify({ $comment: 'Learned ranking weights (bench/learned-ranking.ts --write, trained on the development sets).', features: featureNames, bias: w[0], weights: w.slice(1) }, null, 2)}\n`,
  );
await db.close();
