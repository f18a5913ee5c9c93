/** Triage's contract: a worker's message in, what must happen to it out. No channel types here. */

/** What must happen to a message: someone is at risk now, a person must take it up, decline, or answer. */
export type Outcome = 'urgent' | 'escalate' | 'decline' | 'answer';

export const OUTCOMES: readonly Outcome[] = ['urgent', 'escalate', 'decline', 'answer'];

/** The danger categories of the lexicon (knowledge/policy/triage/lexicon/). */
export const DANGER_CATEGORIES = [
  'fire',
  'electricity',
  'fall_collapse',
  'machine',
  'medical',
  'heat',
  'chemical',
  'confined_space',
  'violence',
  'sexual_violence',
  'self_harm',
  'collective',
  'child',
] as const;
export type DangerCategory = (typeof DANGER_CATEGORIES)[number];

/** A training label: `urgent:fire`, `escalate:legal_aid`, `decline:other_data`, `answer:legal_question`. */
export type Label = `${Outcome}:${string}`;

export function outcomeOf(label: string): Outcome {
  const o = label.slice(0, label.indexOf(':')) as Outcome;
  if (!OUTCOMES.includes(o)) throw new Error(`not a triage label: ${label}`);
  return o;
}

export interface TriageResult {
  outcome: Outcome;
  /** urgent: the danger category; escalate: the reason; decline: the reason; answer: the kind of question. */
  category: string;
  /** Probability the classifier gave the outcome (1 for a lexicon decision). */
  confidence: number;
  /** What decided: a danger term with no past or hypothetical frame, the classifier, or the LLM pass. */
  source: 'lexicon' | 'classifier' | 'voice' | 'llm';
  /** Evidence for logs and the eval's miss list: terms and label names only, never the worker's text. */
  evidence: {
    danger: string[];
    frames: string[];
    label: string;
    outcomes: Record<Outcome, number>;
  };
}
