/**
 * Overtime in a worker's words: totals (上个月加班40小时, 周六周日一共加了10小时, "12 hours of weekday
 * overtime"), whole days (周末加了两天班), days told with their hours (三个周日都来加班，每次8小时;
 * 20个工作日每天下班后都加班3小时; "three Saturdays (8 hours each)"), the kind of day each was, and rest days
 * given back as time off for only some of them ("for one of them … a day off in lieu").
 *
 * @example
 *   findOvertime('周末加了两天班')                        // → { entries: [{ kind: 'rest_day', days: 2 }] }
 *   findOvertime('三个周日都来加班，每次8小时')            // → { entries: [{ kind: 'rest_day', days: 3 }] }
 *   findOvertime('20个工作日每天下班后都加班3小时').entries // → [{ kind: 'workday', hours: 60 }]
 */
import type { OvertimeKind } from './facts.js';
import { parseSpokenNumber } from './spoken-numbers.js';
import { HOURS_PER_DAY } from './statutes.js';

const count = '(?:\\d+(?:\\.\\d+)?|[零〇一二两俩三四五六七八九十百]+|半)';
const enCount = '(?:\\d+|one|two|three|four|five|six|seven|eight|nine|ten)';
const hoursUnit = '\\s*个?\\s*(?:多\\s*)?(?:小时|钟头|h\\b)';
const enHours = '\\s*(?:hours?|hrs?|h\\b)';

const kindWords: Array<[OvertimeKind, RegExp]> = [
  [
    'holiday',
    /国庆|春节|过年|除夕|初一|初二|初三|元旦|五一|劳动节|中秋|端午|清明|法定(?:节)?假日?|节假日|节日|public holiday|statutory holiday|national day|spring festival|new year|labou?r day|may day|mid-autumn|dragon boat|qingming/i,
  ],
  ['rest_day', /周末|周六|周日|星期六|星期天|星期日|礼拜六|礼拜天|休息日|双休|休息天|weekends?|saturdays?|sundays?|rest days?/i],
  ['workday', /平时|工作日|下班后|晚上|延时|延长|weekdays?|working days?|workdays?|after work|after hours|evenings?/i],
];

export interface OvertimeEntry {
  kind?: OvertimeKind;
  hours?: number;
  days?: number;
}

export interface FoundOvertime {
  entries: OvertimeEntry[];
  /** The most overtime in one working day (每天加班3小时), for the daily limit. */
  dailyHours?: number;
  /** Rest days given back as time off when only some were ("for one of them …"). */
  timeOffDays?: number;
}

/**
 * The kind of overtime words name: 国庆 → holiday, 周末 → rest_day, 下班后 → workday.
 * @example
 *   overtimeKindIn('worked 8 hours on 1 October (National Day)') // → 'holiday'
 */
export function overtimeKindIn(text: string): OvertimeKind | undefined {
  return kindWords.find(([, re]) => re.test(text))?.[0];
}

const englishCounts: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

function num(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  return raw === '半' ? 0.5 : (englishCounts[raw.toLowerCase()] ?? parseSpokenNumber(raw));
}

const blank = (s: string) => ' '.repeat(s.length);

// The clause a figure sits in, with a parenthesis that follows it (…1 October (National Day, a holiday)).
function clauseAround(text: string, start: number, end: number): string {
  const before =
    text
      .slice(0, start)
      .split(/[，。；,;.!?！？\n、]/)
      .pop() ?? '';
  const rest = text.slice(end, end + 40);
  const open = rest.search(/[（(]/);
  const stop = rest.search(/[，。；,;.!?！？\n、]/);
  const close = open >= 0 && (stop < 0 || open < stop) ? rest.search(/[）)]/) : -1;
  return before + text.slice(start, end) + rest.slice(0, close >= 0 ? close : stop >= 0 ? stop : rest.length);
}

const perDay = [
  new RegExp(`每(?:天|次|日)[^，。；,;\\d]{0,10}?(?<n>${count})${hoursUnit}`, 'g'),
  new RegExp(
    `(?<n>\\d+(?:\\.\\d+)?)${enHours}\\s*(?:each|a day|per day|every day|each day|apiece|on each(?: of)?)|\\bfor\\s+(?<n2>\\d+(?:\\.\\d+)?)${enHours}`,
    'gi',
  ),
];
// One small number only, so 大年初一两天 reads as 两天, not as the non-number 一两.
const dayCount = '(?:\\d+|十[一二三四五六七八九]?|[一二两三四五六七八九]十?[一二三四五六七八九]?)';
const dayCounts = [
  // Not 周末: 三个周末 may be three days or six.
  new RegExp(`(?<n>${dayCount})\\s*个?\\s*(?<w>周六|周日|星期[六天日]|礼拜[六天日]|休息日|法定节假日|节假日|工作日|天|次)`, 'g'),
  new RegExp(
    `\\b(?<n>${enCount})\\s+(?:(?:national|spring|new year'?s?|labou?r|may|mid-autumn|dragon boat|qingming)\\s+(?:day|festival)\\s+)?(?<w>saturdays?|sundays?|weekend days?|rest days?|(?:public |statutory )?holidays?|weekdays?|working days?|workdays?)\\b`,
    'gi',
  ),
];

/** Days told with their hours, one pair to a sentence: 三个周日…每次8小时 → 3 rest days. */
function daysWithHours(sentence: string, found: FoundOvertime): string {
  const hours = perDay.flatMap((re) => [...sentence.matchAll(re)]);
  const days = dayCounts.flatMap((re) => [...sentence.matchAll(re)]);
  if (hours.length !== 1 || days.length !== 1) return sentence;
  const [h, d] = [num(hours[0]!.groups!.n ?? hours[0]!.groups!.n2)!, num(days[0]!.groups!.n)!];
  if (!(h > 0 && d > 0)) return sentence;
  const kind = overtimeKindIn(days[0]!.groups!.w!) ?? overtimeKindIn(sentence);
  if (kind === 'workday') found.dailyHours ??= h;
  // A whole day of 8 hours reads as days, so the working shows 2天 × 8小时.
  const entry = h === HOURS_PER_DAY && kind !== 'workday' ? { days: d } : { hours: d * h };
  found.entries.push({ ...(kind ? { kind } : {}), ...entry });
  let out = sentence;
  for (const m of [hours[0]!, days[0]!]) out = out.slice(0, m.index) + blank(m[0]) + out.slice(m.index + m[0].length);
  return out;
}

// 上了8小时班 / 干了8小时 is overtime only on a rest day or holiday: on a working day it is the day's work.
const totals: Array<{ unit: 'hours' | 'days'; re: RegExp; offDayOnly?: boolean }> = [
  { unit: 'hours', re: new RegExp(`(?:加班|值班)(?:了)?\\s*(?:一共|总共|共|大概|差不多)?\\s*(?<n>${count})${hoursUnit}`, 'gi') },
  { unit: 'hours', re: new RegExp(`加了\\s*(?<n>${count})${hoursUnit}\\s*(?:的)?\\s*班?`, 'gi') },
  { unit: 'hours', re: new RegExp(`(?:上了|干了|工作了|上班)\\s*(?<n>${count})${hoursUnit}\\s*(?:的)?\\s*班?`, 'gi'), offDayOnly: true },
  { unit: 'days', re: new RegExp(`加了\\s*(?<n>${count})\\s*天\\s*(?:的)?\\s*班|加班\\s*(?<n2>${count})\\s*天`, 'gi') },
  { unit: 'days', re: new RegExp(`(?:上了|干了)\\s*(?<n>${count})\\s*天\\s*(?:的)?\\s*班`, 'gi'), offDayOnly: true },
  {
    unit: 'hours',
    re: new RegExp(
      `(?<n>\\d+(?:\\.\\d+)?)${enHours}\\s+(?:of\\s+)?(?:(?:weekday|weekend|holiday|rest[- ]day)\\s+)?overtime|overtime\\D{0,12}?(?<n2>\\d+(?:\\.\\d+)?)${enHours}|worked\\s+(?<n3>\\d+(?:\\.\\d+)?)${enHours}\\s+on\\b`,
      'gi',
    ),
  },
  {
    unit: 'hours',
    re: new RegExp(`(?<n>\\d+(?:\\.\\d+)?)\\s+overtime hours|worked\\b[^.;,]{0,40}?\\bfor\\s+(?<n2>\\d+(?:\\.\\d+)?)${enHours}`, 'gi'),
  },
  {
    unit: 'days',
    re: new RegExp(
      `(?<n>${enCount})\\s+(?:weekend|rest|public holiday|holiday)\\s+days?|worked\\s+(?<n2>\\d+)\\s+days?\\s+(?:of\\s+overtime\\s+)?(?:on|at|during)\\s+(?:the\\s+)?(?:weekends?|holidays?)`,
      'gi',
    ),
  },
];

// The one kind a sentence names (加了18个小时的班，都是工作日晚上), when the clause itself names none.
const sentenceEnds = ['。', '；', ';', '!', '?', '！', '？', '\n', '. '];

function sentenceKind(text: string, start: number): OvertimeKind | undefined {
  const from = Math.max(...sentenceEnds.map((d) => text.lastIndexOf(d, start)));
  const ends = sentenceEnds.map((d) => text.indexOf(d, start)).filter((i) => i >= 0);
  const sentence = text.slice(from + 1, ends.length ? Math.min(...ends) : text.length);
  const kinds = kindWords.filter(([, re]) => re.test(sentence)).map(([kind]) => kind);
  return kinds.length === 1 ? kinds[0] : undefined;
}

function addTotals(text: string, found: FoundOvertime): void {
  const taken: Array<[number, number]> = [];
  for (const { unit, re, offDayOnly } of totals) {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      if (taken.some(([a, b]) => start < b && start + m[0].length > a)) continue;
      const value = num(m.groups!.n ?? m.groups!.n2 ?? m.groups!.n3);
      const kind = overtimeKindIn(clauseAround(text, start, start + m[0].length)) ?? sentenceKind(text, start);
      if (value === undefined || value <= 0 || (offDayOnly && (kind === undefined || kind === 'workday'))) continue;
      taken.push([start, start + m[0].length]);
      found.entries.push({ ...(kind ? { kind } : {}), [unit]: value });
    }
  }
}

const partTimeOff = [
  /其中\s*(?:有)?\s*(?<n>\d+|[一两二三])\s*天\s*(?:已经?)?\s*(?:安排了?|给了?)?\s*(?:补休|调休)/,
  /\b(?:for\s+)?(?<n>one|two|three|\d+) of them[^.;]{0,60}?\b(?:day|days|time) off/i,
];

/**
 * Overtime stated as totals or days, the most in one working day, and time off given for some days.
 * @example
 *   findOvertime('I worked three Saturdays (8 hours each); for two of them I got a day off in lieu')
 *   // → { entries: [{ kind: 'rest_day', days: 3 }], timeOffDays: 2 }
 */
export function findOvertime(text: string): FoundOvertime {
  const found: FoundOvertime = { entries: [] };
  // 其中一天补休了 counts no day of work of its own: read it, then blank it.
  let t = text;
  for (const re of partTimeOff) {
    const m = re.exec(t);
    if (!m) continue;
    found.timeOffDays ??= num(m.groups!.n);
    t = t.slice(0, m.index) + blank(m[0]) + t.slice(m.index + m[0].length);
  }
  const sentences = t.split(/(?<=[。；;!?！？\n]|\.\s)/);
  const rest = sentences.map((s) => daysWithHours(s, found)).join('');
  const daily = new RegExp(`(?:每天|一天|每日)\\s*(?:都|要|得)?\\s*加班\\s*(?<n>${count})${hoursUnit}`, 'g');
  const masked = rest.replace(daily, (whole, ...args) => {
    found.dailyHours ??= num((args.at(-1) as { n: string }).n);
    return blank(whole);
  });
  addTotals(masked, found);
  return found;
}
