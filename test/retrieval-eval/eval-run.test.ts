import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type EvalQuestion, evaluateRanking, formatReport, jsonSummary } from '../../src/retrieval/retrieval-metrics.js';
import type { Retriever, ScoredPassage } from '../../src/retrieval/types.js';

const LCL = '中华人民共和国劳动合同法';

/** A hand-written Retriever: answers from a fixed table, so scores are known in advance. */
function fakeRetriever(answers: Record<string, Array<[string, number[]]>>): Retriever {
  return {
    async search(query, { k = 10 } = {}) {
      return (answers[query] ?? []).slice(0, k).map(
        ([title, articles], i): ScoredPassage => ({
          id: i,
          title,
          kind: 'law',
          path: [],
          articles,
          effective: null,
          source: 'laws/x.md',
          text: '…',
          score: 1 / (i + 1),
        }),
      );
    },
  };
}

const questions: EvalQuestion[] = [
  { id: 'z1', question: '被辞退补偿', lang: 'zh', topic: 'dismissal', relevant: [{ title: LCL, article: 47 }] },
  { id: 'e1', question: 'fired, severance?', lang: 'en', topic: 'dismissal', relevant: [{ title: LCL, article: 47 }] },
];

describe('evaluateRanking with a Retriever', () => {
  const retriever = fakeRetriever({
    被辞退补偿: [[LCL, [47]]],
    'fired, severance?': [
      [LCL, [40]],
      [LCL, [39]],
      [LCL, [46]],
      [LCL, [38]],
      [LCL, [36]],
      [LCL, [47]],
    ],
  });
  let t = 0;
  const now = () => (t += 5); // each search "takes" 5 ms

  it('scores, times the search call only, and reports by language and topic', async () => {
    const run = await evaluateRanking(retriever, questions, { now });
    expect(run.scores.map((s) => s.firstHit)).toEqual([1, 6]);
    expect(run.latencies).toEqual([5, 5]);
    const report = formatReport(run, questions, { verbose: true });
    expect(report).toMatch(/^all\s+2\s+50\.0\s+50\.0\s+50\.0\s+100\.0\s+0\.583/m);
    expect(report).toMatch(/^lang en\s+1\s+0\.0/m);
    expect(report).toMatch(/^dismissal\s+2/m);
    expect(report).toContain('e1 [6] 劳动合同法 47 → 劳动合同法 40 | 劳动合同法 39 | 劳动合同法 46');
  });

  it('gives exactly the README keys in the JSON summary, plus zh and en', async () => {
    const run = await evaluateRanking(retriever, questions, { now });
    const json = jsonSummary(run);
    expect(Object.keys(json)).toEqual([
      'questions',
      'hit_at_1',
      'hit_at_3',
      'hit_at_5',
      'hit_at_10',
      'mrr_at_10',
      'article_recall_at_5',
      'article_recall_at_10',
      'p50_ms',
      'p95_ms',
      'en',
      'zh',
    ]);
    expect(json['hit_at_10']).toBe(1);
    expect((json['zh'] as { hit_at_1: number }).hit_at_1).toBe(1);
  });
});

describe('npm run eval on bad input', () => {
  const run = async (...args: string[]) => {
    try {
      await promisify(execFile)('npx', ['tsx', 'src/retrieval/eval-cli.ts', ...args], { cwd: join(import.meta.dirname, '../..') });
      return { code: 0, stderr: '' };
    } catch (e) {
      const err = e as { code: number; stderr: string };
      return { code: err.code, stderr: err.stderr };
    }
  };

  it('exits 2 naming the file or the line, before opening any store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-cli-'));
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${JSON.stringify(questions[0])}\n{"id": "x",\n`);
    const [missing, malformed, usage] = await Promise.all([run('--questions', join(dir, 'none.jsonl')), run('--questions', bad), run()]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/none\.jsonl: cannot read the question file \(ENOENT\)/);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/bad\.jsonl:2: not valid JSON/);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--questions FILE is required/);
  }, 30_000);
});
