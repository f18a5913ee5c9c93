import { describe, expect, it } from 'vitest';
import {
  answerFact,
  argsFromFacts,
  type CalculatorName,
  calculateFromFacts,
  calculatorNames,
  type Entitlement,
  extractFacts,
  type Facts,
  missingFact,
  type PendingFact,
  parsePendingFact,
} from '../../src/entitlements/index.js';

const today = '2025-06-10';

/** Drives the questions as the bot would: ask, read the reply, ask again or calculate. */
function converse(calculator: CalculatorName, first: string, replies: string[]) {
  let facts: Facts = extractFacts(first, { today });
  const asked: string[] = [];
  for (let turn = 0; turn < 12; turn++) {
    const step = calculateFromFacts(calculator, facts, { today });
    if (step.kind === 'result') return { result: step.result, asked };
    if (step.kind === 'error') throw new Error(step.error.message);
    asked.push(step.question.fact);
    const stored = JSON.parse(JSON.stringify(step.pending)) as unknown; // the caller keeps plain JSON
    const pending = parsePendingFact(stored)!;
    const reply = replies.shift();
    if (reply === undefined) return { result: undefined, asked };
    const answer = answerFact(pending, reply, { today });
    if (answer.ok) facts = answer.facts;
    else asked.push('retry');
  }
  throw new Error('the questions did not end');
}

function figures(result: Entitlement | undefined) {
  return result?.figures;
}

describe('asking for the one missing fact', () => {
  it('asks for the months when the worker said 三年多, then the wage', () => {
    const { result, asked } = converse('severance', '干了三年多，被辞退了', ['八个月', '五千五']);
    expect(asked).toEqual(['serviceMonths', 'monthlyWage']);
    // 3年8个月 → 4 × 5500 = 22000
    expect(figures(result)).toMatchObject({ countedMonths: 4, amount: 22000 });
  });

  it('asks for the exact day only where month-only dates straddle a boundary', () => {
    // 2021年3月 … 2025年3月 is about 48 months: 4 or 4.5 months' wages depending on the days
    const { result, asked } = converse('unlawful_termination', '2021年3月入职，今年3月被辞退，工资1万2', ['15号', '2025年3月20日']);
    expect(asked).toEqual(['startDate', 'endDate']);
    // 2021-03-15 … 2025-03-20 = 4 years 6 days → 4.5 × 12000 = 54000; × 2 = 108000
    expect(figures(result)).toMatchObject({ countedMonths: 4.5, compensation: 108000 });
    // 2021年3月 … 今年5月 is about 50 months: 4.5 either way, so no question
    expect(missingFact('severance', extractFacts('2021年3月入职，今年5月被辞退，月薪5000', { today }))).toBeUndefined();
  });

  it('offers the overtime kinds and a yes/no for time off as choices', () => {
    const facts = extractFacts('上个月加班40小时，月薪6000', { today });
    const kind = missingFact('overtime_pay', facts)!;
    expect(kind.fact).toBe('overtimeKind');
    expect(kind.choices!.map((c) => c.value)).toEqual(['workday', 'rest_day', 'holiday']);
    const { result, asked } = converse('overtime_pay', '上个月加班40小时，月薪6000', ['rest_day', 'no']);
    expect(asked).toEqual(['overtimeKind', 'restDayTimeOff']);
    // 40 × 6000 ÷ 21.75 ÷ 8 × 2 = 2758.62
    expect(figures(result)).toMatchObject({ restDayPay: 2758.62 });
  });

  it('offers grades 1–10 as buttons and reads 七级 typed', () => {
    const q = missingFact('injury_disability', {})!;
    expect(q.fact).toBe('grade');
    expect(q.choices!.map((c) => c.value)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    const { result } = converse('injury_disability', '工伤了', ['七级', '8000']);
    expect(figures(result)).toMatchObject({ oneOffSubsidy: 104000 }); // 13 × 8000
  });

  it('asks grades 5–6 about suitable work, and asks again on "不知道"', () => {
    const { result, asked } = converse('injury_disability', '伤残六级，工资7000', ['不知道', '没有']);
    expect(asked).toEqual(['suitableWorkArranged', 'retry', 'suitableWorkArranged']);
    expect(figures(result)).toMatchObject({ monthlyAllowance: 4200 }); // 7000 × 60 %
  });

  it('asks whether the birth was difficult (one baby unless more are said)', () => {
    const { result, asked } = converse('maternity_leave', '请问产假，我生了双胞胎', ['是']);
    expect(asked).toEqual(['difficultBirth']);
    expect(figures(result)).toMatchObject({ nationalDays: 128 });
    const miscarriage = converse('maternity_leave', '我流产了', ['四个多月']);
    expect(figures(miscarriage.result)).toMatchObject({ nationalDays: 42 });
  });

  it('reads a contract length as the answer to the contract kind', () => {
    const { result, asked } = converse('probation', '试用期6个月', ['三年']);
    expect(asked).toEqual(['contractKind']);
    expect(figures(result)).toMatchObject({ maxProbationMonths: 6, excessMonths: 0 });
  });

  it('asks for the day of the month when the worker gives only the month', () => {
    const { result, asked } = converse('arbitration_deadline', '公司欠我工资', ['我已经离职了', '2025年1月', '15号']);
    expect(asked).toEqual(['stillEmployed', 'endDate', 'endDate']);
    expect(figures(result)).toMatchObject({ lastDay: '2026-01-15' });
  });

  it('needs no months for double wages once a year has passed', () => {
    const { result, asked } = converse('double_wage_no_contract', '干了一年多一直没签合同', ['月薪4000']);
    expect(asked).toEqual(['monthlyWage']);
    expect(figures(result)).toMatchObject({ extraWage: 44000, deemedOpenEnded: true }); // 11 × 4000
  });

  it('lists the termination reasons as choices and reads a typed reason', () => {
    const q = missingFact('severance_owed', {})!;
    expect(q.choices).toHaveLength(12);
    const { result } = converse('severance_owed', '我被辞退了', ['公司裁员']);
    expect(figures(result)).toEqual({ owed: 'severance', noticePay: false });
  });

  it('turns a daily wage into a monthly one and says so in the working', () => {
    const step = calculateFromFacts('severance', extractFacts('干了2年，日工资200'));
    expect(step.kind).toBe('result');
    if (step.kind !== 'result') return;
    // 200 × 21.75 = 4350; 2 × 4350 = 8700
    expect(step.result.figures).toMatchObject({ amount: 8700 });
    expect(step.result.working[0]!.zh).toBe('日工资200元 × 21.75天 = 月工资4350元');
  });

  it('asks every calculator something when nothing is known', () => {
    for (const calculator of calculatorNames) {
      const q = missingFact(calculator, {});
      expect(q, calculator).toBeDefined();
      expect(q!.question.zh.length).toBeGreaterThan(3);
      expect(q!.question.en.length).toBeGreaterThan(3);
    }
  });
});

describe('reading a reply into the fact', () => {
  const pending = (fact: PendingFact['fact'], facts: Facts = {}, calculator: CalculatorName = 'severance'): PendingFact => ({
    calculator,
    fact,
    facts,
  });

  it.each<[PendingFact, string, Facts]>([
    [pending('serviceYears'), '4年8个月', { serviceYears: 4, serviceMonths: 8 }],
    [pending('serviceYears'), 'two and a half years', { serviceYears: 2, serviceMonths: 6 }],
    [pending('serviceMonths', { serviceYears: 3 }), '8', { serviceYears: 3, serviceMonths: 8 }],
    [pending('serviceMonths', { serviceYears: 3 }), '5个月20天', { serviceYears: 3, serviceMonths: 5, serviceDays: 20 }],
    [pending('serviceMonths', { serviceYears: 3 }), '没有', { serviceYears: 3, serviceMonths: 0, serviceDays: 0 }],
    [pending('monthlyWage'), '五千五', { monthlyWage: 5500 }],
    [pending('monthlyWage'), '1万2', { monthlyWage: 12000 }],
    [pending('monthlyWage'), '一天200', { dailyWage: 200 }],
    [pending('grade', {}, 'injury_disability'), '10', { grade: 10 }],
    [pending('grade', {}, 'injury_disability'), 'grade 1', { grade: 1 }],
    [pending('babies', {}, 'maternity_leave'), '双胞胎', { babies: 2 }],
    [pending('difficultBirth', {}, 'maternity_leave'), '顺产', { difficultBirth: false }],
    [pending('overtime', {}, 'overtime_pay'), '周末两天', { overtime: [{ kind: 'rest_day', days: 2 }] }],
    [pending('overtime', {}, 'overtime_pay'), '40', { overtime: [{ hours: 40 }] }],
    [pending('overtimeKind', { overtime: [{ hours: 40 }] }, 'overtime_pay'), '国庆', { overtime: [{ kind: 'holiday', hours: 40 }] }],
    [pending('contractKind', {}, 'probation'), 'open_ended', { contractKind: 'open_ended' }],
    [pending('totalWorkYears', {}, 'annual_leave_days'), '12年', { totalWorkYears: 12 }],
    [pending('claimKind', {}, 'arbitration_deadline'), '经济补偿', { claimKind: 'other' }],
    [pending('knewDate', {}, 'arbitration_deadline'), '2025年3月10日', { knewDate: '2025-03-10' }],
  ])('%o ← %s', (p, reply, facts) => {
    expect(answerFact(p, reply, { today })).toEqual({ ok: true, facts });
  });

  it.each<[PendingFact, string]>([
    [pending('grade', {}, 'injury_disability'), '11'],
    [pending('monthlyWage'), '五千多'],
    [pending('serviceYears'), '差不多三年'],
    [pending('serviceMonths', { serviceYears: 3 }), '14个月'],
    [pending('difficultBirth', {}, 'maternity_leave'), '不清楚'],
  ])('%o ← %s asks again', (p, reply) => {
    const answer = answerFact(p, reply, { today });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.question.fact).toBe(p.fact);
    expect(answer.question.question.zh).toMatch(/^抱歉，没看明白。/);
  });

  it('rereads a stored pending state, and refuses one that is not', () => {
    const p = pending('grade', { monthlyWage: 5000 }, 'injury_disability');
    expect(parsePendingFact(JSON.stringify(p))).toEqual(p);
    expect(parsePendingFact({ calculator: 'nope', fact: 'grade', facts: {} })).toBeUndefined();
    expect(parsePendingFact('{not json')).toBeUndefined();
  });
});

describe('arguments from facts', () => {
  it('prorates annual leave only for a join date in the year asked about', () => {
    // joined 2025-07-01, asked in 2025: 184 ÷ 365 × 5 = 2.52 → 2; joined in 2019: the full 5 days
    const joinedThisYear = calculateFromFacts('annual_leave_days', { totalWorkYears: 3, startDate: '2025-07-01' }, { today });
    const joinedLongAgo = calculateFromFacts('annual_leave_days', { totalWorkYears: 6, startDate: '2019-07-01' }, { today });
    expect(joinedThisYear.kind === 'result' && joinedThisYear.result.figures.days).toBe(2);
    expect(joinedLongAgo.kind === 'result' && joinedLongAgo.result.figures).toEqual({ annualDays: 5, days: 5, prorated: false });
  });

  it('adds up overtime by kind and passes the daily figure for the 3-hour check', () => {
    expect(
      argsFromFacts('overtime_pay', {
        monthlyWage: 5500,
        overtime: [
          { kind: 'workday', hours: 20 },
          { kind: 'rest_day', days: 2 },
          { kind: 'workday', hours: 6 },
        ],
        dailyOvertimeHours: 4,
        restDayTimeOff: false,
      }),
    ).toEqual({ monthlyWage: 5500, workdayHours: 26, restDayDays: 2, restDayTimeOffGiven: false, longestWorkdayOvertime: 4 });
  });
});
