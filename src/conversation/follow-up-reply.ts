/**
 * The follow-up's answers as the worker gives them: buttons whose values read back as answers, or the
 * labels typed (the console). The worker service reads them before anything else; the case side
 * (cases/follow-up.ts) asks the questions with these buttons.
 *
 * @example
 *   followUpChoice(42, 'solved')           // 'followup:42:solved'
 *   parseFollowUpReply('followup:42:no')   // undefined (not an answer)
 *   parseFollowUpReply('还没解决')          // { answer: 'unsolved' }
 */
import type { Lang } from '../i18n/lang.js';
import type { OutgoingWorkerMessage } from './types.js';

export type FollowUpAnswer = 'agree' | 'decline' | 'solved' | 'unsolved';
const ANSWERS: readonly FollowUpAnswer[] = ['agree', 'decline', 'solved', 'unsolved'];

export const followUpChoice = (caseId: number, answer: FollowUpAnswer) => `followup:${caseId}:${answer}`;

/** The button labels, both languages (what a console user types). */
const labels: Record<Lang, Record<FollowUpAnswer, string>> = {
  zh: { agree: '可以回访', decline: '不用回访', solved: '已经解决了', unsolved: '还没解决' },
  en: { agree: 'Yes, check back', decline: 'No need', solved: 'Solved', unsolved: 'Not solved' },
};

/** A worker's press (or typed label) as a follow-up answer; undefined for any other message. */
export function parseFollowUpReply(text: string): { caseId?: number; answer: FollowUpAnswer } | undefined {
  const m = /^followup:(\d+):(agree|decline|solved|unsolved)$/.exec(text.trim());
  if (m) return { caseId: Number(m[1]), answer: m[2] as FollowUpAnswer };
  const typed = text.trim().toLowerCase();
  for (const lang of ['zh', 'en'] as const) {
    const answer = ANSWERS.find((a) => labels[lang][a].toLowerCase() === typed);
    if (answer) return { answer };
  }
  return undefined;
}

export const followUpChoices = (lang: Lang, caseId: number, answers: FollowUpAnswer[]): OutgoingWorkerMessage['choices'] =>
  answers.map((a) => ({ value: followUpChoice(caseId, a), label: labels[lang][a] }));
