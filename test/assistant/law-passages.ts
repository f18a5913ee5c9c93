/**
 * Test fixtures from real law text: `lawPassage('labor-contract-law.md', 47)` reads the article from
 * knowledge/laws (front-matter title and effective date included); `fakeRetriever` is a hand-written
 * retriever that returns fixed passages (and issue cards) per query; `issueCard` builds a card with
 * overrides; `fakeTriage` decides by a table of words, else answers.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArticleHeading } from '../../src/retrieval/chinese-numerals.js';
import type { IssueMatch, Lookup } from '../../src/retrieval/hybrid-retriever.js';
import type { IssueCard } from '../../src/retrieval/issue-cards.js';
import type { ScoredPassage, SearchOptions } from '../../src/retrieval/types.js';
import type { TriageResult } from '../../src/triage/types.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const knowledgeDir = `${repoRoot}knowledge`;
export const promptsDir = `${repoRoot}prompts`;

let nextId = 1000;

export function lawPassage(file: string, article: number, overrides: Partial<ScoredPassage> = {}): ScoredPassage {
  const text = readFileSync(`${knowledgeDir}/laws/${file}`, 'utf8');
  const field = (name: string) => new RegExp(`^${name}:\\s*"?([^"\\n]+)"?`, 'm').exec(text)?.[1] ?? null;
  const lines = text.split('\n');
  const start = lines.findIndex((l) => parseArticleHeading(l)?.article === article);
  if (start < 0) throw new Error(`${file} has no article ${article}`);
  const body = [lines[start]!];
  for (const l of lines.slice(start + 1)) {
    if (parseArticleHeading(l) || l.startsWith('#')) break;
    if (l.trim()) body.push(l.trim());
  }
  return {
    id: nextId++,
    title: field('title')!,
    kind: field('kind') ?? 'law',
    path: [],
    articles: [article],
    effective: field('version_effective') ?? field('effective'),
    source: `laws/${file}`,
    text: body.join(' '),
    score: 0.03,
    scores: { vector: 0.6, lexical: 20 },
    ...overrides,
  };
}

/** A retriever that answers from a table (first key contained in the query wins), else `fallback`. */
export function fakeRetriever(
  table: Array<[string, ScoredPassage[], IssueCard?]>,
  fallback: ScoredPassage[] = [],
): {
  search(q: string, o?: SearchOptions): Promise<ScoredPassage[]>;
  lookup(q: string, o?: SearchOptions): Promise<Lookup>;
  queries: string[];
} {
  const queries: string[] = [];
  const lookup = async (query: string, { k = 10 }: SearchOptions = {}): Promise<Lookup> => {
    queries.push(query);
    const hit = table.find(([key]) => query.includes(key));
    const passages = (hit ? hit[1] : fallback).slice(0, k).map((p) => ({ ...p, scores: { ...p.scores, card: hit?.[2] ? 1 : undefined } }));
    const issues: IssueMatch[] = hit?.[2] ? [{ card: hit[2], score: 1.7, strength: 1, matched: query, similarity: 0.9 }] : [];
    return { passages, issues };
  };
  return { queries, lookup, search: async (q, o) => (await lookup(q, o)).passages };
}

let cardNo = 0;
/** An issue card with every field filled; pass what the test is about. */
export function issueCard(overrides: Partial<IssueCard> = {}): IssueCard {
  cardNo += 1;
  return {
    id: `card-${cardNo}`,
    area: 'test',
    source: 'issues/test.yaml',
    issue: { zh: '试用期最长可以约定多久', en: 'How long probation may be' },
    asked: { zh: ['试用期多久'], en: ['how long is probation'] },
    bottomLine: {
      zh: '要看合同期限：三年以上的合同，试用期最长六个月。',
      en: 'It depends on the contract term: for three years or more, at most six months.',
    },
    dependsOn: [{ zh: '合同期限', en: 'the contract term' }],
    articles: [{ title: '中华人民共和国劳动合同法', article: 19 }],
    nextSteps: [
      { zh: '看一下合同写的期限。', en: 'Check the term written in your contract.' },
      { zh: '超过的部分可以向劳动保障监察投诉（12333）。', en: 'Complain to labour inspection (12333) about any excess.' },
    ],
    employerClaims: [],
    doNot: [],
    reviewed: false,
    ...overrides,
  };
}

/** Triage by a table of words (first contained wins); anything else is answered. */
export function fakeTriage(table: Array<[string, Partial<TriageResult> & Pick<TriageResult, 'outcome' | 'category'>]> = []) {
  const seen: string[] = [];
  return {
    seen,
    async classify(text: string): Promise<TriageResult> {
      seen.push(text);
      const hit = table.find(([key]) => text.includes(key))?.[1];
      return {
        outcome: 'answer',
        category: 'legal_question',
        confidence: 0.9,
        source: 'classifier',
        evidence: { danger: [], frames: [], label: '', outcomes: { urgent: 0, escalate: 0, decline: 0, answer: 1 } },
        ...hit,
      };
    },
  };
}
