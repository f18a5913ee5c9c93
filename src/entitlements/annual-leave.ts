/**
 * Paid annual leave: 5, 10 or 15 days by cumulative years of work (职工带薪年休假条例 3), prorated by
 * calendar days for a worker who joins or leaves during the year (实施办法 5, 12), and the pay for days
 * not taken: 300 % of the daily wage, the normal 100 % included, so 200 % on top (条例 5; 办法 10–11).
 *
 * @example
 *   annualLeaveDays({ cumulativeYears: 12 }).figures.days                          // → 10
 *   annualLeaveDays({ cumulativeYears: 3, joinedOn: '2025-07-01' }).figures.days  // → 2
 *   unusedAnnualLeavePay({ monthlyWage: 6525, unusedDays: 5 }).figures.extraPay  // → 3000
 */
import { z } from 'zod';
import { num, percent, roundFen, yuanEn, yuanZh } from './amounts.js';
import { dateOf, daysBetween, isIsoDate, yearOf } from './calendar-dates.js';
import { cite, conversionNotice, PAID_DAYS_PER_MONTH } from './statutes.js';
import { type Entitlement, type Text, text } from './types.js';

const isoDate = z.string().refine(isIsoDate, 'write the date as YYYY-MM-DD');

export const annualLeaveInput = z
  .object({
    cumulativeYears: z.number().min(0).max(60).describe('Cumulative years of work with all employers (累计工作时间)'),
    joinedOn: isoDate.optional().describe('Date the worker joined this employer, when it is in the year asked about'),
    leftOn: isoDate.optional().describe('Last day with this employer, when the job ends in the year asked about'),
    takenDays: z.number().min(0).max(15).optional().describe('Leave days already taken this year (for a leaving worker)'),
    sickLeaveMonths: z
      .number()
      .min(0)
      .max(12)
      .optional()
      .describe("Sick leave taken this year, in months (enough of it forfeits the year's leave)"),
  })
  .strict()
  .refine((i) => !i.joinedOn || !i.leftOn || (yearOf(i.joinedOn) === yearOf(i.leftOn) && i.joinedOn <= i.leftOn), {
    message: 'joinedOn and leftOn must fall in the same year, joinedOn first',
  });
export type AnnualLeaveInput = z.infer<typeof annualLeaveInput>;

export type AnnualLeaveFigures = {
  /** The full year's entitlement: 0, 5, 10 or 15. */
  annualDays: number;
  /** This year's days: annualDays, or prorated and rounded down. */
  days: number;
  prorated: boolean;
};

/** 条例 3: 已满1年不满10年 5天, 已满10年不满20年 10天, 已满20年 15天; under a year, none (条例 2). */
export function annualEntitlement(cumulativeYears: number): number {
  if (cumulativeYears >= 20) return 15;
  if (cumulativeYears >= 10) return 10;
  return cumulativeYears >= 1 ? 5 : 0;
}

function tierStep(years: number, annualDays: number): Text {
  if (annualDays === 0)
    return text(`累计工作${num(years)}年，不满1年 → 没有年休假：0天`, `${num(years)} years of work, under one → no annual leave: 0 days`);
  return text(`累计工作${num(years)}年 → 每年${annualDays}天`, `${num(years)} years of work in all → ${annualDays} days a year`);
}

interface Proration {
  calendarDays: number;
  taken: number;
  days: number;
  step: Text;
}

// Joining: days left in the year from the first day (办法 5); leaving: days passed up to the last day (办法 12).
function prorate(input: AnnualLeaveInput, annualDays: number): Proration {
  const year = yearOf((input.joinedOn ?? input.leftOn)!);
  const from = input.joinedOn ?? dateOf(year, 1, 1)!;
  const to = input.leftOn ?? dateOf(year, 12, 31)!;
  const calendarDays = Math.min(365, daysBetween(from, to) + 1);
  const taken = input.leftOn ? (input.takenDays ?? 0) : 0;
  const exact = (calendarDays / 365) * annualDays - taken;
  const days = Math.max(0, Math.floor(exact + 1e-9));
  const minus = taken ? ` − 已休${num(taken)}天` : '';
  const minusEn = taken ? ` − ${num(taken)} taken` : '';
  const step = text(
    `${input.leftOn ? '当年已过' : '当年剩余'}日历天数${calendarDays}天 ÷ 365 × ${annualDays}天${minus} = ${num(exact)}天 → 不足1整天的部分不计：${days}天`,
    `${calendarDays} calendar days ${input.leftOn ? 'passed' : 'left'} this year ÷ 365 × ${annualDays} days${minusEn} = ${num(exact)} days → part days dropped: ${days}`,
  );
  return { calendarDays, taken, days, step };
}

/**
 * 条例 4 (三)–(五): sick leave of 2, 3 or 4 months or more, by tier, forfeits the year's leave.
 * @example
 *   sickLeaveLimit(10) // → 3 (months, for 10–20 years of work)
 */
export function sickLeaveLimit(annualDays: number): number {
  return annualDays >= 15 ? 4 : annualDays >= 10 ? 3 : 2;
}

function sickLeaveStep(input: AnnualLeaveInput, annualDays: number): Text | undefined {
  const sick = input.sickLeaveMonths;
  if (sick === undefined || annualDays === 0) return undefined;
  const limit = sickLeaveLimit(annualDays);
  // "以上" includes the figure itself: exactly 2 months of sick leave is enough.
  return sick >= limit
    ? text(
        `当年请病假累计${num(sick)}个月，达到${limit}个月 → 不享受当年的年休假：0天`,
        `${num(sick)} months of sick leave this year, ${limit} or more → no annual leave this year: 0 days`,
      )
    : text(
        `当年请病假累计${num(sick)}个月，不到${limit}个月 → 不影响年休假`,
        `${num(sick)} months of sick leave this year, under ${limit} → the leave stands`,
      );
}

/**
 * This year's annual-leave days.
 * @example
 *   annualLeaveDays({ cumulativeYears: 12, leftOn: '2025-06-30', takenDays: 2 }).figures.days // → 2
 *   annualLeaveDays({ cumulativeYears: 5, sickLeaveMonths: 2.5 }).figures.days               // → 0
 */
export function annualLeaveDays(input: AnnualLeaveInput): Entitlement<AnnualLeaveFigures> {
  const annualDays = annualEntitlement(input.cumulativeYears);
  const sick = sickLeaveStep(input, annualDays);
  const forfeited = input.sickLeaveMonths !== undefined && annualDays > 0 && input.sickLeaveMonths >= sickLeaveLimit(annualDays);
  const prorated = !forfeited && annualDays > 0 && Boolean(input.joinedOn || input.leftOn);
  const working = [tierStep(input.cumulativeYears, annualDays), ...(sick ? [sick] : [])];
  const days = prorated ? prorate(input, annualDays) : undefined;
  if (days) working.push(days.step);
  return {
    calculator: 'annual_leave_days',
    figures: { annualDays, days: forfeited ? 0 : (days?.days ?? annualDays), prorated },
    working,
    assumptions: leaveAssumptions(input, prorated),
    basis: [
      ...cite('annualLeaveRegulations', 2, 3, 4),
      ...cite('annualLeaveMeasures', 3, 4, ...(input.joinedOn ? [5] : []), ...(input.leftOn ? [12] : [])),
    ],
    unsetLocalFigures: [],
  };
}

function leaveAssumptions(input: AnnualLeaveInput, prorated: boolean): Text[] {
  const list = [
    text(
      '累计工作时间包括在不同单位的全部工作时间和依法视同工作的期间（如服兵役），可用档案、社保缴费记录证明；享受年休假还要求连续工作满12个月。',
      'Cumulative work counts every employer and periods treated as work (military service …), shown by your file or social-insurance record; leave also needs 12 months of continuous work.',
    ),
    text(
      '法定休假日、休息日不计入年休假；当年寒暑假更长、请事假累计20天以上单位不扣工资、或病假累计较长（2、3或4个月，按工龄）的，不享受当年年休假。',
      "Public holidays and rest days are not leave days; long school holidays, 20+ days of paid personal leave, or long sick leave (2, 3 or 4 months by tier) forfeit the year's leave.",
    ),
  ];
  if (prorated && input.joinedOn) {
    list.push(
      text(
        '新进单位的，“剩余日历天数”从入职当日（或连续工作满12个月之日）算到12月31日。',
        'For a new worker the days left run from the first day (or the day 12 months of continuous work are reached) to 31 December.',
      ),
    );
  }
  const y = input.cumulativeYears;
  if ((y > 9 && y < 10) || (y > 19 && y < 20)) {
    list.push(
      text(
        '当年内工龄跨过10年或20年的，跨过之后的部分可能按更多天数计算。',
        'If you pass 10 or 20 years during this year, the higher number may apply from then.',
      ),
    );
  }
  return list;
}

export const unusedLeavePayInput = z
  .object({
    monthlyWage: z.number().positive().describe('Average monthly wage of the 12 months before payment, overtime pay excluded'),
    unusedDays: z.number().min(0).max(15).describe('Leave days due and not taken'),
    workerDeclinedInWriting: z.boolean().optional().describe('True when the worker declined leave in writing for their own reasons'),
  })
  .strict();
export type UnusedLeavePayInput = z.infer<typeof unusedLeavePayInput>;

export type UnusedLeavePayFigures = {
  dailyWage: number;
  /** The 200 % owed on top of the normal wage already paid. */
  extraPay: number;
  /** 300 % in all, the normal wage included. */
  totalWithNormalPay: number;
};

/**
 * Pay for annual-leave days not taken.
 * @example
 *   unusedAnnualLeavePay({ monthlyWage: 6525, unusedDays: 5 }).figures // → { dailyWage: 300, extraPay: 3000, totalWithNormalPay: 4500 }
 */
export function unusedAnnualLeavePay(input: UnusedLeavePayInput): Entitlement<UnusedLeavePayFigures> {
  const { monthlyWage, unusedDays, workerDeclinedInWriting = false } = input;
  const dailyWage = roundFen(monthlyWage / PAID_DAYS_PER_MONTH);
  const rate = workerDeclinedInWriting ? 0 : 2;
  const extraPay = roundFen(((monthlyWage * unusedDays) / PAID_DAYS_PER_MONTH) * rate);
  const totalWithNormalPay = roundFen(((monthlyWage * unusedDays) / PAID_DAYS_PER_MONTH) * (rate + 1));
  const working = [
    text(
      `日工资 = ${yuanZh(monthlyWage)} ÷ 21.75天 ≈ ${yuanZh(dailyWage)}（${conversionNotice.zh}；实施办法第十一条）`,
      `daily wage = ${yuanEn(monthlyWage)} ÷ 21.75 days ≈ ${yuanEn(dailyWage)} (${conversionNotice.en}; Measures art. 11)`,
    ),
    workerDeclinedInWriting
      ? text(
          '你因本人原因书面提出不休 → 公司只付正常工资，不另付200%',
          'you declined in writing for your own reasons → only the normal wage, no extra 200 %',
        )
      : text(
          `${num(unusedDays)}天 × ${yuanZh(monthlyWage)} ÷ 21.75 × ${percent(rate)} = ${yuanZh(extraPay)}（另付；连同已发的正常工资共300%：${yuanZh(totalWithNormalPay)}）`,
          `${num(unusedDays)} days × ${yuanEn(monthlyWage)} ÷ 21.75 × ${percent(rate)} = ${yuanEn(extraPay)} on top (300 % with the normal wage already paid: ${yuanEn(totalWithNormalPay)})`,
        ),
  ];
  return {
    calculator: 'unused_annual_leave_pay',
    figures: { dailyWage, extraPay, totalWithNormalPay },
    working,
    assumptions: [
      text(
        '月工资是支付前12个月剔除加班工资后的月平均工资；不满12个月的按实际月份平均。',
        'The monthly wage is the average of the 12 months before payment, overtime pay excluded; with fewer months, their average.',
      ),
    ],
    basis: [...cite('annualLeaveRegulations', 5), ...cite('annualLeaveMeasures', 10, 11)],
    unsetLocalFigures: [],
  };
}
