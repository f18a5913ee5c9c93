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
  monthlyWage: count.optional(),
  dailyWage: count.optional(),
  /** Overtime as the worker told it; `kind` absent when they did not say which days. */
  overtime: z.array(z.object({ kind: z.enum(overtimeKinds).optional(), hours: count.optional(), days: count.optional() })).optional(),
  /** Overtime hours in one working day (每天加班3小时), for the daily limit. */
  dailyOvertimeHours: count.optional(),
  restDayTimeOff: z.boolean().optional(),
  grade: z.number().int().min(1).max(10).optional(),
  suitableWorkArranged: z.boolean().optional(),
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
  unusedLeaveDays: count.optional(),
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
  return { ...base, ...later };
}
