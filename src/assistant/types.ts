/** The assistant's contract: a worker's message in, a decision out. No channel types here. */

import type { Lang } from '../i18n/lang.js';
import type { TriageResult } from '../triage/types.js';

export type { Citation } from '../store/conversation-store.js';
export type { Lang };

import type { Citation } from '../store/conversation-store.js';

export interface Escalation {
  priority: 'urgent' | 'normal';
  /** The danger category (fire, self_harm, …) or the escalation reason (explicit_request, legal_aid, union_action, …). */
  category: string;
}

export interface Decision {
  kind: 'answer' | 'escalate' | 'decline';
  lang: Lang;
  /** The reply to send the worker (plain text; channels format it). */
  text: string;
  citations: Citation[];
  /** 0..1 — how sure triage (escalate, decline) or the answer is. */
  confidence: number;
  /** Why: the danger category, the escalation reason, or the decline reason. */
  reason?: string;
  /** The issue card the answer stands on, when one was spotted. */
  issue?: string;
  /** The topic area of that card (dismissal, wages, work_injury, …), for the listening report. */
  topic?: string;
  /** Answers the worker can tap instead of typing (the one fact a calculation still needs). */
  choices?: Array<{ value: string; label: string }>;
  escalation?: Escalation;
}

export interface WorkerTurn {
  /** Conversation key: the worker's id in the store. */
  workerId: number;
  text: string;
  /** The worker's chosen language, if any; else detected from the text. */
  lang?: Lang;
  /** Triage already done by the caller (the message was triaged before it was routed). */
  triage?: TriageResult;
}

/**
 * @example
 *   const decision = await assistant.respond({ workerId: 7, text: '公司拖欠工资怎么办' });
 */
export interface Assistant {
  respond(turn: WorkerTurn): Promise<Decision>;
}
