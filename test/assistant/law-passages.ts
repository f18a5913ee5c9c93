/**
 * Test fixtures from real law text: `lawPassage('labor-contract-law.md', 47)` reads the article from
 * knowledge/laws (front-matter title and effective date included), and `fakeRetriever` is a hand-written
 * Retriever port that returns fixed passages per query (or the same for all).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArticleHeading } from '../../src/retrieval/chinese-numerals.js';
import type { Retriever, ScoredPassage } from '../../src/retrieval/types.js';

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
    id: nextId++, title: field('title')!, kind: field('kind') ?? 'law', path: [], articles: [article],
    effective: field('version_effective') ?? field('effective'), source: `laws/${file}`, text: body.join(' '),
    score: 0.03, scores: { vector: 0.6, lexical: 20 }, ...overrides,
  };
}

/** A Retriever that answers from a table (first key contained in the query wins), else `fallback`. */
export function fakeRetriever(table: Array<[string, ScoredPassage[]]>, fallback: ScoredPassage[] = []): Retriever & { queries: string[] } {
  const queries: string[] = [];
  return {
    queries,
    async search(query, { k = 10 } = {}) {
      queries.push(query);
      const hit = table.find(([key]) => query.includes(key));
      return (hit ? hit[1] : fallback).slice(0, k);
    },
  };
}
