/**
 * Figures a calculator needs that the worker gave only by way of other facts: the time without a written
 * contract when they name the day it was finally signed (实施条例 6: double wages stop the day before), and
 * the annual-leave days not taken when they name their years of work and the days they did take
 * (条例 3; 实施办法 12 for a leaving worker).
 *
 * @example
 *   noContractPeriod({ startDate: '2024-09-10', signedDate: '2025-01-10' }) // → { years: 0, months: 4, days: 0 }
 *   unusedLeave({ totalWorkYears: 13, takenLeaveDays: 3 }, undefined).days    // → 7
 */
import { num } from './amounts.js';
import { annualLeaveDays } from './annual-leave.js';
import { addDays, serviceBetween } from './calendar-dates.js';
import type { Facts } from './facts.js';
import { type Duration, type Text, text } from './types.js';

const exact = (date: string | undefined) => (date && date.length === 10 ? date : undefined);

/**
 * From the first day to the day before the contract was signed; undefined without both days.
 * @example
 *   noContractPeriod({ startDate: '2024-03-15', signedDate: '2024-06-15' }) // → { years: 0, months: 3, days: 0 }
 */
export function noContractPeriod(f: Facts): Duration | undefined {
  const start = exact(f.startDate);
  const signed = exact(f.signedDate);
  if (!start || !signed || signed <= start) return undefined;
  return serviceBetween(start, addDays(signed, -1));
}

/**
 * Join and leave dates that prorate annual leave: only those inside the year asked about.
 * @example
 *   leaveDates({ startDate: '2025-07-01', leaveYear: 2025 }, undefined) // → { joinedOn: '2025-07-01' }
 */
export function leaveDates(f: Facts, today: string | undefined): { joinedOn?: string; leftOn?: string } {
  const left = exact(f.endDate);
  const joined = exact(f.startDate);
  // The year the job ended, else the year the question names, else this year (with no today, the year joined).
  const year = left?.slice(0, 4) ?? (f.leaveYear ? String(f.leaveYear) : (today ?? joined)?.slice(0, 4));
  const joinedThisYear = joined && joined.slice(0, 4) === year ? { joinedOn: joined } : {};
  if (left) return { leftOn: left, ...joinedThisYear };
  return f.endDate || f.stillEmployed === false ? {} : joinedThisYear;
}

export interface UnusedLeave {
  days?: number;
  working: Text[];
}

/**
 * True when the untaken days are stated or follow from the years of work and the days taken.
 * @example
 *   unusedLeaveKnown({ totalWorkYears: 13, takenLeaveDays: 3 }) // → true
 */
export function unusedLeaveKnown(f: Facts): boolean {
  return f.unusedLeaveDays !== undefined || (f.totalWorkYears !== undefined && f.takenLeaveDays !== undefined);
}

/**
 * The untaken days: as stated, or this year's entitlement less the days taken (for a leaving worker, the
 * share of the year worked less the days taken, part days dropped).
 * @example
 *   unusedLeave({ totalWorkYears: 16, takenLeaveDays: 1, endDate: '2025-07-31' }, undefined).days // → 4
 */
export function unusedLeave(f: Facts, today: string | undefined): UnusedLeave {
  if (f.unusedLeaveDays !== undefined) return { days: f.unusedLeaveDays, working: [] };
  if (f.totalWorkYears === undefined || f.takenLeaveDays === undefined) return { working: [] };
  const dates = leaveDates(f, today);
  const taken = f.takenLeaveDays;
  const leave = annualLeaveDays({
    cumulativeYears: f.totalWorkYears,
    ...dates,
    ...(dates.leftOn ? { takenDays: taken } : {}),
    sickLeaveMonths: f.sickLeaveMonths,
  });
  const working = [...leave.working];
  // A leaving worker's proration already takes the days taken off (实施办法 12).
  if (dates.leftOn) return { days: leave.figures.days, working };
  const days = Math.max(0, leave.figures.days - taken);
  if (taken > 0)
    working.push(
      text(
        `未休年休假：${num(leave.figures.days)}天 − 已休${num(taken)}天 = ${num(days)}天`,
        `days not taken: ${num(leave.figures.days)} − ${num(taken)} taken = ${num(days)}`,
      ),
    );
  return { days, working };
}
