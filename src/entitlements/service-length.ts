/**
 * Lengths of service as the worker says them (4年8个月) and as 劳动合同法 47 counts them for severance:
 * each full year is one month's wage, a remainder of six months or more counts as a year, a shorter one
 * as half a month.
 *
 * @example
 *   severanceMonths({ years: 4, months: 8 })          // → 5
 *   severanceMonths({ years: 4, months: 5, days: 29 }) // → 4.5
 */
import { z } from 'zod';
import { num, plural } from './amounts.js';
import type { Duration, Text } from './types.js';

export const durationSchema = z
  .object({
    years: z.number().int().min(0).max(60).describe('Full years'),
    months: z.number().int().min(0).max(11).describe('Months beyond the full years (0–11)'),
    days: z.number().int().min(0).max(30).optional().describe('Days beyond the full months, when known'),
  })
  .strict();

export function totalMonths({ years, months }: Duration): number {
  return years * 12 + months;
}

/** Months of wages owed as severance N, before any cap. */
export function severanceMonths(service: Duration): number {
  const { years, months, days = 0 } = service;
  if (months >= 6) return years + 1;
  return months > 0 || days > 0 ? years + 0.5 : years;
}

/** 4年8个月 / 4 years 8 months; zero parts are left out, an empty service reads 0个月. */
export function durationText({ years, months, days = 0 }: Duration): Text {
  const zh = `${years ? `${years}年` : ''}${months ? `${months}个月` : ''}${days ? `${days}天` : ''}`;
  const en = [years && plural(years, 'year'), months && plural(months, 'month'), days && plural(days, 'day')].filter(Boolean).join(' ');
  return { zh: zh || '0个月', en: en || '0 months' };
}

/** How the remainder was counted, for the working: 按5年计 / 按4年半计. */
export function countedText(service: Duration, counted: number): Text {
  const { months, days = 0 } = service;
  if (months >= 6)
    return {
      zh: `按${counted}年计（六个月以上按一年计）`,
      en: `counted as ${plural(counted, 'year')} (six months or more count as a year)`,
    };
  if (months > 0 || days > 0) {
    return {
      zh: `按${num(counted)}个月工资计（不满六个月的部分付半个月）`,
      en: `counted as ${num(counted)} months' wages (under six months pays half a month)`,
    };
  }
  return { zh: `按${counted}年计`, en: `counted as ${plural(counted, 'year')}` };
}
