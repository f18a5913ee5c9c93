/**
 * Reading a follow-up in context without an LLM: a short message that starts with a follow-up cue
 * ("那赔偿呢？", "what if I was on probation?") or names no topic of its own is searched together with the
 * previous question's content words. With an LLM, condensation is done by the model (llm-answer.ts).
 *
 * @example
 *   combineWithPrevious('那赔偿呢？', '公司违法辞退我怎么办', rules.followUp) // → '违法 辞退 那赔偿呢？'
 */

import { normalise } from '../triage/text-matcher.js';
import type { FollowUpSettings } from './answer-settings.js';
import { keywords } from './keywords.js';

type FollowUpRules = FollowUpSettings;

/** True when the message is short and elliptical enough to need the previous question. */
export function looksLikeFollowUp(text: string, rules: FollowUpRules, hasOwnTopic: boolean): boolean {
  const t = normalise(text);
  const han = t.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = t.match(/[a-z]+/g)?.length ?? 0;
  const short = han > 0 ? han <= rules.maxHanChars : words <= rules.maxWords;
  if (!short) return false;
  const cue = rules.cues.some((c) => {
    const n = normalise(c);
    return /\p{Script=Han}/u.test(n) ? t.startsWith(n) : new RegExp(`^${n.replace(/ /g, '\\s+')}\\b`).test(t);
  });
  return cue || !hasOwnTopic;
}

/** The search text for a follow-up: the previous question's content words, then the new message. */
export function combineWithPrevious(text: string, previous: string): string {
  const carried = keywords(previous)
    .filter((w) => !text.toLowerCase().includes(w))
    .slice(0, 8);
  return carried.length ? `${carried.join(' ')} ${text}` : text;
}
