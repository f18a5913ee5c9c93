/**
 * Wages and overtime in a worker's words: 月薪5500, 工资五千五, 一个月4k, 1万2, 日工资200, 200一天,
 * 上个月加班40小时, 周末加了两天班, "I earn 6,000 a month", "30 hours of overtime". A figure with 多 or 来
 * (五千多) is not exact and is left for the bot to ask.
 *
 * @example
 *   findWages('月薪1万2，一天加班3小时') // → { monthlyWage: 12000 }
 *   findOvertime('周末加了两天班')      // → { entries: [{ kind: 'rest_day', days: 2 }] }
 */
import type { OvertimeKind } from './facts.js';
import { parseSpokenNumber } from './spoken-numbers.js';

const arabic = '\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?';
const chinese = '[零〇一二两俩三四五六七八九十百千万]+';
/** A money figure: 5500, 5,500, 5.5k, 1万2, 3千5, 五千五, 一万二. */
export const amount = `(?:(?:${arabic})(?:\\s*[万千kKwW](?:\\s*(?:\\d+|[一二两三四五六七八九]))?)?|${chinese})`;
const notMoney = '(?!\\s*(?:个|小时|钟头|天|年|月|号|日|次|倍|%|级|胞胎|周|星期|h\\b|hours?|hrs?|days?|years?|months?|weeks?))';
const lead = '\\s*(?:是|有|为|才|大概|大约|约|税前|税后|到手|能拿|拿|只有|就|差不多|：|:|\\s)*\\s*(?:人民币|rmb|¥|￥)?\\s*';
const yuan = '\\s*(?:元|块钱|块|rmb|yuan|kuai)?';

const monthlyCue = '月薪|月工资|月收入|月入|每个?月工资|每个?月|一个月|一月|底薪|基本工资|工资|薪水|薪资|薪酬';
const dailyCue = '日工资|日薪|天薪|每天|一天|每日|一日';
const wagePatterns: Array<{ period: 'month' | 'day'; re: RegExp }> = [
  { period: 'day', re: new RegExp(`(?:${dailyCue})${lead}(?<n>${amount})(?<more>多|来)?${yuan}${notMoney}`, 'gi') },
  { period: 'day', re: new RegExp(`(?<n>${amount})(?<more>多|来)?${yuan}\\s*(?:一天|每天|/天|/日|一日|a day|per day|/day)`, 'gi') },
  { period: 'month', re: new RegExp(`(?<n>${amount})(?<more>多|来)?${yuan}\\s*(?:一个月|每个?月|/月|一月|a month|per month|/month)`, 'gi') },
  { period: 'month', re: new RegExp(`(?:${monthlyCue})${lead}(?<n>${amount})(?<more>多|来)?${yuan}${notMoney}`, 'gi') },
  { period: 'day', re: new RegExp(`daily\\s+(?:wage|pay|salary)\\D{0,12}?(?<n>${amount})`, 'gi') },
  { period: 'month', re: new RegExp(`(?:salary|wages?|pay|earn(?:ing)?s?|make|paid)\\D{0,20}?(?<n>${amount})${yuan}\\s*(?<per>a day|per day|/day|daily)?${notMoney}`, 'gi') },
];

export interface Wages {
  monthlyWage?: number;
  dailyWage?: number;
}

/** The first exact monthly and daily wage stated. */
export function findWages(text: string): Wages {
  const wages: Wages = {};
  const taken: Array<[number, number]> = [];
  for (const { period, re } of wagePatterns) {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      if (taken.some(([a, b]) => start < b && start + m[0].length > a)) continue;
      taken.push([start, start + m[0].length]);
      const value = parseSpokenNumber(m.groups!.n!);
      const daily = period === 'day' || Boolean(m.groups!.per);
      if (value === undefined || m.groups!.more || value < (daily ? 10 : 100)) continue;
      if (daily) wages.dailyWage ??= value;
      else wages.monthlyWage ??= value;
    }
  }
  return wages;
}

const count = '(?:\\d+(?:\\.\\d+)?|[零〇一二两俩三四五六七八九十百]+|半)';
const hoursUnit = '\\s*个?\\s*(?:多\\s*)?(?:小时|钟头|h\\b)';
const kindWords: Array<[OvertimeKind, RegExp]> = [
  ['holiday', /国庆|春节|过年|元旦|五一|劳动节|中秋|端午|清明|法定(?:节)?假日?|节假日|节日|public holiday|national day|spring festival|new year|statutory holiday/i],
  ['rest_day', /周末|周六|周日|星期六|星期天|星期日|礼拜六|礼拜天|休息日|双休|休息天|weekend|saturday|sunday|rest day/i],
  ['workday', /平时|工作日|下班后|晚上|延时|延长|weekday|working day|after work|evening/i],
];

export interface OvertimeEntry {
  kind?: OvertimeKind;
  hours?: number;
  days?: number;
}

function kindNear(text: string, index: number, end: number): OvertimeKind | undefined {
  // The clause the figure sits in: back to the last comma or full stop, on to the next one.
  const before = text.slice(0, index).split(/[，。；,;.!?！？\n]/).pop() ?? '';
  const after = text.slice(end, end + 12).split(/[，。；,;.!?！？\n]/)[0] ?? '';
  return overtimeKindIn(before + text.slice(index, end) + after);
}

/** The kind of overtime words name: 国庆 → holiday, 周末 → rest_day, 下班后 → workday. */
export function overtimeKindIn(text: string): OvertimeKind | undefined {
  return kindWords.find(([, re]) => re.test(text))?.[0];
}

function num(raw: string): number | undefined {
  return raw === '半' ? 0.5 : parseSpokenNumber(raw);
}

const overtimePatterns: Array<{ unit: 'hours' | 'days'; re: RegExp }> = [
  { unit: 'hours', re: new RegExp(`加班(?:了)?\\s*(?:一共|总共|共|大概|差不多)?\\s*(?<n>${count})${hoursUnit}`, 'gi') },
  { unit: 'hours', re: new RegExp(`加了\\s*(?<n>${count})${hoursUnit}\\s*(?:的)?\\s*班`, 'gi') },
  { unit: 'days', re: new RegExp(`加了\\s*(?<n>${count})\\s*天\\s*(?:的)?\\s*班|加班\\s*(?<n2>${count})\\s*天`, 'gi') },
  { unit: 'hours', re: new RegExp(`(?<n>\\d+(?:\\.\\d+)?)\\s*(?:hours?|hrs?|h)\\s+(?:of\\s+)?overtime|overtime\\D{0,12}?(?<n2>\\d+(?:\\.\\d+)?)\\s*(?:hours?|hrs?|h)\\b`, 'gi') },
  { unit: 'days', re: new RegExp(`(?<n>\\d+|one|two|three|four|five)\\s+(?:weekend|rest|public holiday|holiday)\\s+days?|worked\\s+(?<n2>\\d+)\\s+days?\\s+(?:of\\s+overtime\\s+)?(?:on|at|during)\\s+(?:the\\s+)?(?:weekends?|holidays?)`, 'gi') },
];

const englishCounts: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };

/** Overtime stated as totals, and the most in one working day (每天加班3小时). */
export function findOvertime(text: string): { entries: OvertimeEntry[]; dailyHours?: number } {
  let dailyHours: number | undefined;
  const perDay = new RegExp(`(?:每天|一天|每日)\\s*(?:都|要|得)?\\s*加班\\s*(?<n>${count})${hoursUnit}`, 'g');
  const masked = text.replace(perDay, (whole, ...rest) => {
    dailyHours ??= num((rest.at(-1) as { n: string }).n);
    return ' '.repeat(whole.length);
  });
  const entries: OvertimeEntry[] = [];
  const taken: Array<[number, number]> = [];
  for (const { unit, re } of overtimePatterns) {
    for (const m of masked.matchAll(re)) {
      const start = m.index;
      if (taken.some(([a, b]) => start < b && start + m[0].length > a)) continue;
      taken.push([start, start + m[0].length]);
      const raw = (m.groups!.n ?? m.groups!.n2)!;
      const value = englishCounts[raw.toLowerCase()] ?? num(raw);
      if (value === undefined || value <= 0) continue;
      const kind = kindNear(masked, start, start + m[0].length);
      entries.push({ ...(kind ? { kind } : {}), [unit]: value });
    }
  }
  return dailyHours === undefined ? { entries } : { entries, dailyHours };
}
