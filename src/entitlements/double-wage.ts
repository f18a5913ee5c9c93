/**
 * Double wages for working without a written contract (劳动合同法 82; 实施条例 6–7): the employer has the
 * first month to sign; from the day after that month it owes twice the wage until the contract is signed,
 * for at most eleven months (months 2–12); on the first anniversary an open-ended contract is deemed
 * concluded (劳动合同法 14). The figure is the extra wage, on top of the wage already paid.
 *
 * @example
 *   doubleWageNoContract({ service: { years: 0, months: 8 }, monthlyWage: 5000 }).figures.extraWage // → 35000
 */
import { z } from 'zod';
import { num, plural, roundFen, yuanEn, yuanZh } from './amounts.js';
import { durationSchema, durationText, totalMonths } from './service-length.js';
import { cite } from './statutes.js';
import { type Entitlement, type Text, text } from './types.js';

export const doubleWageInput = z
  .object({
    service: durationSchema.describe(
      'Time from the first day of work without a written contract until it was signed, the job ended, or today',
    ),
    monthlyWage: z.number().positive().describe('The normal monthly wage in that time'),
  })
  .strict();
export type DoubleWageInput = z.infer<typeof doubleWageInput>;

export type DoubleWageFigures = {
  /** Months of double wages, days as a fraction of 30 (at most 11). */
  doubleWageMonths: number;
  /** The extra wage owed: one more month's wage for each such month. */
  extraWage: number;
  /** A full year without a contract: an open-ended contract is deemed concluded. */
  deemedOpenEnded: boolean;
};

// A part month is prorated over 30 days; arbitration commissions differ (some count working days).
const DAYS_PER_PART_MONTH = 30;

function periodSteps(input: DoubleWageInput, deemed: boolean, whole: number, days: number): Text[] {
  const without = durationText(input.service);
  if (deemed) {
    return [
      text(
        `没有书面合同${without.zh}，已满一年 → 二倍工资从满一个月的次日算到满一年的前一日，最多11个月（第2至第12个月）`,
        `${without.en} without a written contract, a full year → double wages run from the day after the first month to the day before the first anniversary: at most 11 months (months 2–12)`,
      ),
    ];
  }
  const rest = days
    ? { zh: `${whole}个月又${days}天`, en: `${plural(whole, 'month')} and ${plural(days, 'day')}` }
    : { zh: `${whole}个月`, en: plural(whole, 'month') };
  return [
    text(
      `没有书面合同${without.zh} → 第一个月是订立合同的期限，不计 → 从满一个月的次日起：${rest.zh}`,
      `${without.en} without a written contract → the first month is the time allowed to sign and does not count → from the day after it: ${rest.en}`,
    ),
  ];
}

/**
 * Double wages owed for the months without a written contract.
 * @example
 *   doubleWageNoContract({ service: { years: 1, months: 2 }, monthlyWage: 4000 }).figures
 *   // → { doubleWageMonths: 11, extraWage: 44000, deemedOpenEnded: true }
 */
export function doubleWageNoContract(input: DoubleWageInput): Entitlement<DoubleWageFigures> {
  const { monthlyWage, service } = input;
  const deemed = totalMonths(service) >= 12;
  const afterFirst = Math.max(0, totalMonths(service) - 1);
  const whole = deemed ? 11 : afterFirst;
  const days = deemed || totalMonths(service) < 1 ? 0 : (service.days ?? 0);
  const doubleWageMonths = roundFen(whole + days / DAYS_PER_PART_MONTH);
  const extraWage = roundFen(monthlyWage * whole + (monthlyWage * days) / DAYS_PER_PART_MONTH);
  const months = whole
    ? { zh: `${whole}个月 × ${yuanZh(monthlyWage)} + `, en: `${whole} months × ${yuanEn(monthlyWage)} + ` }
    : { zh: '', en: '' };
  const amount = days
    ? text(
        `${months.zh}${days}天 × ${yuanZh(monthlyWage)} ÷ 30 = ${yuanZh(extraWage)}`,
        `${months.en}${days} days × ${yuanEn(monthlyWage)} ÷ 30 = ${yuanEn(extraWage)}`,
      )
    : text(
        `${whole}个月 × ${yuanZh(monthlyWage)} = ${yuanZh(extraWage)}（另一倍工资）`,
        `${whole} months × ${yuanEn(monthlyWage)} = ${yuanEn(extraWage)} (the second wage)`,
      );
  const working = [...periodSteps(input, deemed, whole, days), amount];
  if (deemed) {
    working.push(
      text(
        '满一年的当日起视为已订立无固定期限劳动合同，公司应立即补订书面合同',
        'from the first anniversary an open-ended contract is deemed concluded, and the employer must put it in writing at once',
      ),
    );
  }
  return {
    calculator: 'double_wage_no_contract',
    figures: { doubleWageMonths, extraWage, deemedOpenEnded: deemed },
    working,
    assumptions: assumptions(days, doubleWageMonths),
    basis: [
      ...cite('labourContract', 10, 82, ...(deemed ? [14] : [])),
      ...cite('labourContractRegulations', 6, 7),
      ...cite('disputeArbitration', 27),
    ],
    unsetLocalFigures: [],
  };
}

function assumptions(days: number, months: number): Text[] {
  const list = [
    text(
      '假设没有签合同不是因为你自己拒绝：公司书面通知你签而你不签的，没有二倍工资。',
      'This assumes you did not refuse to sign: if the employer asked you in writing and you refused, no double wages are owed.',
    ),
    text(
      '月工资按你这段时间的正常月工资计算；加班费、奖金是否计入，各地裁审口径不一。',
      'The wage is your normal monthly wage in that time; whether overtime pay and bonuses count differs between localities.',
    ),
    text(
      '二倍工资的仲裁时效（一年）怎么起算各地不一，越早申请越稳妥。',
      'How the one-year limitation runs for double wages differs between localities: apply as early as you can.',
    ),
  ];
  if (days) {
    list.unshift(
      text(
        `不满一个月的${days}天按每月30天折算（共${num(months)}个月）；有的地方按工作日计算。`,
        `The ${days} days of a part month are prorated over 30 days (${num(months)} months in all); some localities count working days.`,
      ),
    );
  }
  return list;
}
