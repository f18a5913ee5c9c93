/**
 * The facts a worker's words give the calculators, as one flat plain-JSON object the caller can store
 * between turns. A fact the worker has not stated is absent, never guessed: 三年多 sets serviceYears 3 and
 * leaves serviceMonths out, so the calculator asks for it.
 */
import { z } from 'zod';
import { terminationReasons } from './severance-owed.js';

/** YYYY-MM-DD, or YYYY-MM when the worker named only the month. */
const partialDate = z.string().regex(/^\d{4}-\d{2}(?:-\d{2})?$/);
const count = z.number().min(0);

export const overtimeKinds = ['workday', 'rest_day', 'holiday'] as const;
export type OvertimeKind = (typeof overtimeKinds)[number];

export const factsSchema = z.object({
  /** Full years at this employer (or without a contract, for double wages). */
  serviceYears: count.optional(),
  /** Months beyond the full years; absent when unknown (三年多). */
  serviceMonths: count.optional(),
  /** Days beyond the months, when dates or the worker gave them. */
  serviceDays: count.optional(),
  /** Service worked out from month-only dates (2021年3月 … 今年5月): right to within a month either way. */
  serviceApproximate: z.boolean().optional(),
  /** First day of work. */
  startDate: partialDate.optional(),
  /** Last day of work (dismissal, resignation, end of contract). */
  endDate: partialDate.optional(),
  /** The day the worker knew or should have known of the infringement. */
  knewDate: partialDate.optional(),
  /** The day the worker first started work anywhere (2003年7月参加工作, "my first job in July 2003"): years of work. */
  firstWorkDate: partialDate.optional(),
  /** The day a written contract was finally signed (才和我补签合同): the end of double wages. */
  signedDate: partialDate.optional(),
  /** The latest day the worker claimed, complained to an authority, or the employer agreed to pay (时效中断). */
  interruptedDate: partialDate.optional(),
  /** The day of the birth, or the first day of maternity leave (产假从…开始): the leave's last day follows. */
  birthDate: partialDate.optional(),
  /** "Now" as the worker dates it (到现在（2025年9月）), when the caller gives no today. */
  asOfDate: partialDate.optional(),
  /** The monthly wage as the worker states it (月薪5500), not an average. */
  monthlyWage: count.optional(),
  /** The average monthly wage of the months before the end or the injury (前12个月平均工资). */
  averageWage: count.optional(),
  /** Last month's wage (上个月工资), the measure of pay in lieu of notice. */
  lastMonthWage: count.optional(),
  dailyWage: count.optional(),
  /** Monthly parts stated together (基本工资5000、绩效1500), summed when no wage is stated whole. */
  wageParts: z.array(count).optional(),
  /** A year-end bonus paid in the last 12 months; severance's wage includes it (实施条例 27). */
  annualBonus: count.optional(),
  /** Overtime pay inside the stated wage; leave pay leaves it out (年休假实施办法 11). */
  wageOvertimePart: count.optional(),
  /** Local figures the worker states for this case; they override the settings. */
  statedLocal: z
    .object({
      averageMonthlyWage: count.optional(),
      minimumWage: count.optional(),
      injuryAverageMonthlyWage: count.optional(),
      maternityExtraDays: count.optional(),
    })
    .optional(),
  /** Overtime as the worker told it; `kind` absent when they did not say which days. */
  overtime: z.array(z.object({ kind: z.enum(overtimeKinds).optional(), hours: count.optional(), days: count.optional() })).optional(),
  /** Rest days given back as time off when only some were (for one of them …). */
  restDayTimeOffDays: count.optional(),
  /** Overtime hours in one working day (每天加班3小时), for the daily limit. */
  dailyOvertimeHours: count.optional(),
  restDayTimeOff: z.boolean().optional(),
  grade: z.number().int().min(1).max(10).optional(),
  suitableWorkArranged: z.boolean().optional(),
  /** The question asks for the one-off disability subsidy only, not the monthly allowance. */
  oneOffOnly: z.boolean().optional(),
  birthKind: z.enum(['birth', 'miscarriage']).optional(),
  babies: z.number().int().min(1).optional(),
  difficultBirth: z.boolean().optional(),
  pregnancyMonths: count.optional(),
  contractKind: z.enum(['fixed', 'open_ended', 'task']).optional(),
  /** Length of a fixed-term contract in months. */
  contractMonths: count.optional(),
  agreedProbationMonths: count.optional(),
  noWrittenContract: z.boolean().optional(),
  /** Cumulative years of work with all employers (for annual leave). */
  totalWorkYears: count.optional(),
  /** Years with earlier employers (之前在别的公司干了4年); with the service here they make totalWorkYears. */
  priorWorkYears: count.optional(),
  unusedLeaveDays: count.optional(),
  /** Annual-leave days already taken in the year asked about (0 for 一天都没休). */
  takenLeaveDays: count.optional(),
  /** Sick leave taken this year, in months (条例 4: enough of it forfeits the year's leave). */
  sickLeaveMonths: count.optional(),
  /** The year an annual-leave question is about (2025年能休几天年假). */
  leaveYear: z.number().int().min(1990).max(2100).optional(),
  terminationReason: z.enum(terminationReasons).optional(),
  claimKind: z.enum(['wage_arrears', 'other']).optional(),
  stillEmployed: z.boolean().optional(),
});
export type Facts = z.infer<typeof factsSchema>;
export type FactName = keyof Facts;

const serviceFacts = ['serviceYears', 'serviceMonths', 'serviceDays', 'serviceApproximate'] as const;

/**
 * Facts from a later message over earlier ones. A new length of service replaces the old one whole, so
 * 三年多 after 4年8个月 does not keep the 8 months.
 * @example
 *   mergeFacts({ serviceYears: 4, serviceMonths: 8 }, { serviceYears: 3 }) // → { serviceYears: 3 }
 */
export function mergeFacts(earlier: Facts, later: Facts): Facts {
  const base: Facts = { ...earlier };
  if (serviceFacts.some((k) => later[k] !== undefined)) for (const k of serviceFacts) delete base[k];
  const merged = { ...base, ...later };
  // Local figures stated in different messages add up: 最低工资2300 first, the average later.
  if (earlier.statedLocal && later.statedLocal) merged.statedLocal = { ...earlier.statedLocal, ...later.statedLocal };
  return merged;
}
