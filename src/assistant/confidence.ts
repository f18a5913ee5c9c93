/**
 * How sure the assistant may be that its answer answers the question: the probability that the spotted
 * issue card is the right one, from evidence that does not depend on one query's score scale — how close
 * the question is to the card (cosine), whether the article search found the card's articles by itself,
 * and the card's fused score — through a logistic calibration fitted on the development sets
 * (knowledge/policy/answering.json, `bench/calibrate-confidence.ts`). Without a card it stays low.
 *
 * @example
 *   answerConfidence({ issues, passages }, settings.confidence.model) // → 0.72
 */
import type { IssueMatch } from '../retrieval/hybrid-retriever.js';
import type { ScoredPassage } from '../retrieval/types.js';
import type { ConfidenceModel } from './answer-settings.js';

/** Confidence of an answer that no card stands behind. */
export const NO_CARD = 0.1;

type Ranked = ReadonlyArray<ScoredPassage & { scores?: { vector?: number; lexical?: number; card?: number } }>;

/** The evidence the calibration reads, also used to fit it. */
export function confidenceEvidence(
  issues: readonly IssueMatch[],
  passages: Ranked,
): { similarity: number; agree: number; score: number } | undefined {
  const top = issues[0];
  if (!top) return undefined;
  const agree = passages
    .slice(0, 10)
    .some((p) => (p.scores?.card ?? 0) >= 0.99 && (p.scores?.vector !== undefined || p.scores?.lexical !== undefined));
  return { similarity: top.similarity ?? 0, agree: agree ? 1 : 0, score: top.score };
}

export function answerConfidence(
  { issues, passages }: { issues: readonly IssueMatch[]; passages: Ranked },
  model: ConfidenceModel,
): number {
  const e = confidenceEvidence(issues, passages);
  if (!e) return NO_CARD;
  const z = model.bias + model.similarity * e.similarity + model.agree * e.agree + model.score * e.score;
  return Math.round((1 / (1 + Math.exp(-z))) * 100) / 100;
}
