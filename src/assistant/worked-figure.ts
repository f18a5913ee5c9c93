/**
 * The figure in an answer: when the spotted issue has a calculator (entitlements/), the worker's own facts
 * are read from their words and the figure is worked out — the working shown, the assumptions and the
 * articles it rests on. When one fact is missing and the worker asked for a figure (or already gave some
 * of the facts), the answer asks for that one fact, with buttons where the answer is a choice, and keeps
 * the question pending; the reply is read into the fact and the figure follows.
 *
 * @example
 *   const step = workFigure({ candidates: ['unlawful_termination'], question: '干了4年8个月，月薪5500，被无故辞退，能赔多少', lang: 'zh' });
 *   step?.working // '4年8个月 → 按5年计 … = 55000元'
 */
import {
  answerFact,
  type CalculatorContext,
  type CalculatorName,
  calculateFromFacts,
  chooseCalculator,
  type Entitlement,
  extractFacts,
  type FactQuestion,
  figureFor,
  formatEntitlement,
  mergeFacts,
  type PendingFact,
  parsePendingFact,
} from '../entitlements/index.js';
import { articleLabel } from './citations.js';
import type { Citation, Lang } from './types.js';

/** A choice the worker can tap instead of typing: `value` is sent back as their message. */
export interface ReplyChoice {
  value: string;
  label: string;
}

/** What the assistant keeps while it waits for the fact: the calculation's state and the question it serves. */
export interface PendingFigure {
  pending: PendingFact;
  /** The question the figure answers (searched again when the reply comes). */
  question: string;
  lang: Lang;
}

export interface FigureStep {
  /** The result in a line (the last step of each working), shown first. */
  headline?: string;
  /** The working, one line per step, in the worker's language. */
  working?: string;
  /** Assumptions and the articles the figure rests on. */
  notes?: string;
  citations: Citation[];
  /** The one fact to ask for, and the choices for buttons. */
  ask?: { question: string; choices?: ReplyChoice[] };
  /** To store until the worker answers (present with `ask`). */
  pending?: PendingFigure;
}

// The worker asks for a figure: how much, how many days, by when.
const asksForFigure =
  /多少|几个月|几天|多久|怎么算|如何计算|怎么赔|赔偿标准|能拿|能得|能赔|补偿金额|期限|截止|哪天|最晚|how much|how many|how long|calculate|what (?:do|would|will) i get|deadline|by when|last day/i;

// Facts that are a calculation's own inputs: a worker who gives one of them wants the figure even unasked. Other
// facts (a contract's length, months of pregnancy) come with questions about rights, where a question about
// years of service would be debris.
const figureInputs = [
  'monthlyWage',
  'averageWage',
  'dailyWage',
  'wageParts',
  'serviceYears',
  'overtime',
  'grade',
  'unusedLeaveDays',
] as const;

const citationsOf = (results: readonly Entitlement[]): Citation[] =>
  results
    .flatMap((r) => r.basis)
    .filter((b, i, all) => all.findIndex((x) => x.title === b.title && x.article === b.article) === i)
    .map((b) => ({ title: b.title, article: b.article, label: articleLabel(b.title, b.article), effective: null }));

/** The working and notes of a result (and of figures owed alongside it), in the worker's language. */
function shown(results: readonly Entitlement[], lang: Lang): FigureStep {
  const working: string[] = [];
  const headline: string[] = [];
  const notes: string[] = [];
  for (const r of results) {
    const lines = formatEntitlement(r, lang).split('\n');
    working.push(...lines.slice(0, r.working.length));
    headline.push(lines[r.working.length - 1] ?? '');
    notes.push(...lines.slice(r.working.length));
  }
  return {
    headline: headline.filter(Boolean).join('\n'),
    working: working.join('\n'),
    notes: notes.join('\n'),
    citations: citationsOf(results),
  };
}

function asked(question: FactQuestion, pending: PendingFact, about: string, lang: Lang): FigureStep {
  return {
    citations: [],
    ask: { question: question.question[lang], choices: question.choices?.map((c) => ({ value: c.value, label: c.label[lang] })) },
    pending: { pending, question: about, lang },
  };
}

/**
 * The figure for a question: the calculator its words ask for, else the one of the issues it matched
 * (`candidates`, best first). Asks for a missing fact only when the worker asked for a figure or already
 * gave some of the facts.
 */
export function workFigure({
  candidates,
  question,
  lang,
  context = {},
}: {
  candidates: readonly CalculatorName[];
  question: string;
  lang: Lang;
  context?: CalculatorContext;
}): FigureStep | undefined {
  const figure = figureFor(question, candidates, context);
  if (figure.kind === 'result') return shown([figure.result, ...figure.related], lang);
  // Ask for the missing fact only when the question asks for a figure in words that name a calculation
  // ("how many days in advance" under a layoff card is no severance question), or gives one of its inputs.
  if (figure.kind !== 'ask') return undefined;
  const wantsFigure = asksForFigure.test(question) && chooseCalculator(question, []) !== undefined;
  return wantsFigure || figureInputs.some((k) => figure.facts[k] !== undefined)
    ? asked(figure.question, figure.pending, question, lang)
    : undefined;
}

/**
 * The worker's reply to a pending question: the figure (or the next question), or undefined when the
 * reply does not give the fact — the caller then asks again or, if the worker moved on, drops it.
 */
export function resumeFigure(
  stored: unknown,
  reply: string,
  context: CalculatorContext = {},
): { figure: FigureStep; state: PendingFigure } | undefined {
  const state = parseStored(stored);
  if (!state) return undefined;
  const answered = answerFact(state.pending, reply, { today: context.today });
  if (!answered.ok) return undefined;
  // Anything else the reply says counts too ("五千五，干了三年").
  const facts = mergeFacts(answered.facts, extractFacts(reply, { today: context.today }));
  const step = calculateFromFacts(state.pending.calculator, facts, context);
  const figure =
    step.kind === 'result'
      ? shown([step.result], state.lang)
      : step.kind === 'ask'
        ? asked(step.question, step.pending, state.question, state.lang)
        : { citations: [] };
  return { figure, state };
}

/** The question to ask again for a stored pending figure, in the language the worker writes in now. */
export function repeatQuestion(stored: unknown, lang: Lang): { question: string; choices?: ReplyChoice[] } | undefined {
  const state = parseStored(stored);
  if (!state) return undefined;
  const outcome = calculateFromFacts(state.pending.calculator, state.pending.facts);
  if (outcome.kind !== 'ask') return undefined;
  const q = outcome.question;
  return { question: q.question[lang], choices: q.choices?.map((c) => ({ value: c.value, label: c.label[lang] })) };
}

function parseStored(stored: unknown): PendingFigure | undefined {
  const s = stored as Partial<PendingFigure> | undefined;
  const pending = parsePendingFact(s?.pending);
  if (!pending || typeof s?.question !== 'string' || (s.lang !== 'zh' && s.lang !== 'en')) return undefined;
  return { pending, question: s.question, lang: s.lang };
}
