/**
 * Calendar dates as YYYY-MM-DD strings (no time zone, no clock) and the two ways the statutes count time:
 * a period after an event (民法典 201–202: the day itself is not counted, the period ends on the
 * corresponding day, or the month's last day when there is none) and a length of service (both the first
 * and the last day worked count).
 *
 * @example
 *   addMonths('2024-01-31', 1)                  // → '2024-02-29'
 *   serviceBetween('2021-03-15', '2025-11-14')  // → { years: 4, months: 8, days: 0 }
 */
import type { Duration } from './types.js';

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function parse(date: string): Ymd {
  const m = isoPattern.exec(date);
  if (!m) throw new RangeError(`"${date}" is not a date: write it as YYYY-MM-DD`);
  const ymd = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  if (ymd.m < 1 || ymd.m > 12 || ymd.d < 1 || ymd.d > daysInMonth(ymd.y, ymd.m)) {
    throw new RangeError(`"${date}" is not a day of the calendar`);
  }
  return ymd;
}

function format({ y, m, d }: Ymd): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** True for a real calendar day written YYYY-MM-DD. */
export function isIsoDate(date: string): boolean {
  try {
    parse(date);
    return true;
  } catch {
    return false;
  }
}

/** Builds a date from parts, or undefined when the day does not exist (2月30日). */
export function dateOf(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return format({ y, m, d });
}

export function addDays(date: string, days: number): string {
  const { y, m, d } = parse(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return format({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() });
}

/** The corresponding day n months later; the month's last day when it has no such day (民法典 202). */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = parse(date);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  return format({ y: ny, m: nm, d: Math.min(d, daysInMonth(ny, nm)) });
}

/** Days from a to b (b − a); negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  return (Date.UTC(pb.y, pb.m - 1, pb.d) - Date.UTC(pa.y, pa.m - 1, pa.d)) / 86_400_000;
}

export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function yearOf(date: string): number {
  return parse(date).y;
}

/**
 * Service from the first to the last day worked, both counted: 2021-03-15 … 2021-09-14 is exactly six
 * months. Months are counted from the start date each time (not month by month) so month ends do not drift.
 */
export function serviceBetween(start: string, lastDay: string): Duration {
  const end = addDays(lastDay, 1);
  if (compareDates(end, start) <= 0) return { years: 0, months: 0, days: 0 };
  const s = parse(start);
  const e = parse(end);
  // Start one below the calendar-month difference, then step up: at most two steps.
  let total = Math.max(0, (e.y - s.y) * 12 + (e.m - s.m) - 1);
  while (compareDates(addMonths(start, total + 1), end) <= 0) total += 1;
  const days = daysBetween(addMonths(start, total), end);
  return { years: Math.floor(total / 12), months: total % 12, days };
}

/** 2025-05-10 → 2025年5月10日 */
export function dateZh(date: string): string {
  const { y, m, d } = parse(date);
  return `${y}年${m}月${d}日`;
}
