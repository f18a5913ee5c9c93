/**
 * From gathered facts to a result: the calculator's arguments built from the facts, or the next question
 * when one is missing. This is the conversation's one call; `runTool` is the model's.
 *
 * @example
 *   const step = calculateFromFacts('severance', facts, { local, today });
 *   if (step.kind === 'ask') { store(step.pending); send(step.question.question[lang], step.question.choices); }
 *   else if (step.kind === 'result') send(formatEntitlement(step.result, lang));
 */
import { num, yuanEn, yuanZh } from './amounts.js';
import { missingFact, type FactQuestion, type PendingFact } from './fact-questions.js';
import type { Facts, OvertimeKind } from './facts.js';
import { PAID_DAYS_PER_MONTH } from './statutes.js';
import { runTool, type ToolError } from './tools.js';
import { text, type CalculatorContext, type CalculatorName, type Entitlement, type Text } from './types.js';

type Args = Record<string, unknown>;

const exact = (date: string | undefined) => (date && date.length === 10 ? date : undefined);

function wageOf(f: Facts): number | undefined {
  if (f.monthlyWage !== undefined) return f.monthlyWage;
  return f.dailyWage === undefined ? undefined : Math.round(f.dailyWage * PAID_DAYS_PER_MONTH * 100) / 100;
}

function serviceOf(f: Facts) {
  const service = { years: f.serviceYears ?? 0, months: f.serviceMonths ?? 0 };
  return f.serviceDays ? { ...service, days: f.serviceDays } : service;
}

function overtimeArgs(f: Facts): Args {
  const sum = (kind: OvertimeKind, unit: 'hours' | 'days') => {
    const total = (f.overtime ?? []).filter((e) => e.kind === kind).reduce((s, e) => s + (e[unit] ?? 0), 0);
    return total || undefined;
  };
  const workdayDays = sum('workday', 'days');
  return {
    monthlyWage: wageOf(f),
    workdayHours: (sum('workday', 'hours') ?? 0) + (workdayDays ?? 0) * 8 || undefined,
    restDayHours: sum('rest_day', 'hours'),
    restDayDays: sum('rest_day', 'days'),
    holidayHours: sum('holiday', 'hours'),
    holidayDays: sum('holiday', 'days'),
    restDayTimeOffGiven: f.restDayTimeOff,
    longestWorkdayOvertime: f.dailyOvertimeHours,
  };
}

function leaveDates(f: Facts, today: string | undefined): Args {
  const left = exact(f.endDate);
  const joined = exact(f.startDate);
  // Prorate within one year only: the year the job ended, or this year for a worker who joined in it.
  const year = left?.slice(0, 4) ?? today?.slice(0, 4);
  const joinedThisYear = joined && joined.slice(0, 4) === year ? { joinedOn: joined } : {};
  if (left) return { leftOn: left, ...joinedThisYear };
  return f.endDate || f.stillEmployed === false ? {} : joinedThisYear;
}

const builders: Record<CalculatorName, (f: Facts, today: string | undefined) => Args> = {
  severance: (f) => ({ service: serviceOf(f), monthlyWage: wageOf(f), startedBefore2008: f.startDate ? f.startDate < '2008-01' : undefined }),
  unlawful_termination: (f) => ({ service: serviceOf(f), monthlyWage: wageOf(f) }),
  notice_pay: (f) => ({ lastMonthWage: wageOf(f) }),
  severance_owed: (f) => ({ reason: f.terminationReason }),
  double_wage_no_contract: (f) => ({ service: serviceOf(f), monthlyWage: wageOf(f) }),
  overtime_pay: overtimeArgs,
  annual_leave_days: (f, today) => ({ cumulativeYears: f.totalWorkYears, ...leaveDates(f, today) }),
  unused_annual_leave_pay: (f) => ({ monthlyWage: wageOf(f), unusedDays: f.unusedLeaveDays }),
  probation: (f) => ({
    contractKind: f.contractKind,
    contractMonths: f.contractKind === 'fixed' ? f.contractMonths : undefined,
    agreedMonthlyWage: f.monthlyWage,
    agreedProbationMonths: f.agreedProbationMonths,
  }),
  maternity_leave: (f) => ({ kind: f.birthKind, babies: f.babies, difficultBirth: f.difficultBirth, pregnancyMonths: f.birthKind === 'miscarriage' ? f.pregnancyMonths : undefined }),
  injury_disability: (f) => ({ grade: f.grade, ownMonthlyWage: wageOf(f), suitableWorkArranged: f.grade === 5 || f.grade === 6 ? f.suitableWorkArranged : undefined }),
  arbitration_deadline: (f) => ({
    claim: f.claimKind,
    knewDate: f.claimKind === 'other' ? exact(f.knewDate) : undefined,
    stillEmployed: f.claimKind === 'wage_arrears' ? f.stillEmployed : undefined,
    employmentEndDate: f.claimKind === 'wage_arrears' ? exact(f.endDate) : undefined,
  }),
};

/**
 * The calculator's arguments from the facts (run `missingFact` first); undefined fields dropped. `today`
 * tells which year a join date prorates annual leave in.
 * @example
 *   argsFromFacts('severance', { serviceYears: 4, serviceMonths: 8, dailyWage: 200 })
 *   // → { service: { years: 4, months: 8 }, monthlyWage: 4350 }
 */
export function argsFromFacts(calculator: CalculatorName, facts: Facts, today?: string): Args {
  return Object.fromEntries(Object.entries(builders[calculator](facts, today)).filter(([, v]) => v !== undefined));
}

// Calculators that take the wage from `wageOf` (so a daily wage is converted) or the length of service.
const wageCalculators = new Set<CalculatorName>(['severance', 'unlawful_termination', 'notice_pay', 'double_wage_no_contract', 'overtime_pay', 'unused_annual_leave_pay', 'injury_disability']);
const serviceCalculators = new Set<CalculatorName>(['severance', 'unlawful_termination', 'double_wage_no_contract']);

/** What the facts-to-arguments step itself assumed: a daily wage turned monthly, service from months. */
function factNotes(calculator: CalculatorName, f: Facts): { working: Text[]; assumptions: Text[] } {
  const working = wageCalculators.has(calculator) && f.monthlyWage === undefined && f.dailyWage !== undefined
    ? [text(`日工资${yuanZh(f.dailyWage)} × 21.75天 = 月工资${yuanZh(wageOf(f)!)}`, `daily wage ${yuanEn(f.dailyWage)} × 21.75 days = monthly wage ${yuanEn(wageOf(f)!)}`)]
    : [];
  const assumptions = serviceCalculators.has(calculator) && f.serviceApproximate
    ? [text(`工作时间按月份粗算为${num(f.serviceYears ?? 0)}年${num(f.serviceMonths ?? 0)}个月；具体天数可能差一个月左右。`, `Service is worked out from the months alone as ${num(f.serviceYears ?? 0)} years ${num(f.serviceMonths ?? 0)} months; the exact days may shift it by about a month.`)]
    : [];
  return { working, assumptions };
}

export type FactsOutcome =
  | { kind: 'result'; result: Entitlement }
  | { kind: 'ask'; question: FactQuestion; pending: PendingFact }
  | { kind: 'error'; error: ToolError };

/**
 * The result when the facts suffice, else the question to ask and the pending state to keep.
 * @example
 *   calculateFromFacts('probation', {}).kind // → 'ask' (question.fact 'contractKind', with three choices)
 */
export function calculateFromFacts(calculator: CalculatorName, facts: Facts, context: CalculatorContext = {}): FactsOutcome {
  const question = missingFact(calculator, facts);
  if (question) return { kind: 'ask', question, pending: { calculator, fact: question.fact, facts } };
  const outcome = runTool(calculator, argsFromFacts(calculator, facts, context.today), context);
  if (!outcome.ok) return { kind: 'error', error: outcome.error };
  const notes = factNotes(calculator, facts);
  const result = outcome.result;
  return {
    kind: 'result',
    result: { ...result, working: [...notes.working, ...result.working], assumptions: [...notes.assumptions, ...result.assumptions] },
  };
}
