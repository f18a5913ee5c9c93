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
import { parseNumberWord } from './spoken-numbers.js';
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

function num(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  return raw === '半' ? 0.5 : parseNumberWord(raw);
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
  new RegExp(`(?:每(?:天|次|日|个)|各)[^，。；,;\\d]{0,10}?(?<n>${count})${hoursUnit}`, 'g'),
  new RegExp(
    `(?<n>\\d+(?:\\.\\d+)?)\\s*(?:extra\\s+|more\\s+|additional\\s+)?(?:hours?|hrs?|h\\b)\\s*(?:of overtime\\s*)?(?:each|a day|per day|every (?:working |work )?day|each (?:working |work )?day|apiece|on each(?: of)?|after (?:my |the |each )?(?:shift|work|working day))|\\bfor\\s+(?<n2>\\d+(?:\\.\\d+)?)${enHours}`,
    'gi',
  ),
];
// One small number only, so 大年初一两天 reads as 两天, not as the non-number 一两.
const dayCount = '(?:\\d+|十[一二三四五六七八九]?|[一二两三四五六七八九]十?[一二三四五六七八九]?)';
const dayCounts = [
  // Not 周末: 三个周末 may be three days or six.
  // Not the 六 of 周六周日.
  new RegExp(
    `(?<![周期拜这那])(?<n>${dayCount})\\s*个?\\s*(?<w>周六|周日|星期[六天日]|礼拜[六天日]|休息日|法定节假日|节假日|工作日|天|次)`,
    'g',
  ),
  // "9 evenings in total": evenings are working days' overtime.
  new RegExp(`\\b(?<n>\\d+|${enCount})\\s+(?<w>evenings?|nights?)\\b`, 'gi'),
  // 周末两天（周六周日）: the two days of one weekend.
  /(?<w>周末|双休日?|休息日)\s*(?<n>两|二|2)\s*天/g,
  new RegExp(
    `\\b(?<n>${enCount})\\s+(?:(?:full|whole|entire)\\s+)?(?:(?:national|spring|new year'?s?|labou?r|may|mid-autumn|dragon boat|qingming)\\s+(?:day|festival)\\s+)?(?<w>saturdays?|sundays?|weekend days?|rest days?|(?:public |statutory )?holidays?|weekdays?|working days?|workdays?|days)\\b`,
    'gi',
  ),
];

/** Days told with their hours, one pair to a sentence: 三个周日…每次8小时 → 3 rest days. */
function daysWithHours(sentence: string, found: FoundOvertime): string {
  const hours = perDay.flatMap((re) => [...sentence.matchAll(re)]);
  const all = dayCounts.flatMap((re) => [...sentence.matchAll(re)]);
  // 周末两天 holds 两天: a count inside a longer one is the same count.
  const days = all.filter((m) => !all.some((o) => o !== m && o.index <= m.index && o.index + o[0].length >= m.index + m[0].length));
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
// `one`: the figure is one day ("worked on 1 May (Labour Day)"); `atWork`: only when the sentence says they worked.
// `pair`: the figure is said once for each of two days (周六周日各加班了一天).
const totals: Array<{ unit: 'hours' | 'days'; re: RegExp; offDayOnly?: boolean; atWork?: boolean; pair?: boolean }> = [
  { unit: 'hours', re: new RegExp(`(?:加班|值班)(?:了)?\\s*(?:一共|总共|共|大概|差不多)?\\s*(?<n>${count})${hoursUnit}`, 'gi') },
  { unit: 'hours', re: new RegExp(`加了\\s*(?<n>${count})${hoursUnit}\\s*(?:的)?\\s*班?`, 'gi') },
  { unit: 'hours', re: new RegExp(`(?:上了|干了|工作了|上班)\\s*(?<n>${count})${hoursUnit}\\s*(?:的)?\\s*班?`, 'gi'), offDayOnly: true },
  { unit: 'days', re: new RegExp(`加了\\s*(?<n>${count})\\s*天\\s*(?:的)?\\s*班|加班\\s*(?<n2>${count})\\s*天`, 'gi') },
  { unit: 'days', re: new RegExp(`(?:上了|干了)\\s*(?<n>${count})\\s*天\\s*(?:的)?\\s*班`, 'gi'), offDayOnly: true },
  // 周六周日各加班了一天: one day on each day of the weekend.
  {
    unit: 'days',
    re: /(?:周六|星期六|礼拜六)[和、\s]?(?:周日|星期[日天]|礼拜[日天])(?:都|各)(?:加班|加|上|干)了?\s*(?<n>一|1)\s*天/g,
    pair: true,
  },
  // 上了一天8小时: one day with its hours.
  { unit: 'hours', re: new RegExp(`(?:上了|干了|加了)\\s*(?:一|1)\\s*天\\s*(?<n>${count})${hoursUnit}`, 'gi'), offDayOnly: true },
  // 上了半天（4小时）, 加了一整天: the hours said in brackets, a whole day as one.
  { unit: 'hours', re: new RegExp(`(?:上了|干了|加了)\\s*半天\\s*(?:班)?\\s*[（(]\\s*(?<n>${count})${hoursUnit}`, 'gi'), offDayOnly: true },
  { unit: 'days', re: /(?:加了|上了|干了)\s*(?<one>一\s*整天|整整一天)(?:的)?\s*(?:班)?/g, offDayOnly: true },
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
  // "and 8 hours on a Sunday": hours with the day they were worked on.
  {
    unit: 'hours',
    re: new RegExp(
      `\\band\\s+(?<n>\\d+(?:\\.\\d+)?)${enHours}\\s+(?:on|during)\\s+(?:a\\s+|the\\s+)?(?:saturdays?|sundays?|weekends?|rest days?|(?:public |statutory )?holidays?)\\b`,
      'gi',
    ),
  },
  // "worked 2 Sundays", "worked on 1 May (Labour Day, statutory holiday)", "on Saturday I worked 8 hours"
  {
    unit: 'days',
    re: new RegExp(
      `\\bworked\\s+(?:on\\s+)?(?:the\\s+)?(?<n>${enCount})\\s+(?:full\\s+)?(?:saturdays?|sundays?|weekend days?|rest days?|(?:public |statutory )?holidays?)\\b`,
      'gi',
    ),
  },
  {
    unit: 'days',
    re: /\bworked\s+on(?<blank>\s{3,})(?=[(（][^)）]{0,40}(?:holiday|festival|national day|labou?r day|may day|new year))|\bworked\s+(?:on\s+)?(?:the\s+)?(?<one>(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{1,2}(?:st|nd|rd|th)?|new year'?s day|national day|labou?r day|may day|a (?:public |statutory )?holiday|a saturday|a sunday)\b)/gi,
    offDayOnly: true,
  },
  {
    unit: 'hours',
    re: new RegExp(
      `\\bon\\s+(?:a\\s+|the\\s+)?(?:saturdays?|sundays?|weekends?|(?:public |statutory )?holidays?|rest days?)\\b[^.;]{0,20}?\\bworked\\s+(?<n>\\d+(?:\\.\\d+)?)${enHours}`,
      'gi',
    ),
  },
  // 这两天都是法定节假日 / 除夕、初一、初二、初三这4天（都是法定节假日）我全上了
  {
    unit: 'days',
    re: new RegExp(
      `(?:这|那)\\s*(?<n>${dayCount})\\s*天[（(\\s]*(?:都|也)?\\s*(?:是)?\\s*(?:法定节假日|法定假日|法定假|节假日|休息日|周末|双休日?)`,
      'g',
    ),
    atWork: true,
  },
  // 正月初四、初五是休息日也上了: the days listed.
  {
    unit: 'days',
    re: /(?<list>(?:[^，。；、\s（）()]{1,6}、)+[^，。；、\s（）()]{1,6})(?:\s*(?:两|二|三|四|五|\d)天)?[（(\s]*(?:都|也)?\s*(?:是|为)\s*(?:法定节假日|节假日|休息日|周末|双休日?)/g,
    atWork: true,
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

// kindWords for matchAll: every mention, not the first.
const kindWordsEverywhere = kindWords.map(([kind, re]) => [kind, new RegExp(re.source, 'gi')] as const);

/** The sentence around `start`, and the part of it before `start`. */
function sentenceAt(text: string, start: number): { sentence: string; before: string } {
  const from = Math.max(...sentenceEnds.map((d) => text.lastIndexOf(d, start))) + 1;
  const ends = sentenceEnds.map((d) => text.indexOf(d, start)).filter((i) => i >= 0);
  return { sentence: text.slice(from, ends.length ? Math.min(...ends) : text.length), before: text.slice(from, start) };
}

// When the sentence names several, the kind named last before the figure (工作日每天晚上都加班，总共加了20个小时，周末都休息了).
function sentenceKind(text: string, start: number): OvertimeKind | undefined {
  const { sentence, before } = sentenceAt(text, start);
  const kinds = kindWords.filter(([, re]) => re.test(sentence)).map(([kind]) => kind);
  if (kinds.length === 1) return kinds[0];
  let last: { kind: OvertimeKind; at: number } | undefined;
  for (const [kind, re] of kindWordsEverywhere) {
    for (const m of before.matchAll(re)) if (!last || m.index > last.at) last = { kind, at: m.index };
  }
  return last?.kind;
}

function addTotals(text: string, found: FoundOvertime): void {
  const taken: Array<[number, number]> = [];
  for (const { unit, re, offDayOnly, atWork, pair } of totals) {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      if (taken.some(([a, b]) => start < b && start + m[0].length > a)) continue;
      const g = m.groups!;
      // A date blanked by the date reader leaves its run of spaces: `blank`.
      const said = g.list ? g.list.split('、').length : g.one || g.blank ? 1 : num(g.n ?? g.n2 ?? g.n3);
      const value = said !== undefined && pair ? said * 2 : said;
      // The kind the figure's own words name ("20 hours of weekday overtime") before its clause's.
      const after = text.slice(start + m[0].length, start + m[0].length + 16);
      const kind =
        overtimeKindIn(m[0]) ??
        (/^\s*(?:on|at|during|in)\b/i.test(after) ? overtimeKindIn(after) : undefined) ??
        overtimeKindIn(clauseAround(text, start, start + m[0].length)) ??
        sentenceKind(text, start);
      if (value === undefined || value <= 0 || (offDayOnly && (kind === undefined || kind === 'workday'))) continue;
      if (atWork && !workedIn(text, start)) continue;
      taken.push([start, start + m[0].length]);
      found.entries.push({ ...(kind ? { kind } : {}), [unit]: value });
    }
  }
}

// The sentence says the days were worked: 我全上了, 都被排了班, 也上了, 加班.
function workedIn(text: string, start: number): boolean {
  return /上了|上班|加班|干了|干活|排了|被排|值班|没休|都来了|都在厂/.test(sentenceAt(text, start).sentence);
}

/**
 * Statutory holidays in a festival break (全国年节及纪念日放假办法 第二条; from 2025 春节 4 days and 劳动节 2,
 * before that 3 and 1); the other days of the break are rest days moved around them.
 */
const festivals: Array<{ re: RegExp; days: (year: number) => number }> = [
  { re: /春节|过年|spring festival|chinese new year|lunar new year/i, days: (y) => (y >= 2025 ? 4 : 3) },
  { re: /国庆|national day|golden week/i, days: () => 3 },
  { re: /五一|劳动节|may day|labou?r day/i, days: (y) => (y >= 2025 ? 2 : 1) },
];
const wholeBreak = new RegExp(
  `(?<fest>春节|过年|国庆|五一|劳动节|spring festival|chinese new year|lunar new year|national day|golden week|may day|labou?r day)[^。；;!?！？]{0,40}?(?<n>${dayCount}|${enCount})\\s*(?:天|days?)`,
  'i',
);
const workedWhole =
  /一天(?:都)?没休|全在|全上|都上了|全部上班|都在上班|没休息|worked the whole|worked all|worked every day|worked through|the whole (?:break|holiday)/i;

/** "2024年国庆7天假我一天没休" → 3 holiday days and 4 rest days; the year from the words, else 2025's rules. */
function festivalBreak(text: string, found: FoundOvertime): void {
  const m = wholeBreak.exec(text);
  if (!m || !workedWhole.test(text)) return;
  const total = num(m.groups!.n);
  // "8 days, 8 hours a day" read as eight holiday days is the whole break, to be split; other holidays stand.
  const wholeAsHoliday = found.entries.length === 1 && found.entries[0]!.kind === 'holiday' && found.entries[0]!.days === total;
  if (found.entries.some((e) => e.kind === 'holiday') && !wholeAsHoliday) return;
  const festival = festivals.find((f) => f.re.test(m.groups!.fest!));
  if (!total || !festival) return;
  const year = Number(/\b(20\d{2})\b|(20\d{2})年/.exec(text)?.slice(1).find(Boolean) ?? 2025);
  const holiday = Math.min(total, festival.days(year));
  found.entries = [{ kind: 'holiday', days: holiday }, ...(total > holiday ? [{ kind: 'rest_day' as const, days: total - holiday }] : [])];
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
  festivalBreak(text, found);
  return found;
}
