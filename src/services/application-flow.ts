/**
 * The steps of a guided application, as pure functions of the service definition and the draft: intro →
 * the fields that apply (a `when` hides the rest) → consent → review → submit, with Back and Cancel at
 * every step. Input is a button press or typed text; typed text is read the way a person would (an option
 * by its number or label, "返回", "cancel"), and a question typed where an answer was expected is handed
 * back as `question`, so the assistant answers it while the flow waits.
 *
 * @example
 *   const next = advance(def, { step: 'intro', answers: {}, shareIdentity: null }, { press: 'start' });
 *   // → { kind: 'moved', draft: { step: 'field:name', … } }
 */
import { parseSpokenNumber } from '../entitlements/spoken-numbers.js';
import type { LangText, ServiceDefinition, ServiceField } from './service-definitions.js';

export const VERBS = ['start', 'back', 'cancel', 'skip', 'submit', 'person', 'pick'] as const;
export type Verb = (typeof VERBS)[number];

/** What the worker did: pressed a button (`pick` carries an option value, or 'id' / 'anon' at consent), or typed. */
export type FlowInput = { press: Verb; arg?: string } | { text: string };

export interface DraftState {
  /** intro | field:<id> | consent | review */
  step: string;
  answers: Record<string, string>;
  shareIdentity: boolean | null;
}

export type InvalidReason = 'too_short' | 'too_long' | 'phone' | 'number' | 'number_range' | 'choice' | 'buttons';

export type FlowOutcome =
  | { kind: 'moved'; draft: DraftState; note?: LangText }
  | { kind: 'invalid'; reason: InvalidReason; min?: number; max?: number }
  | { kind: 'question' }
  | { kind: 'cancel' }
  | { kind: 'person' }
  | { kind: 'submit' };

/** The fields that apply, given the answers so far. */
export function visibleFields(def: ServiceDefinition, answers: Record<string, string>): ServiceField[] {
  return def.fields.filter((f) => !f.when || f.when.in.includes(answers[f.when.field] ?? ''));
}

export function fieldOf(def: ServiceDefinition, step: string): ServiceField | undefined {
  return step.startsWith('field:') ? def.fields.find((f) => `field:${f.id}` === step) : undefined;
}

/** The step after `step`: the next field that applies, then consent, then review. */
function nextStep(def: ServiceDefinition, step: string, answers: Record<string, string>): string {
  const fields = visibleFields(def, answers);
  if (step === 'intro') return fields[0] ? `field:${fields[0].id}` : 'consent';
  if (step === 'consent') return 'review';
  const i = fields.findIndex((f) => `field:${f.id}` === step);
  const after = fields.slice(i + 1)[0];
  return after ? `field:${after.id}` : 'consent';
}

function previousStep(def: ServiceDefinition, step: string, answers: Record<string, string>): string {
  const fields = visibleFields(def, answers);
  if (step === 'review') return 'consent';
  if (step === 'consent') return fields.at(-1) ? `field:${fields.at(-1)!.id}` : 'intro';
  const i = fields.findIndex((f) => `field:${f.id}` === step);
  return i > 0 ? `field:${fields[i - 1]!.id}` : 'intro';
}

// Typed words that mean a button: the worker does not have to tap.
const typed: Array<[Verb, RegExp]> = [
  ['cancel', /^(?:取消|不申请了|不要了|算了|退出|cancel|stop|quit)$/i],
  ['back', /^(?:返回|上一步|后退|改一下|back|go back|previous)$/i],
  ['skip', /^(?:跳过|不填|skip)$/i],
  ['person', /^(?:转人工|找人|人工|\/human|person|human)$/i],
];
const startWords = /^(?:开始|开始申请|好|好的|可以|申请|start|ok|okay|yes|go)$/i;
const submitWords = /^(?:提交|确认|确认提交|没问题|submit|send|yes|ok|confirm)$/i;
const consentWords: Array<['id' | 'anon', RegExp]> = [
  ['id', /^(?:1|同意并显示|可以看到|显示|yes,? show|show)$/i],
  ['anon', /^(?:2|同意|只用化名|不显示|化名|agree|no,? pseudonym|pseudonym|anonymous)$/i],
];

/** A question, not an answer: the assistant should take it while the flow waits. */
export function looksLikeQuestion(text: string): boolean {
  return (
    /[?？]|吗\s*$|怎么|如何|为什么|为啥|能不能|可不可以|是不是|是否|多少钱|哪里|什么/.test(text) ||
    /\b(?:how|what|why|when|where|which|can i|could|should|do i|is it|am i)\b/i.test(text)
  );
}

export function normalizePhone(text: string): string | undefined {
  const s = text.replace(/[\s\-()（）]/g, '');
  if (/^(?:\+?86)?1[3-9]\d{9}$/.test(s)) return s.replace(/^\+?86/, '');
  if (/^0\d{2,3}\d{7,8}$/.test(s) || /^\+\d{8,15}$/.test(s)) return s;
  return undefined;
}

function readNumber(text: string): number | undefined {
  const s = text.replace(/[\s,，]/g, '').replace(/(?:元|块钱|块|人民币|rmb|yuan|口人|口|个人|人|people|persons?)$/i, '');
  return parseSpokenNumber(s);
}

function matchOption(field: ServiceField, text: string): string | undefined {
  const options = field.options ?? [];
  const n = Number(text);
  if (Number.isInteger(n) && n >= 1 && n <= options.length) return options[n - 1]!.value;
  const t = text.toLowerCase();
  return options.find((o) => o.value === t || o.label.zh === text || o.label.en.toLowerCase() === t)?.value;
}

/** The typed answer to a field, normalised, or why it cannot be taken. */
export function readAnswer(field: ServiceField, raw: string): { value: string } | { invalid: InvalidReason; min?: number; max?: number } {
  const text = raw.trim();
  switch (field.type) {
    case 'phone': {
      const phone = normalizePhone(text);
      return phone ? { value: phone } : { invalid: 'phone' };
    }
    case 'number': {
      const n = readNumber(text);
      if (n === undefined || !Number.isFinite(n)) return { invalid: 'number' };
      const { min = 0, max = Number.MAX_SAFE_INTEGER } = field;
      return n < min || n > max ? { invalid: 'number_range', min, max } : { value: String(Math.round(n * 100) / 100) };
    }
    case 'choice': {
      const value = matchOption(field, text);
      return value ? { value } : { invalid: 'choice' };
    }
    case 'text': {
      const { min = 1, max = 200 } = field;
      const length = [...text].length;
      if (length < min || !/[\p{L}\p{N}]/u.test(text)) return { invalid: 'too_short', min, max };
      return length > max ? { invalid: 'too_long', min, max } : { value: text };
    }
  }
}

function pressOf(input: FlowInput): { press: Verb; arg?: string } | undefined {
  if ('press' in input) return input;
  const text = input.text.trim();
  const hit = typed.find(([, re]) => re.test(text));
  return hit ? { press: hit[0] } : undefined;
}

/**
 * One step of the flow. Pure: the caller stores the draft it returns (and bumps its revision), sends the
 * next step, an error, or hands a question to the assistant.
 */
export function advance(def: ServiceDefinition, draft: DraftState, input: FlowInput): FlowOutcome {
  const moved = (step: string, changes: Partial<DraftState> = {}, note?: LangText): FlowOutcome => ({
    kind: 'moved',
    draft: { ...draft, ...changes, step },
    note,
  });
  const press = pressOf(input);
  const text = 'text' in input ? input.text.trim() : '';
  if (press?.press === 'cancel') return { kind: 'cancel' };
  if (press?.press === 'person') return { kind: 'person' };
  if (press?.press === 'back') return draft.step === 'intro' ? { kind: 'cancel' } : moved(previousStep(def, draft.step, draft.answers));

  switch (draft.step) {
    case 'intro':
      if (press?.press === 'start' || (!press && startWords.test(text))) return moved(nextStep(def, 'intro', draft.answers));
      return press ? { kind: 'invalid', reason: 'buttons' } : { kind: 'question' };
    case 'consent': {
      const choice = press?.press === 'pick' ? press.arg : consentWords.find(([, re]) => re.test(text))?.[0];
      if (choice === 'id' || choice === 'anon') return moved('review', { shareIdentity: choice === 'id' });
      return press ? { kind: 'invalid', reason: 'buttons' } : { kind: 'question' };
    }
    case 'review':
      if (press?.press === 'submit' || (!press && submitWords.test(text))) return { kind: 'submit' };
      return press ? { kind: 'invalid', reason: 'buttons' } : { kind: 'question' };
  }

  const field = fieldOf(def, draft.step);
  if (!field) return moved('intro'); // a definition changed under a stored draft: start the flow again
  if (press?.press === 'skip') {
    if (!field.optional) return { kind: 'invalid', reason: 'buttons' };
    const { [field.id]: _, ...answers } = draft.answers;
    return moved(nextStep(def, draft.step, answers), { answers });
  }
  if (press?.press === 'pick' && field.type === 'choice') {
    const option = field.options!.find((o) => o.value === press.arg);
    if (!option) return { kind: 'invalid', reason: 'choice' };
    const answers = { ...draft.answers, [field.id]: option.value };
    return moved(nextStep(def, draft.step, answers), { answers }, option.note);
  }
  if (press) return { kind: 'invalid', reason: 'buttons' };
  const read = readAnswer(field, text);
  // A question where an answer was expected goes to the assistant; a story field takes any words.
  if (!field.long && looksLikeQuestion(text) && ('invalid' in read || field.type === 'text')) return { kind: 'question' };
  if ('invalid' in read) return { kind: 'invalid', reason: read.invalid, min: read.min, max: read.max };
  const answers = { ...draft.answers, [field.id]: read.value };
  const note = field.type === 'choice' ? field.options!.find((o) => o.value === read.value)?.note : undefined;
  return moved(nextStep(def, draft.step, answers), { answers }, note);
}

/** An answer as staff and the review screen show it: the option's label, or the typed value. */
export function displayValue(field: ServiceField, value: string | undefined): LangText | null {
  if (value === undefined || value === '') return null;
  const option = field.options?.find((o) => o.value === value);
  return option ? option.label : { zh: value, en: value };
}
