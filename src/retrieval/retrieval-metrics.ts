/**
 * Retrieval eval: the question file format and the scoring of ../shared/eval/README.md §3, as pure
 * functions. A passage covers (title, article) when its title is equal and the article is among its
 * articles; ranks count passages exactly as returned (no de-duplication).
 *
 * @example
 *   const questions = parseQuestions(readFileSync(path, 'utf8'), path);
 *   const scores = questions.map((q) => scoreQuestion(q, passagesFor(q)));
 *   summarize(scores).hit_at_5 // 0.87
 */

export interface RelevantArticle {
  title: string;
  article: number;
}

export interface EvalQuestion {
  id: string;
  question: string;
  lang: string;
  relevant: RelevantArticle[];
  topic: string;
}

/** What scoring needs of a passage: which document it is from and which articles it covers. */
export interface CoveringPassage {
  title: string;
  articles: readonly number[];
}

export interface QuestionScore {
  id: string;
  lang: string;
  topic: string;
  /** 1-based rank of the first covering passage within the top 10, or null. */
  firstHit: number | null;
  /** Relevant pairs covered within the top 5 / top 10. */
  foundAt5: number;
  foundAt10: number;
  relevantPairs: number;
}

export interface Summary {
  questions: number;
  hit_at_1: number;
  hit_at_3: number;
  hit_at_5: number;
  hit_at_10: number;
  mrr_at_10: number;
  article_recall_at_5: number;
  article_recall_at_10: number;
}

/** A line of the question file is not in the eval format. `line` is 1-based. */
export class QuestionFileError extends Error {
  override name = 'QuestionFileError';
  constructor(
    message: string,
    readonly line?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const pairKey = (title: string, article: number) => `${article}\u0000${title}`;

export function covers(passage: CoveringPassage, title: string, article: number): boolean {
  return passage.title === title && passage.articles.includes(article);
}

/** Scores one question against the passages the retriever returned, best first. */
export function scoreQuestion(question: EvalQuestion, passages: readonly CoveringPassage[]): QuestionScore {
  const rel = new Map<string, RelevantArticle>();
  for (const r of question.relevant) rel.set(pairKey(r.title, r.article), r);
  const coversAny = (p: CoveringPassage) => [...rel.values()].some((r) => covers(p, r.title, r.article));
  const top10 = passages.slice(0, 10);
  const first = top10.findIndex(coversAny);
  const found = (k: number) => [...rel.values()].filter((r) => passages.slice(0, k).some((p) => covers(p, r.title, r.article))).length;
  return {
    id: question.id,
    lang: question.lang,
    topic: question.topic,
    firstHit: first === -1 ? null : first + 1,
    foundAt5: found(5),
    foundAt10: found(10),
    relevantPairs: rel.size,
  };
}

/** Hit at k: a covering passage among the top k (k ≤ 10). */
export const hitAt = (score: QuestionScore, k: number) => score.firstHit !== null && score.firstHit <= k;

/** Question-level rates and MRR; article recall is micro-averaged over relevant pairs. */
export function summarize(scores: readonly QuestionScore[]): Summary {
  const n = scores.length;
  const rate = (k: number) => (n ? scores.filter((s) => hitAt(s, k)).length / n : 0);
  const pairs = scores.reduce((sum, s) => sum + s.relevantPairs, 0);
  const recall = (pick: (s: QuestionScore) => number) => (pairs ? scores.reduce((sum, s) => sum + pick(s), 0) / pairs : 0);
  return {
    questions: n,
    hit_at_1: rate(1),
    hit_at_3: rate(3),
    hit_at_5: rate(5),
    hit_at_10: rate(10),
    mrr_at_10: n ? scores.reduce((sum, s) => sum + (s.firstHit ? 1 / s.firstHit : 0), 0) / n : 0,
    article_recall_at_5: recall((s) => s.foundAt5),
    article_recall_at_10: recall((s) => s.foundAt10),
  };
}

/** Summaries per value of `key` (lang, topic), keys sorted. */
export function summarizeBy(scores: readonly QuestionScore[], key: (s: QuestionScore) => string): Map<string, Summary> {
  const groups = new Map<string, QuestionScore[]>();
  for (const s of scores) groups.set(key(s), [...(groups.get(key(s)) ?? []), s]);
  return new Map([...groups.keys()].sort().map((k) => [k, summarize(groups.get(k)!)]));
}

/** Nearest-rank percentile (p in 0..100) of `values`; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/**
 * Label files without the question text (the real questions may not be redistributed): each line's
 * `question` is taken by id from `texts` (JSON Lines with `id` and `question`), and lines labelled
 * `"answerable": false` are left out. Returns JSON Lines in the question-file format.
 */
export function joinQuestionTexts(labels: string, texts: string): { jsonl: string; skipped: number } {
  const byId = new Map<string, string>();
  for (const raw of texts.split(/\r?\n/)) {
    if (!raw.trim()) continue;
    const t = JSON.parse(raw) as { id?: string; question?: string };
    if (t.id && t.question) byId.set(t.id, t.question);
  }
  let skipped = 0;
  const lines: string[] = [];
  for (const raw of labels.split(/\r?\n/)) {
    if (!raw.trim()) continue;
    const l = JSON.parse(raw) as Record<string, unknown>;
    if (l['answerable'] === false) {
      skipped++;
      continue;
    }
    const question = typeof l['question'] === 'string' ? l['question'] : byId.get(String(l['id']));
    lines.push(JSON.stringify({ lang: 'zh', ...l, question }));
  }
  return { jsonl: lines.join('\n'), skipped };
}

/** Parses a JSON Lines question file; blank lines are skipped, anything else malformed names its line. */
export function parseQuestions(text: string, path = 'questions'): EvalQuestion[] {
  const out: EvalQuestion[] = [];
  const ids = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new QuestionFileError(`${path}:${line}: not valid JSON (${(error as Error).message})`, line, { cause: error });
    }
    const q = checkQuestion(value, `${path}:${line}`, line);
    if (ids.has(q.id)) throw new QuestionFileError(`${path}:${line}: duplicate id ${q.id}`, line);
    ids.add(q.id);
    out.push(q);
  });
  if (!out.length) throw new QuestionFileError(`${path}: no questions (expected one JSON object per line)`);
  return out;
}

function checkQuestion(value: unknown, where: string, line: number): EvalQuestion {
  const fail = (what: string) => new QuestionFileError(`${where}: ${what}`, line);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw fail('expected a JSON object');
  const v = value as Record<string, unknown>;
  const str = (key: string, required = true) => {
    const s = v[key];
    if (typeof s === 'string' && s.trim()) return s;
    if (!required && s === undefined) return '';
    throw fail(`"${key}" must be a non-empty string`);
  };
  const relevant = v['relevant'];
  if (!Array.isArray(relevant) || !relevant.length) throw fail('"relevant" must be a non-empty array of {title, article}');
  const rel = relevant.map((r, j) => {
    const o = (r ?? {}) as Record<string, unknown>;
    if (typeof o['title'] !== 'string' || !o['title'] || !Number.isInteger(o['article'])) {
      throw fail(`relevant[${j}] must be {"title": string, "article": integer}`);
    }
    return { title: o['title'], article: o['article'] as number };
  });
  return {
    id: str('id'),
    question: str('question'),
    lang: str('lang', false) || 'zh',
    relevant: rel,
    topic: str('topic', false) || '(none)',
  };
}

/** Anything that ranks passages for a question: our Retriever, or a baseline in the benchmark. */
export interface RankingSearch {
  search(query: string, options: { k: number }): Promise<readonly CoveringPassage[]>;
}

export interface EvalRun {
  scores: QuestionScore[];
  /** Time of each `search` call, ms, in question order. */
  latencies: number[];
  /** The top 3 returned for each question, for the list of misses. */
  top3: Map<string, CoveringPassage[]>;
}

/** Runs every question through `ranker`, timing the search call only. */
export async function evaluateRanking(
  ranker: RankingSearch,
  questions: readonly EvalQuestion[],
  { k = 10, now = () => performance.now() }: { k?: number; now?: () => number } = {},
): Promise<EvalRun> {
  const run: EvalRun = { scores: [], latencies: [], top3: new Map() };
  for (const q of questions) {
    const started = now();
    const passages = await ranker.search(q.question, { k });
    run.latencies.push(now() - started);
    run.scores.push(scoreQuestion(q, passages));
    run.top3.set(
      q.id,
      passages.slice(0, 3).map((p) => ({ title: p.title, articles: [...p.articles] })),
    );
  }
  return run;
}

/** The `--json` object: exactly the README keys, plus zh / en sub-objects. */
export function jsonSummary(run: EvalRun): Record<string, unknown> {
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  const roundAll = (s: Summary) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === 'questions' ? v : round(v)]));
  const byLang = summarizeBy(run.scores, (s) => s.lang);
  return {
    ...roundAll(summarize(run.scores)),
    p50_ms: round(percentile(run.latencies, 50)),
    p95_ms: round(percentile(run.latencies, 95)),
    ...Object.fromEntries([...byLang].filter(([lang]) => lang === 'zh' || lang === 'en').map(([lang, s]) => [lang, roundAll(s)])),
  };
}

const pct = (x: number) => (x * 100).toFixed(1).padStart(5);
const shortTitle = (t: string) => t.replace(/^中华人民共和国/, '');
const cite = (p: CoveringPassage) => `${shortTitle(p.title)}${p.articles.length ? ` ${p.articles.join(',')}` : ''}`;

/** A plain-text report: a table for all / zh / en and per topic, latency, and optionally the misses. */
export function formatReport(run: EvalRun, questions: readonly EvalQuestion[], { verbose = false } = {}): string {
  const header = `${'group'.padEnd(22)}${'n'.padStart(4)}  ${['hit@1', 'hit@3', 'hit@5', 'hit@10', 'MRR@10', 'AR@5', 'AR@10'].map((h) => h.padStart(6)).join(' ')}`;
  const row = (name: string, s: Summary) =>
    `${name.padEnd(22)}${String(s.questions).padStart(4)}  ${[
      pct(s.hit_at_1),
      pct(s.hit_at_3),
      pct(s.hit_at_5),
      pct(s.hit_at_10),
      s.mrr_at_10.toFixed(3),
      pct(s.article_recall_at_5),
      pct(s.article_recall_at_10),
    ]
      .map((c) => c.padStart(6))
      .join(' ')}`;
  const lines = [header, row('all', summarize(run.scores))];
  for (const [lang, s] of summarizeBy(run.scores, (x) => x.lang)) lines.push(row(`lang ${lang}`, s));
  lines.push('');
  for (const [topic, s] of summarizeBy(run.scores, (x) => x.topic)) lines.push(row(topic, s));
  lines.push('', `hit and article recall (AR) in %; MRR@10 as a fraction; AR is micro-averaged over relevant pairs`);
  lines.push(
    `retrieval ms: p50 ${percentile(run.latencies, 50).toFixed(1)}, p95 ${percentile(run.latencies, 95).toFixed(1)}, max ${Math.max(0, ...run.latencies).toFixed(1)}`,
  );
  if (verbose) {
    const byId = new Map(questions.map((q) => [q.id, q]));
    const misses = run.scores.filter((s) => !hitAt(s, 5));
    lines.push('', `misses at 5 (${misses.length}): id [rank of first hit] expected → top 3 got`);
    for (const s of misses) {
      const q = byId.get(s.id)!;
      const expected = q.relevant.map((r) => `${shortTitle(r.title)} ${r.article}`).join('; ');
      const got = (run.top3.get(s.id) ?? []).map(cite).join(' | ');
      lines.push(`  ${s.id} [${s.firstHit ?? '-'}] ${expected} → ${got}`);
    }
  }
  return lines.join('\n');
}
