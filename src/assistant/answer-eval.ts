/**
 * Scoring of whole answers (`npm run eval:answers`), pure: does the answer itself cite a relevant article,
 * does it state the expected figure, how long is the text before the first quote, does any `{{placeholder}}`
 * reach the worker, is an English answer in English, and does the not-sure note mark the wrong answers
 * rather than the right ones.
 *
 * @example
 *   const line = parseAnswerLine(json, 'file:3');
 *   const scored = scoreAnswer(line, decision, { unsureBelow: 0.45 });
 */
import { findPlaceholders } from '../retrieval/placeholders.js';
import type { Decision } from './types.js';

export interface Figure {
  value: number | string;
  unit: string;
  what?: string;
}

/** One input line: a retrieval line (`question`, `relevant`), a behaviour line (`message`, `expect`) or a worked one (`figures`). */
export interface AnswerLine {
  id: string;
  text: string;
  lang?: 'zh' | 'en';
  relevant: Array<{ title: string; article: number }>;
  expect?: 'answer' | 'escalate' | 'decline';
  figures: Figure[];
}

export function parseAnswerLine(value: unknown, where: string): AnswerLine {
  const v = (value ?? {}) as Record<string, unknown>;
  const text = typeof v['question'] === 'string' ? v['question'] : v['message'];
  if (typeof v['id'] !== 'string' || typeof text !== 'string' || !text.trim()) {
    throw new Error(`${where}: each line needs "id" and "question" (or "message")`);
  }
  return {
    id: v['id'],
    text,
    lang: v['lang'] === 'en' || v['lang'] === 'zh' ? v['lang'] : undefined,
    relevant: Array.isArray(v['relevant']) ? (v['relevant'] as AnswerLine['relevant']) : [],
    expect: ['answer', 'escalate', 'decline'].includes(v['expect'] as string) ? (v['expect'] as AnswerLine['expect']) : undefined,
    figures: Array.isArray(v['figures']) ? (v['figures'] as Figure[]) : [],
  };
}

export interface ScoredAnswer {
  id: string;
  decision: Decision['kind'];
  /** The answer cites a relevant article (undefined when the line has none, or it was not answered). */
  citationHit?: boolean;
  /** Every expected figure is stated (undefined when the line has none). */
  figuresStated?: boolean;
  placeholders: string[];
  /** Characters before the first quote (the whole text when there is none). */
  beforeQuote: number;
  /** For English lines: the answer is in English outside its Chinese quotes and citations. */
  english?: boolean;
  /** The answer opened with the not-sure note. */
  unsure: boolean;
}

const han = /\p{Script=Han}/gu;

/** An answer is English when, outside its quotes “…” and citations 《…》第N条, almost nothing is Chinese. */
export function isEnglishAnswer(text: string): boolean {
  const outside = text.replace(/“[^”]*”/g, '').replace(/《[^》]*》(?:第[^条\s]{1,8}条)?/g, '');
  const chinese = outside.match(han)?.length ?? 0;
  const letters = outside.match(/[A-Za-z]/g)?.length ?? 0;
  return chinese <= Math.max(3, letters * 0.03);
}

/** Numbers stated in a text: Arabic with separators and decimals, 万 and 千, and dates as YYYY-MM-DD. */
export function statedNumbers(text: string): { numbers: number[]; dates: string[] } {
  const numbers: number[] = [];
  for (const m of text.matchAll(/(\d[\d,，]*(?:\.\d+)?)\s*(万|千)?/g)) {
    const n = Number(m[1]!.replace(/[,，]/g, ''));
    if (Number.isFinite(n)) numbers.push(m[2] === '万' ? n * 10_000 : m[2] === '千' ? n * 1_000 : n);
  }
  const pad = (s: string) => s.padStart(2, '0');
  const dates = [
    ...[...text.matchAll(/(\d{4})-(\d{1,2})-(\d{1,2})/g)].map((m) => `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`),
    ...[...text.matchAll(/(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g)].map((m) => `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`),
  ];
  return { numbers, dates };
}

export function figureStated(text: string, f: Figure): boolean {
  const { numbers, dates } = statedNumbers(text);
  if (typeof f.value === 'string') return dates.includes(f.value);
  const tolerance = Math.max(0.01, Math.abs(f.value) * 0.002);
  return numbers.some((n) => Math.abs(n - (f.value as number)) <= tolerance);
}

export function scoreAnswer(line: AnswerLine, decision: Decision, { unsureBelow }: { unsureBelow: number }): ScoredAnswer {
  const answered = decision.kind === 'answer';
  const quote = decision.text.indexOf('“');
  return {
    id: line.id,
    decision: decision.kind,
    citationHit:
      line.relevant.length && answered
        ? decision.citations.some((c) => line.relevant.some((r) => r.title === c.title && r.article === c.article))
        : undefined,
    figuresStated: line.figures.length ? line.figures.every((f) => figureStated(decision.text, f)) : undefined,
    placeholders: findPlaceholders(decision.text),
    beforeQuote: quote < 0 ? decision.text.length : quote,
    english: line.lang === 'en' ? isEnglishAnswer(decision.text) : undefined,
    unsure: answered && decision.confidence < unsureBelow,
  };
}

export interface AnswerSummary {
  lines: number;
  decisions: Record<string, number>;
  citation_hit: number;
  citation_lines: number;
  figures_stated: number;
  figure_lines: number;
  placeholders: number;
  before_quote_p50: number;
  before_quote_p95: number;
  over_350_before_quote: number;
  english_share: number;
  english_lines: number;
  /** Of the answers marked not sure, the share that did not cite a relevant article (high is good). */
  unsure_wrong: number;
  /** Of the answers not marked, the share that did not cite a relevant article (low is good). */
  sure_wrong: number;
  unsure_lines: number;
}

const ratio = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : 0);
const nearest = (values: number[], p: number) => {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
};

export function summarizeAnswers(scored: readonly ScoredAnswer[]): AnswerSummary {
  const decisions: Record<string, number> = { answer: 0, escalate: 0, decline: 0 };
  for (const s of scored) decisions[s.decision] = (decisions[s.decision] ?? 0) + 1;
  const cited = scored.filter((s) => s.citationHit !== undefined);
  const figures = scored.filter((s) => s.figuresStated !== undefined);
  const english = scored.filter((s) => s.english !== undefined);
  const answers = scored.filter((s) => s.decision === 'answer');
  const unsure = cited.filter((s) => s.unsure);
  const sure = cited.filter((s) => !s.unsure);
  return {
    lines: scored.length,
    decisions,
    citation_hit: ratio(cited.filter((s) => s.citationHit).length, cited.length),
    citation_lines: cited.length,
    figures_stated: ratio(figures.filter((s) => s.figuresStated).length, figures.length),
    figure_lines: figures.length,
    placeholders: scored.reduce((n, s) => n + s.placeholders.length, 0),
    before_quote_p50: nearest(
      answers.map((s) => s.beforeQuote),
      50,
    ),
    before_quote_p95: nearest(
      answers.map((s) => s.beforeQuote),
      95,
    ),
    over_350_before_quote: answers.filter((s) => s.beforeQuote > 350).length,
    english_share: ratio(english.filter((s) => s.english).length, english.length),
    english_lines: english.length,
    unsure_wrong: ratio(unsure.filter((s) => !s.citationHit).length, unsure.length),
    sure_wrong: ratio(sure.filter((s) => !s.citationHit).length, sure.length),
    unsure_lines: unsure.length,
  };
}
