/**
 * `npm run bench:retrieval [-- --questions FILE] [--knowledge DIR] [--json]`: in one process, on the same
 * corpus and questions, compares our hybrid retrieval with the baselines a user might pick instead:
 *   (a) ours: the index builder and hybrid retriever, on PGlite in a temp dir (or DATABASE_URL, in a
 *       throw-away schema), with the thesaurus;
 *   (b) BM25 via minisearch over jieba tokens, one passage per article (with and without our thesaurus);
 *   (c) LangChain: RecursiveCharacterTextSplitter 1000/200 + MemoryVectorStore, same local embedder.
 * Prints hit@5, MRR@10 (all / zh / en), search p50/p95 ms, index build time and peak RSS per phase.
 * Peak RSS is sampled every 10 ms during each phase; phases share one process, so later phases also
 * carry what earlier ones left on the heap (they run cheapest first).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, readEnvironment } from '../src/config.js';
import { createEmbedder } from '../src/llm/embedder.js';
import { buildIndex, createRetriever, loadKnowledge, loadThesaurus } from '../src/retrieval/index.js';
import {
  type EvalQuestion,
  evaluateRanking,
  parseQuestions,
  percentile,
  type RankingSearch,
  summarize,
  summarizeBy,
} from '../src/retrieval/retrieval-metrics.js';
import { openStore } from '../src/store/open-store.js';
import { buildBm25 } from './baselines/jieba-bm25.js';
import { buildLangChainDense } from './baselines/langchain-dense.js';

interface Row {
  system: string;
  hit5: number;
  mrr10: number;
  hit5zh: number;
  hit5en: number;
  p50: number;
  p95: number;
  buildMs: number;
  peakRssMb: number;
  note: string;
}

/** Runs `fn` while sampling RSS; returns its result and the peak in MB. */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMb: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

async function measure(
  system: string,
  questions: readonly EvalQuestion[],
  build: () => Promise<{ ranker: RankingSearch; note?: string; close?: () => Promise<void> }>,
): Promise<Row> {
  process.stderr.write(`bench: ${system}: building…\n`);
  const { result, peakMb } = await withPeakRss(async () => {
    const started = performance.now();
    const built = await build();
    const buildMs = performance.now() - started;
    await built.ranker.search(questions[0]!.question, { k: 10 }); // warm-up, untimed
    const run = await evaluateRanking(built.ranker, questions, { k: 10 });
    await built.close?.();
    return { run, buildMs, note: built.note ?? '' };
  });
  const { run, buildMs, note } = result;
  const all = summarize(run.scores);
  const byLang = summarizeBy(run.scores, (s) => s.lang);
  return {
    system,
    note,
    buildMs,
    peakRssMb: peakMb,
    hit5: all.hit_at_5,
    mrr10: all.mrr_at_10,
    hit5zh: byLang.get('zh')?.hit_at_5 ?? NaN,
    hit5en: byLang.get('en')?.hit_at_5 ?? NaN,
    p50: percentile(run.latencies, 50),
    p95: percentile(run.latencies, 95),
  };
}

function table(rows: Row[]): string {
  const head = ['system', 'hit@5', 'MRR@10', 'hit@5 zh', 'hit@5 en', 'p50 ms', 'p95 ms', 'build s', 'peak RSS MB'];
  const cells = rows.map((r) => [
    r.system,
    r.hit5.toFixed(3),
    r.mrr10.toFixed(3),
    r.hit5zh.toFixed(3),
    r.hit5en.toFixed(3),
    r.p50.toFixed(1),
    r.p95.toFixed(1),
    (r.buildMs / 1000).toFixed(1),
    r.peakRssMb.toFixed(0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  return [
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
    '',
    ...rows.filter((r) => r.note).map((r) => `${r.system}: ${r.note}`),
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      questions: { type: 'string', default: '/work/shared/eval/retrieval.jsonl' },
      knowledge: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const config = loadConfig(readEnvironment());
  const knowledgeDir = values.knowledge ?? config.KNOWLEDGE_DIR;
  const questions = parseQuestions(await readFile(values.questions, 'utf8'), values.questions);
  const thesaurus = await loadThesaurus(join(knowledgeDir, 'thesaurus.tsv'));
  const embedder = createEmbedder(config);
  const rows: Row[] = [];

  const { documents } = await loadKnowledge({ knowledgeDir });
  const passages = documents.flatMap((d) => d.passages);
  rows.push(
    await measure('bm25 (minisearch + jieba)', questions, async () => ({
      ranker: buildBm25(passages),
      note: `${passages.length} passages, one per article`,
    })),
  );
  rows.push(await measure('bm25 + thesaurus', questions, async () => ({ ranker: buildBm25(passages, { thesaurus }) })));
  rows.push(
    await measure('langchain dense 1000/200', questions, async () => {
      const lc = await buildLangChainDense({ knowledgeDir, embedder });
      return { ranker: lc, note: `${lc.chunks} chunks, MemoryVectorStore, ${embedder.id}` };
    }),
  );
  rows.push(
    await measure('ours (hybrid + thesaurus)', questions, async () => {
      const dataDir = config.DATABASE_URL ? undefined : await mkdtemp(join(tmpdir(), 'niangjia-bench-'));
      const schema = config.DATABASE_URL ? `bench_${process.pid}` : undefined;
      const db = await openStore({ databaseUrl: config.DATABASE_URL, dataDir, schema });
      const summary = await buildIndex({ db, embedder, knowledgeDir });
      return {
        ranker: createRetriever({ db, embedder, thesaurus }),
        note: `${summary.passages} passages on ${db.kind}${schema ? ` (schema ${schema}, dropped after)` : ''}, ${embedder.id}`,
        close: async () => {
          if (schema) await db.exec(`drop schema if exists ${schema} cascade`);
          await db.close();
          if (dataDir) await rm(dataDir, { recursive: true, force: true });
        },
      };
    }),
  );

  console.log(`retrieval benchmark: ${questions.length} questions (${values.questions}), corpus ${knowledgeDir}`);
  console.log(table(rows));
  if (values.json) console.log(JSON.stringify(rows));
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.message}`);
  process.exitCode = 1;
});
