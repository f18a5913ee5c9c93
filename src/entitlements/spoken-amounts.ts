/**
 * Money in a worker's words, and what each figure is: 月薪5500, 工资每个月都是六千八, 一个月4k, 日工资200,
 * "paid 6,300 a month", "my average over 12 months is 8,100", 上个月工资7300, 每月基本工资5000、绩效1500,
 * 年终奖20000, 其中900是加班费 — and the local figures a question states (当地最低工资标准是2350, "our
 * city's average monthly wage last year was 10,800"), which are never the worker's wage.
 * Each figure is read by the words of its own clause; when that clause names nothing (", is 8,700"), by
 * the clauses before it in the same sentence. A figure with 多 or 来 (五千多) is not exact and is left out.
 *
 * @example
 *   findWages('上个月工资7300，前12个月平均7100') // → { lastMonthWage: 7300, averageWage: 7100 }
 *   findWages('月薪3.8万，当地社平工资9200元') // → { monthlyWage: 38000, statedLocal: { averageMonthlyWage: 9200 } }
 */

import { parseNumberWord, parseSpokenNumber } from './spoken-numbers.js';
import type { LocalFigures } from './types.js';

const arabic = '\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?';
const chinese = '[零〇一二两俩三四五六七八九十百千万]+';
/** A money figure: 5500, 5,500, 5.5k, 1万2, 3千5, 五千五, 一万二. */
export const amount = `(?:(?:${arabic})(?:\\s*[万千kKwW](?:\\s*(?:\\d+|[一二两三四五六七八九]))?)?|${chinese})`;
const notMoney =
  '(?!\\s*(?:个|小时|钟头|天|年|月|号|日|次|倍|%|级|胞胎|周|星期|h\\b|hours?\\b|hrs?\\b|yrs?\\b|days?\\b|years?\\b|months?\\b|weeks?\\b|-(?:year|month|day|hour)|st\\b|nd\\b|rd\\b|th\\b))';
const figure = new RegExp(`(?<![\\d.,a-z])(?<n>${amount})(?!\\d)(?<more>\\s*(?:多|来)(?!了))?${notMoney}`, 'gi');

type Role =
  | 'skip'
  | 'injuryAverage'
  | 'localAverage'
  | 'minimum'
  | 'overtimePart'
  | 'bonus'
  | 'lastMonth'
  | 'part'
  | 'average'
  | 'daily'
  | 'monthly';

// Tried in order on the words before a figure; the first that matches says what the figure is.
const roles: Array<[Role, RegExp]> = [
  [
    'skip',
    /每小时|时薪|小时工资|per hour|an hour|hourly|补偿|赔偿|罚款|扣了|押金|报销|借|欠|compensation|severance|damages|deposit|settlement|owe|试用期(?:工资|期间)(?!.*(?:转正|全额|一样|同样))/i,
  ],
  ['injuryAverage', /统筹地区|pooling/i],
  // Before the local average: 我们市最低工资标准是2900 names the city too.
  ['minimum', /最低工资|minimum (?:monthly |hourly )?wage|minimum (?:salary|pay)\b/i],
  [
    'localAverage',
    /上一?年度|社平|社会平均工资|职工(?:月)?平均工资|(?:本|我们|全)市|市政府|当地[^，,]{0,6}平均|(?:city|local|municipal|region(?:al)?|area|government|province)\S*\s[^.;]{0,40}average|published average|average[^.;]{0,40}(?:of|for|in) (?:the|our|this|my) (?:city|region|area|province)|\b(?!my\b|our\b|his\b|her\b)\w+'s average (?:monthly )?(?:wage|salary)|average (?:monthly )?wage (?:for|of) last year|last year'?s average/i,
  ],
  ['overtimePart', /其中[^，,]{0,10}加班|of which[^.;]{0,20}overtime|overtime pay (?:of|is|was|:)/i],
  ['bonus', /年终奖|年底奖金|年底双薪|十三薪|year-end bonus|annual bonus/i],
  ['lastMonth', /上一?个?月|最后一个?月|last month|previous month|month before|final month/i],
  [
    'part',
    /基本工资|底薪|岗位工资|绩效|提成|奖金|津贴|补贴|全勤|basic (?:wage|pay|salary)|base (?:pay|salary)|performance (?:pay|bonus)|commission|allowance/i,
  ],
  ['average', /平均|月均|average|前\s*(?:12|十二)\s*个月|过去\s*(?:12|十二)\s*个月|(?:last|past) (?:12|twelve) months|12-month/i],
  ['daily', /(?:日工资|日薪|天薪|每天|一天|每日|一日|per day|a day)\s*(?:是|有|为|大概|约|:|：)?\s*$|daily (?:wage|pay|salary|rate)/i],
  ['monthly', /工资|月薪|薪水|薪资|薪酬|收入|月入|工钱|挣|到手|每个?月|一个月|salary|wages?\b|\bpay\b|paid|earn|income/i],
];
const dailyAfter = /^\s*(?:元|块钱|块|yuan|rmb)?\s*(?:\/天|\/日|一天|每天|一日|a day|per day|\/day)/i;
const monthlyAfter = /^\s*(?:元|块钱|块|yuan|rmb)?\s*(?:\/月|一个月|每个?月|一月|a month|per month|\/month|monthly)/i;
const overtimeAfter = /^\s*(?:元|块钱|块)?\s*(?:是|为)\s*加班(?:费|工资)/;

export interface Wages {
  /** The first monthly wage stated that is not an average (月薪5500, "paid 6,300 a month"). */
  monthlyWage?: number;
  /** The average of the months before the end or the injury (前12个月平均工资5500). */
  averageWage?: number;
  dailyWage?: number;
  lastMonthWage?: number;
  /** Monthly parts stated together (基本工资5000、绩效1500). */
  wageParts?: number[];
  annualBonus?: number;
  /** The overtime pay inside the average (其中1575是加班费). */
  wageOvertimePart?: number;
  statedLocal?: LocalFigures;
}

interface Found {
  role: Role;
  value: number;
  index: number;
  end: number;
}

// A parenthesis without figures (（不含加班费）, （有提成）) is blanked so the words before it still bind.
function blankAsides(text: string): string {
  return text.replace(/[（(][^（）()\d]{0,20}[）)]/g, (m) => ' '.repeat(m.length));
}

/** The clause before a figure; the clauses before that while it names nothing, up to the last figure. */
function headOf(text: string, from: number, index: number): string {
  const sentence =
    text
      .slice(from, index)
      .split(/[。；;!?！？\n]|\.(?=\s|$)/)
      .pop() ?? '';
  const clauses = sentence.split(/[，,、（）()]/);
  let head = clauses.pop() ?? '';
  while (clauses.length && !roles.some(([, re]) => re.test(head))) head = `${clauses.pop()}，${head}`;
  return head;
}

function roleOf(head: string, tail: string): Role | undefined {
  if (overtimeAfter.test(tail)) return 'overtimePart';
  const role = roles.find(([, re]) => re.test(head))?.[0];
  if (dailyAfter.test(tail) && (role === undefined || role === 'monthly')) return 'daily';
  if (role === undefined && monthlyAfter.test(tail)) return 'monthly';
  return role;
}

function figuresIn(raw: string): Found[] {
  const text = blankAsides(raw);
  const found: Found[] = [];
  let from = 0;
  for (const m of text.matchAll(figure)) {
    const value = parseSpokenNumber(m.groups!.n!);
    const end = m.index + m[0].length;
    if (value === undefined || value < 10) continue;
    const role = m.groups!.more ? 'skip' : roleOf(headOf(text, from, m.index), text.slice(end, end + 20));
    from = end;
    if (role && role !== 'skip') found.push({ role, value, index: m.index, end });
  }
  return found;
}

/** Parts count only when two or more are stated together, one list; a lone 底薪3千5 is the wage. */
function partsOf(found: Found[], text: string): number[] {
  const parts = found.filter((f) => f.role === 'part');
  const list = [parts[0]!];
  for (const p of parts.slice(1)) {
    const gap = text.slice(list.at(-1)!.end, p.index);
    if (gap.length > 16 || /[。；;!?！？]/.test(gap)) break;
    list.push(p);
  }
  return list.map((p) => p.value);
}

function localOf(found: Found[]): LocalFigures | undefined {
  const first = (role: Role) => found.find((f) => f.role === role)?.value;
  const local: LocalFigures = {
    averageMonthlyWage: first('localAverage'),
    minimumWage: first('minimum'),
    injuryAverageMonthlyWage: first('injuryAverage'),
  };
  const set = Object.fromEntries(Object.entries(local).filter(([, v]) => v !== undefined)) as LocalFigures;
  return Object.keys(set).length ? set : undefined;
}

const months = '(\\d{1,2}|[一二两三四五六七八九十]{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)';
// 前8个月每月1万5，后4个月1万8 / "first 8 months was 15k, then the last 4 months 18k": one span, its wage.
const notSpan = '(?!\\s*(?:个|months?|个月))';
const wageSpans = [
  new RegExp(
    `(?:前|后|最后|头|first|last|next|then|for|the)\\s*(?:the\\s+)?(?:last\\s+)?${months}\\s*(?:个月|months?)[^\\d一二两三四五六七八九十，。；,;.]{0,24}?(?<wage>${amount})${notSpan}`,
    'gi',
  ),
  // "7,000 per month for the first 6 months and 8,000 for the last 6"
  new RegExp(`(?<wage>${amount})${notSpan}[^\\d.;]{0,16}?\\b(?:for|in) the (?:first|last|next|other|following) ${months}\\b`, 'gi'),
];

/**
 * The average of the last 12 months when the worker gives it as spans with their wages (实施条例 27: the
 * average of the twelve months before the end), or undefined.
 * @example
 *   scheduleAverage('前8个月每月1万5，后4个月涨到1万8') // → 16000
 */
export function scheduleAverage(text: string): number | undefined {
  for (const re of wageSpans) {
    const spans: Array<{ months: number; wage: number }> = [];
    for (const m of text.matchAll(re)) {
      const said = m.slice(1).find((x) => x !== undefined && x !== m.groups!.wage);
      const count = said === undefined ? undefined : parseNumberWord(said);
      const wage = parseSpokenNumber(m.groups!.wage!);
      if (count && wage && wage >= 100) spans.push({ months: count, wage });
    }
    const total = spans.reduce((sum, s) => sum + s.months, 0);
    if (spans.length >= 2 && total <= 12) return Math.round((spans.reduce((sum, s) => sum + s.months * s.wage, 0) / total) * 100) / 100;
  }
  return undefined;
}

/**
 * Every wage figure stated, by what it is, and the local figures stated.
 * @example
 *   findWages('Last month I got 8,400; my average over 12 months is 8,100') // → { lastMonthWage: 8400, averageWage: 8100 }
 */
export function findWages(text: string): Wages {
  const found = figuresIn(text);
  const first = (role: Role, min = 100) => found.find((f) => f.role === role && f.value >= min)?.value;
  const parts = found.some((f) => f.role === 'part') ? partsOf(found, text) : [];
  const wages: Wages = {
    monthlyWage: first('monthly') ?? (parts.length === 1 ? parts[0] : undefined),
    averageWage: first('average'),
    dailyWage: first('daily', 10),
    lastMonthWage: first('lastMonth'),
    wageParts: parts.length > 1 ? parts : undefined,
    annualBonus: first('bonus'),
    wageOvertimePart: first('overtimePart', 1),
    statedLocal: localOf(found),
  };
  return Object.fromEntries(Object.entries(wages).filter(([, v]) => v !== undefined)) as Wages;
}
