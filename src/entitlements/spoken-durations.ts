/**
 * Lengths of time as workers say them: 4年8个月, 两年半, 三年多, 快三年, 8个多月, 5个月29天, "7 years and
 * 3 months", "over 3 years". What is vague stays vague: 三年多 is 3 years and unknown months; 快三年 is
 * 2 years and unknown months; 三年左右 could be either side and reads as nothing.
 *
 * @example
 *   parseDuration('4年8个月') // → { years: 4, months: 8 }
 *   parseDuration('三年多')   // → { years: 3 }
 *   parseDuration('两年半')   // → { years: 2, months: 6 }
 */
import { parseNumberWord } from './spoken-numbers.js';

/** Months absent: unknown. Days absent: not said. */
export interface SpokenDuration {
  years: number;
  months?: number;
  days?: number;
}

const D = '(?<!\\d)(?:\\d{1,2}|[零〇一二两俩三四五六七八九十]{1,3})';
const E = '\\d{1,2}(?:\\.5)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|an?';
const under = '快|将近|接近|近|不到|不满|差不多|大概|大约|约';

/** Finds durations in Chinese text; groups: q, y, yq, m, mq, d, mo, moq, mo2, md, tail. */
export const zhDuration = new RegExp(
  `(?:(?<q>${under})\\s*)?(?:(?<y>${D}|半)\\s*年\\s*(?<yq>多|半)?(?:\\s*(?:零|又)?\\s*(?<m>${D}|半)\\s*个?\\s*(?<mq>多)?\\s*月)?(?:\\s*(?:零|又)?\\s*(?<d>${D})\\s*天)?` +
    `|(?<mo>${D}|半)\\s*个\\s*(?<moq>多|半)?\\s*月\\s*(?<mo2>半)?(?:\\s*(?:零|又)?\\s*(?<md>${D})\\s*天)?)(?<tail>左右|上下)?`,
  'g',
);

/** Finds durations in English text; groups: q, y, half, half2, ym, mo. */
export const enDuration = new RegExp(
  `(?:\\b(?<q>over|more than|almost|nearly|about|around|approximately|roughly|under|less than)\\s+)?\\b(?:(?<y>${E})(?<plus>\\+)?(?<half>\\s+and\\s+a\\s+half)?[\\s-]*(?:years?|yrs?)\\b(?<half2>\\s+and\\s+a\\s+half)?(?:,?\\s*(?:and\\s+)?(?<ym>${E})[\\s-]*(?:months?|mos?|mths?)\\b)?` +
    `|(?<mo>${E})[\\s-]*(?:months?|mos?|mths?)\\b)`,
  'gi',
);

function value(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (raw === '半') return 0.5;
  return parseNumberWord(raw);
}

/** Whole years and months from a total in months (18 → 1 year 6 months). */
function normalise(years: number, months: number | undefined, days?: number): SpokenDuration {
  const total = years * 12 + (months ?? 0);
  const d: SpokenDuration = { years: Math.floor(total / 12) };
  if (months !== undefined || Number.isInteger(years) === false) d.months = Math.round(total % 12);
  if (days !== undefined) d.days = days;
  return d;
}

type Qualifier = 'exact' | 'more' | 'under' | 'vague';

function qualifier(q: string | undefined, more: boolean, tail: string | undefined): Qualifier {
  if (tail || /差不多|大概|大约|约|about|around|approximately|roughly/i.test(q ?? '')) return 'vague';
  if (/快|将近|接近|近|不到|不满|almost|nearly|under|less than/i.test(q ?? '')) return 'under';
  return more || /over|more than/i.test(q ?? '') ? 'more' : 'exact';
}

/** Applies 多 / 快 to a duration counted in one unit: years, or months when no years were said. */
function qualify(base: SpokenDuration, unit: 'years' | 'months', how: Qualifier): SpokenDuration | undefined {
  if (how === 'vague') return undefined;
  if (how === 'exact') return base;
  if (unit === 'years') {
    const years = how === 'under' ? Math.max(0, base.years - 1) : base.years;
    return { years };
  }
  const months = base.years * 12 + (base.months ?? 0) - (how === 'under' ? 1 : 0);
  return normalise(0, Math.max(0, months));
}

export function fromZhMatch(g: Record<string, string | undefined>): SpokenDuration | undefined {
  if (g.y !== undefined) {
    const years = value(g.y);
    if (years === undefined) return undefined;
    let days = value(g.d);
    let months: number | undefined = g.yq === '多' ? undefined : 0;
    if (g.yq === '半') months = 6;
    else if (g.m !== undefined) months = value(g.m);
    if (months === 0.5) [months, days] = [0, 15]; // 一年半个月
    const base = normalise(years, months, days);
    const onYears = g.m === undefined && g.d === undefined;
    return qualify(base, onYears ? 'years' : 'months', qualifier(g.q, g.yq === '多' || g.mq === '多', g.tail));
  }
  const months = value(g.mo);
  if (months === undefined) return undefined;
  // 半个月 and 三个半月: the half month is 15 days
  const half = g.mo2 || g.moq === '半';
  const base = months === 0.5 ? { years: 0, months: 0, days: 15 } : normalise(0, months, half ? 15 : value(g.md));
  return qualify(base, 'months', qualifier(g.q, g.moq === '多', g.tail));
}

export function fromEnMatch(g: Record<string, string | undefined>): SpokenDuration | undefined {
  const how = qualifier(g.q, Boolean(g.plus), undefined);
  if (g.y !== undefined) {
    const years = (value(g.y) ?? NaN) + (g.half || g.half2 ? 0.5 : 0); // three and a half years, a year and a half
    if (Number.isNaN(years)) return undefined;
    const months = g.ym !== undefined ? value(g.ym) : Number.isInteger(years) ? 0 : undefined;
    return qualify(normalise(years, months), g.ym === undefined ? 'years' : 'months', how);
  }
  const months = value(g.mo);
  return months === undefined ? undefined : qualify(normalise(0, months), 'months', how);
}

/** The one duration a short reply or phrase states, or undefined. */
export function parseDuration(text: string): SpokenDuration | undefined {
  for (const m of text.matchAll(new RegExp(zhDuration.source, 'g'))) if (m[0].trim()) return fromZhMatch(m.groups ?? {});
  for (const m of text.matchAll(new RegExp(enDuration.source, 'gi'))) if (m[0].trim()) return fromEnMatch(m.groups ?? {});
  return undefined;
}
