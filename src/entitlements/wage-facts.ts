/**
 * Which of the wages a worker stated each calculator takes, and the working that turns it into the
 * calculator's figure. The statutes measure differently: pay in lieu of notice is last month's wage
 * (实施条例 20); severance the average of the 12 months before the end, bonuses included (劳动合同法 47,
 * 实施条例 27); leave pay that average without overtime pay (年休假实施办法 11); work-injury benefits the
 * average before the injury (工伤保险条例 64). A wage that is not the one the statute names is used only
 * when it is the only one stated, and the assumptions say so.
 *
 * @example
 *   wageFor('notice_pay', { lastMonthWage: 7300, averageWage: 7100 }).wage // → 7300
 *   wageFor('severance', { lastMonthWage: 7300, averageWage: 7100 }).wage  // → 7100
 *   wageFor('severance', { wageParts: [5000, 1500], annualBonus: 18000 }).wage // → 8000
 */
import { roundFen, yuanEn, yuanZh } from './amounts.js';
import type { Facts } from './facts.js';
import { PAID_DAYS_PER_MONTH } from './statutes.js';
import { type CalculatorName, type Text, text } from './types.js';

export interface WageReading {
  wage?: number;
  working: Text[];
  assumptions: Text[];
}

type Source = 'average' | 'monthly' | 'parts' | 'lastMonth' | 'daily';

// The wage each calculator looks for first, then the stand-ins in order.
const preference: Partial<Record<CalculatorName, Source[]>> = {
  severance: ['average', 'monthly', 'parts', 'lastMonth', 'daily'],
  unlawful_termination: ['average', 'monthly', 'parts', 'lastMonth', 'daily'],
  notice_pay: ['lastMonth', 'monthly', 'parts', 'average', 'daily'],
  double_wage_no_contract: ['monthly', 'parts', 'average', 'lastMonth', 'daily'],
  overtime_pay: ['monthly', 'parts', 'average', 'lastMonth', 'daily'],
  unused_annual_leave_pay: ['average', 'monthly', 'parts', 'lastMonth', 'daily'],
  injury_disability: ['average', 'monthly', 'parts', 'lastMonth', 'daily'],
  probation: ['monthly', 'parts'],
};

/**
 * True when the facts hold any wage at all.
 * @example
 *   hasWage({ lastMonthWage: 6500 }) // → true
 */
export function hasWage(f: Facts): boolean {
  return [f.monthlyWage, f.averageWage, f.lastMonthWage, f.dailyWage, f.wageParts?.length].some((v) => v !== undefined && v !== 0);
}

function fromSource(source: Source, f: Facts): number | undefined {
  if (source === 'average') return f.averageWage;
  if (source === 'monthly') return f.monthlyWage;
  if (source === 'lastMonth') return f.lastMonthWage;
  if (source === 'parts') return f.wageParts?.length ? roundFen(f.wageParts.reduce((s, p) => s + p, 0)) : undefined;
  return f.dailyWage === undefined ? undefined : roundFen(f.dailyWage * PAID_DAYS_PER_MONTH);
}

function sourceStep(source: Source, f: Facts, wage: number): Text | undefined {
  if (source === 'daily')
    return text(
      `日工资${yuanZh(f.dailyWage!)} × 21.75天 = 月工资${yuanZh(wage)}`,
      `daily wage ${yuanEn(f.dailyWage!)} × 21.75 days = monthly wage ${yuanEn(wage)}`,
    );
  if (source !== 'parts') return undefined;
  return text(
    `月工资 = ${f.wageParts!.map(yuanZh).join(' + ')} = ${yuanZh(wage)}`,
    `monthly wage = ${f.wageParts!.map(yuanEn).join(' + ')} = ${yuanEn(wage)}`,
  );
}

// A bonus paid in the 12 months counts towards severance's wage (实施条例 27); an average already has it.
function withBonus(calculator: CalculatorName, source: Source, f: Facts, reading: WageReading): WageReading {
  const severanceLike = calculator === 'severance' || calculator === 'unlawful_termination';
  if (!severanceLike || !f.annualBonus || source === 'average' || reading.wage === undefined) return reading;
  const wage = roundFen(reading.wage + f.annualBonus / 12);
  return {
    wage,
    working: [
      ...reading.working,
      text(
        `月平均工资 = ${yuanZh(reading.wage)} + 年终奖${yuanZh(f.annualBonus)} ÷ 12 = ${yuanZh(wage)}`,
        `average monthly wage = ${yuanEn(reading.wage)} + bonus ${yuanEn(f.annualBonus)} ÷ 12 = ${yuanEn(wage)}`,
      ),
    ],
    assumptions: [
      ...reading.assumptions,
      text(
        '年终奖按发放在离职前12个月内计入月工资（实施条例第二十七条：奖金计入）。',
        'The bonus is taken as paid within the last 12 months, so it counts towards the wage (implementing regulations art. 27: bonuses count).',
      ),
    ],
  };
}

// Leave pay is measured without overtime pay (实施办法 11).
function withoutOvertime(calculator: CalculatorName, f: Facts, reading: WageReading): WageReading {
  if (calculator !== 'unused_annual_leave_pay' || !f.wageOvertimePart || reading.wage === undefined) return reading;
  const wage = roundFen(reading.wage - f.wageOvertimePart);
  return {
    ...reading,
    wage,
    working: [
      ...reading.working,
      text(
        `剔除加班工资：${yuanZh(reading.wage)} − ${yuanZh(f.wageOvertimePart)} = ${yuanZh(wage)}`,
        `overtime pay left out: ${yuanEn(reading.wage)} − ${yuanEn(f.wageOvertimePart)} = ${yuanEn(wage)}`,
      ),
    ],
  };
}

const standIn: Partial<Record<CalculatorName, Text>> = {
  notice_pay: text(
    '代通知金按上一个月的工资计算；你没说上个月的工资，以上按你说的工资计算。',
    "Pay in lieu of notice is last month's wage; you did not give it, so the wage you gave is used.",
  ),
  severance: text(
    '经济补偿按离职前12个月的平均工资计算；以上按你说的上个月工资粗算。',
    "Severance uses the 12-month average; last month's wage, the only one given, stands in for it.",
  ),
};

/**
 * The wage `calculator` takes from the facts, with the steps that produced it.
 * @example
 *   wageFor('unused_annual_leave_pay', { averageWage: 9600, wageOvertimePart: 900 }).wage // → 8700
 */
export function wageFor(calculator: CalculatorName, f: Facts): WageReading {
  const order = preference[calculator] ?? [];
  const source = order.find((s) => fromSource(s, f) !== undefined);
  if (!source) return { working: [], assumptions: [] };
  const wage = fromSource(source, f)!;
  const step = sourceStep(source, f, wage);
  const notPreferred = source !== order[0] && (source === 'lastMonth' || (calculator === 'notice_pay' && source === 'average'));
  const note = notPreferred ? standIn[calculator === 'unlawful_termination' ? 'severance' : calculator] : undefined;
  const reading = { wage, working: step ? [step] : [], assumptions: note ? [note] : [] };
  return withoutOvertime(calculator, f, withBonus(calculator, source, f, reading));
}
