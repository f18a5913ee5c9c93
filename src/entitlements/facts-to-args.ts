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
import { leaveDates, noContractPeriod, unusedLeave } from './derived-facts.js';
import { type FactQuestion, missingFact, type PendingFact } from './fact-questions.js';
import type { Facts, OvertimeKind } from './facts.js';
import { HOURS_PER_DAY } from './statutes.js';
import { runTool, type ToolError } from './tools.js';
import { type CalculatorContext, type CalculatorName, type Entitlement, type LocalFigures, type Text, text } from './types.js';
import { wageFor } from './wage-facts.js';

type Args = Record<string, unknown>;

const exact = (date: string | undefined) => (date && date.length === 10 ? date : undefined);

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
    monthlyWage: wageFor('overtime_pay', f).wage,
    workdayHours: (sum('workday', 'hours') ?? 0) + (workdayDays ?? 0) * HOURS_PER_DAY || undefined,
    restDayHours: sum('rest_day', 'hours'),
    restDayDays: sum('rest_day', 'days'),
    holidayHours: sum('holiday', 'hours'),
    holidayDays: sum('holiday', 'days'),
    restDayTimeOffGiven: f.restDayTimeOff,
    restDayTimeOffHours: f.restDayTimeOffDays ? f.restDayTimeOffDays * HOURS_PER_DAY : undefined,
    longestWorkdayOvertime: f.dailyOvertimeHours,
  };
}

const builders: Record<CalculatorName, (f: Facts, today: string | undefined) => Args> = {
  severance: (f) => ({
    service: serviceOf(f),
    monthlyWage: wageFor('severance', f).wage,
    startedBefore2008: f.startDate ? f.startDate < '2008-01' : undefined,
  }),
  unlawful_termination: (f) => ({ service: serviceOf(f), monthlyWage: wageFor('unlawful_termination', f).wage }),
  notice_pay: (f) => ({ lastMonthWage: wageFor('notice_pay', f).wage }),
  severance_owed: (f) => ({ reason: f.terminationReason }),
  double_wage_no_contract: (f) => ({
    service: noContractPeriod(f) ?? serviceOf(f),
    monthlyWage: wageFor('double_wage_no_contract', f).wage,
  }),
  overtime_pay: overtimeArgs,
  annual_leave_days: (f, today) => ({
    cumulativeYears: f.totalWorkYears,
    ...leaveDates(f, today),
    sickLeaveMonths: f.sickLeaveMonths,
    takenDays: f.takenLeaveDays,
  }),
  unused_annual_leave_pay: (f, today) => ({
    monthlyWage: wageFor('unused_annual_leave_pay', f).wage,
    unusedDays: unusedLeave(f, today).days,
  }),
  probation: (f) => ({
    contractKind: f.contractKind,
    contractMonths: f.contractKind === 'fixed' ? f.contractMonths : undefined,
    agreedMonthlyWage: wageFor('probation', f).wage,
    agreedProbationMonths: f.agreedProbationMonths,
  }),
  maternity_leave: (f) => ({
    kind: f.birthKind,
    babies: f.babies,
    difficultBirth: f.difficultBirth,
    pregnancyMonths: f.birthKind === 'miscarriage' ? f.pregnancyMonths : undefined,
    leaveStart: f.birthKind === 'birth' && f.birthDate?.length === 10 ? f.birthDate : undefined,
  }),
  injury_disability: (f) => ({
    grade: f.grade,
    ownMonthlyWage: wageFor('injury_disability', f).wage,
    suitableWorkArranged: f.grade === 5 || f.grade === 6 ? f.suitableWorkArranged : undefined,
  }),
  arbitration_deadline: (f) => ({
    claim: f.claimKind,
    // For a claim other than wages the year runs from the day the worker knew: the day the job ended
    // (a dismissal, a refusal to pay severance) when no other day is named.
    knewDate: f.claimKind === 'other' ? (exact(f.knewDate) ?? exact(f.endDate)) : undefined,
    stillEmployed: f.claimKind === 'wage_arrears' ? f.stillEmployed : undefined,
    employmentEndDate: f.claimKind === 'wage_arrears' ? exact(f.endDate) : undefined,
    interruptedOn: exact(f.interruptedDate),
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

const serviceCalculators = new Set<CalculatorName>(['severance', 'unlawful_termination', 'double_wage_no_contract']);

const approximateService = (f: Facts) =>
  text(
    `工作时间按月份粗算为${num(f.serviceYears ?? 0)}年${num(f.serviceMonths ?? 0)}个月；具体天数可能差一个月左右。`,
    `Service is worked out from the months alone as ${num(f.serviceYears ?? 0)} years ${num(f.serviceMonths ?? 0)} months; the exact days may shift it by about a month.`,
  );
const endAsKnew = text(
  '以合同解除或终止的那一天作为你知道权利被侵害之日。',
  'The day the job ended is taken as the day you knew of the infringement.',
);

/** What the facts-to-arguments step itself worked out or assumed: the wage used, untaken days, dates. */
function factNotes(calculator: CalculatorName, f: Facts, today: string | undefined): { working: Text[]; assumptions: Text[] } {
  const wage = wageFor(calculator, f);
  const working = [...wage.working];
  const assumptions = [...wage.assumptions];
  if (calculator === 'unused_annual_leave_pay') working.unshift(...unusedLeave(f, today).working);
  const period = calculator === 'double_wage_no_contract' && noContractPeriod(f);
  if (!period && serviceCalculators.has(calculator) && f.serviceApproximate) assumptions.push(approximateService(f));
  if (calculator === 'arbitration_deadline' && f.claimKind === 'other' && !exact(f.knewDate) && exact(f.endDate))
    assumptions.push(endAsKnew);
  return { working, assumptions };
}

const localUsed: Partial<Record<CalculatorName, Array<keyof LocalFigures>>> = {
  severance: ['averageMonthlyWage', 'minimumWage'],
  unlawful_termination: ['averageMonthlyWage', 'minimumWage'],
  probation: ['minimumWage'],
  injury_disability: ['injuryAverageMonthlyWage', 'averageMonthlyWage', 'minimumWage'],
  maternity_leave: ['maternityExtraDays'],
};
const localLabels: Record<keyof LocalFigures, Text> = {
  averageMonthlyWage: text('当地上年度职工月平均工资', 'the local average monthly wage of last year'),
  minimumWage: text('当地最低工资标准', 'the local minimum wage'),
  injuryAverageMonthlyWage: text('统筹地区职工月平均工资', "the pooling area's average monthly wage"),
  maternityExtraDays: text('本省延长产假天数', "the province's extra maternity days"),
};

/** Says which local figures came from the worker's words rather than the settings. */
function statedLocalNote(calculator: CalculatorName, stated: LocalFigures = {}): Text[] {
  const used = (localUsed[calculator] ?? []).filter((k) => stated[k] !== undefined);
  if (!used.length) return [];
  const days = (k: keyof LocalFigures) => k === 'maternityExtraDays';
  const zh = used.map((k) => `${localLabels[k].zh}${days(k) ? `${stated[k]}天` : yuanZh(stated[k]!)}`).join('、');
  const en = used.map((k) => `${localLabels[k].en} (${days(k) ? `${stated[k]} days` : yuanEn(stated[k]!)})`).join(', ');
  const asPooling = calculator === 'injury_disability' && stated.injuryAverageMonthlyWage === undefined;
  const role = asPooling ? text('（作为统筹地区职工月平均工资）', " (as the pooling area's average wage)") : text('', '');
  return [
    text(
      `${zh}${role.zh}按你说的数字计算，请以当地公布的为准。`,
      `${en[0]!.toUpperCase()}${en.slice(1)}${role.en} is taken as you stated it; check it against the published figure.`,
    ),
  ];
}

/**
 * The local figures for this calculation: the settings, with any the worker stated over them. For
 * work-injury benefits a stated local average stands for the pooling area's when that is not named.
 * @example
 *   localFiguresFor('severance', { averageMonthlyWage: 8000 }, { averageMonthlyWage: 11000 }) // → { averageMonthlyWage: 11000 }
 */
export function localFiguresFor(calculator: CalculatorName, settings: LocalFigures = {}, stated: LocalFigures = {}): LocalFigures {
  const local = { ...settings, ...stated };
  if (calculator === 'injury_disability' && stated.injuryAverageMonthlyWage === undefined && stated.averageMonthlyWage !== undefined) {
    local.injuryAverageMonthlyWage = stated.averageMonthlyWage;
  }
  return local;
}

export type FactsOutcome =
  | { kind: 'result'; result: Entitlement }
  | { kind: 'ask'; question: FactQuestion; pending: PendingFact }
  | { kind: 'error'; error: ToolError };

/**
 * The result when the facts suffice, else the question to ask and the pending state to keep. Local figures
 * the worker stated (`facts.statedLocal`) are used over `context.local`.
 * @example
 *   calculateFromFacts('probation', {}).kind // → 'ask' (question.fact 'contractKind', with three choices)
 */
export function calculateFromFacts(calculator: CalculatorName, facts: Facts, context: CalculatorContext = {}): FactsOutcome {
  const question = missingFact(calculator, facts);
  if (question) return { kind: 'ask', question, pending: { calculator, fact: question.fact, facts } };
  const local = localFiguresFor(calculator, context.local, facts.statedLocal);
  const outcome = runTool(calculator, argsFromFacts(calculator, facts, context.today), { ...context, local });
  if (!outcome.ok) return { kind: 'error', error: outcome.error };
  const notes = factNotes(calculator, facts, context.today);
  const result = outcome.result;
  const assumptions = [...notes.assumptions, ...statedLocalNote(calculator, facts.statedLocal), ...result.assumptions];
  return { kind: 'result', result: { ...result, working: [...notes.working, ...result.working], assumptions } };
}
