/**
 * What the listening report learns from one decision: its kind, reason and topic, and — when the bot did
 * not really answer (declined, below the confidence bar, no issue card) — the question's words, masked, with
 * no worker id. The worker service writes it where the decision is made known.
 *
 * @example
 *   askedQuestion(decision, '外卖骑手算不算劳动关系', { inboundId: 812, at: new Date(), unsureBelow: 0.6 })
 *   // { kind: 'answer', unanswered: 'no_card', text: '外卖骑手算不算劳动关系', inboundRef: 812, … }
 */
import type { Decision } from '../assistant/types.js';
import { maskPersonalData } from '../privacy/mask.js';
import type { AskedQuestion, Unanswered } from '../store/question-store.js';

/**
 * Why a decision leaves the question unanswered, if it does. A question back to the worker (choices) does
 * not, nor small talk ("谢谢", "好的"): it was never a question.
 */
export function unansweredBecause(decision: Decision, unsureBelow: number): Unanswered | undefined {
  if (decision.kind === 'decline') return decision.reason === 'smalltalk' ? undefined : 'declined';
  if (decision.kind !== 'answer' || decision.choices?.length) return undefined;
  if (decision.confidence < unsureBelow) return 'low_confidence';
  return decision.issue ? undefined : 'no_card';
}

export function askedQuestion(
  decision: Decision,
  text: string,
  { inboundId, at, unsureBelow }: { inboundId: number; at: Date; unsureBelow: number },
): AskedQuestion {
  const unanswered = unansweredBecause(decision, unsureBelow);
  // The words are kept while they count: unanswered, or an answer the worker may still call unhelpful.
  const keepWords = unanswered !== undefined || decision.kind === 'answer';
  return {
    at,
    lang: decision.lang,
    kind: decision.kind,
    reason: decision.reason,
    topic: decision.topic,
    issue: decision.issue,
    confidence: decision.confidence,
    unanswered,
    text: keepWords ? maskPersonalData(text).slice(0, 1000) : null,
    inboundRef: inboundId,
  };
}
