/**
 * How sure the assistant may be that the retrieved passages answer the question, 0..1 — from evidence
 * that does not depend on one retriever's score scale: the share of the question's content words found in
 * the top passages, whether the top passages agree on one instrument and carry articles, the vector
 * similarity when the retriever reports it, and whether a topic's known basis article was found.
 *
 * @example
 *   retrievalConfidence({ passages, words: keywords(q), topicBasis: [] }) // → 0.72
 */
import type { ScoredPassage } from '../retrieval/types.js';
import { coverage } from './keywords.js';
import { inBasis } from './citations.js';

export interface ConfidenceInput {
  passages: readonly ScoredPassage[];
  /** Content words of the question (Chinese, or the topic's Chinese hints for an English question). */
  words: readonly string[];
  /** Articles a recognised topic rests on; finding one of them among the top passages is strong evidence. */
  topicBasis: ReadonlyArray<{ title: string; article: number }>;
}

const clamp = (x: number) => Math.max(0, Math.min(1, x));
/** Highest confidence when there are no words to check the passages against. */
export const NO_WORDS_CAP = 0.4;

export function retrievalConfidence({ passages, words, topicBasis }: ConfidenceInput): number {
  const top = passages.slice(0, 3);
  const first = top[0];
  if (!first) return 0;
  const vector = first.scores?.vector;
  const similarity = typeof vector === 'number' && Number.isFinite(vector) ? clamp((vector - 0.15) / 0.45) : undefined;
  const cover = words.length ? coverage(words, top.map((p) => p.text).join('\n')) : 0;
  const agreement = top.filter((p) => p.title === first.title).length / top.length;
  const articles = top.some((p) => p.articles.length > 0 || p.kind === 'union-guide') ? 1 : 0;
  const basisFound = topicBasis.length > 0 && passages.slice(0, 5).some((p) => inBasis(p, topicBasis));
  const score = 0.05 + 0.4 * cover + 0.1 * agreement + 0.1 * articles + 0.25 * (similarity ?? cover) + (basisFound ? 0.25 : 0);
  // No words to check (an English question with no known topic): the passages cannot be verified against
  // the question, so the answer is never presented as sure.
  const capped = words.length ? score : Math.min(score, NO_WORDS_CAP);
  return Math.round(clamp(capped) * 100) / 100;
}
