/**
 * The calculators' facts from a worker's own words, zh or en: service, wages, dates, overtime, injury
 * grade, births, contract length, how the job ended. Figures that belong to something else (签了三年合同,
 * 试用期6个月, 怀孕3个月, 拖欠3个月工资, 三年前) are taken first, so they are not read as service. Vague
 * words stay vague: 三年多 gives serviceYears 3 and no serviceMonths.
 *
 * @example
 *   extractFacts('2021年3月入职，今年5月被辞退，月薪5500', { today: '2025-06-10' })
 *   // → { startDate: '2021-03', endDate: '2025-05', serviceYears: 4, serviceMonths: 2,
 *   //     serviceApproximate: true, monthlyWage: 5500, stillEmployed: false }
 */
import { serviceBetween } from './calendar-dates.js';
import type { Facts } from './facts.js';
import { consume, durationIn, serviceCue, takeOtherDurations } from './other-durations.js';
import { situationFacts } from './situation-facts.js';
import { amount, findWages, scheduleAverage } from './spoken-amounts.js';
import { findDates } from './spoken-dates.js';
import { enDuration, type SpokenDuration, zhDuration } from './spoken-durations.js';
import { parseSpokenNumber } from './spoken-numbers.js';
import { findOvertime } from './spoken-overtime.js';

export interface ExtractOptions {
  /** Today as YYYY-MM-DD: needed for 今年, 去年, 上个月 and for service up to now. */
  today?: string;
}

// Common slips of the pinyin keyboard, so 月新5500 still reads as a wage.
const typos: Array<[RegExp, string]> = [
  [/月新/g, '月薪'],
  [/加斑/g, '加班'],
  [/辞推/g, '辞退'],
  [/工姿|公资/g, '工资'],
  [/伤惨/g, '伤残'],
  [/产家/g, '产假'],
  [/合通/g, '合同'],
  [/年价/g, '年假'],
  [/补尝/g, '补偿'],
  [/加般/g, '加班'],
  [/辞腿/g, '辞退'],
  [/salery/gi, 'salary'],
  [/overtiem/gi, 'overtime'],
  [/writen/gi, 'written'],
  [/compensaton/gi, 'compensation'],
];

/**
 * Full-width letters and digits made half-width, and common typing slips corrected.
 * @example
 *   normalise('月新５５００，被辞腿了') // → '月薪5500，被辞退了'
 */
export function normalise(text: string): string {
  let t = text.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
  for (const [re, to] of typos) t = t.replace(re, to);
  // 差两个月满四年 is 3年10个月.
  t = t.replace(
    /差\s*(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*个月\s*(?:就)?(?:满|到|够)?\s*(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*年/g,
    (whole, m, y) => {
      const [months, years] = [parseSpokenNumber(m), parseSpokenNumber(y)];
      return months && years && months < 12 ? `${years - 1}年${12 - months}个月` : whole;
    },
  );
  // 今年（2025年）5月31日: the year in brackets is the one meant.
  return t.replace(/(?:今年|去年|前年)\s*[（(]\s*(\d{4})\s*年?\s*[）)]/g, '$1年');
}

const zhDur = zhDuration.source;
const enDur = enDuration.source;

/** The length of service: the first duration after a work verb, else one standing alone. */
function takeService(text: string): SpokenDuration | undefined {
  const found: Array<{ d: SpokenDuration | undefined; cue: boolean; alone: boolean; index: number }> = [];
  for (const [re, lang] of [
    [new RegExp(zhDur, 'g'), 'zh'],
    [new RegExp(enDur, 'gi'), 'en'],
  ] as const) {
    for (const m of text.matchAll(re)) {
      const before = text.slice(Math.max(0, m.index - 24), m.index);
      const after = text.slice(m.index + m[0].length);
      // A bare duration counts only as a clause of its own (a reply such as 4年8个月，月薪5500).
      const alone =
        /(?:^|[，。；,;.!?！？\n])\s*(?:是|就是|有|共|一共)?\s*$/.test(before) &&
        /^\s*(?:了|吧|啦)?\s*(?:$|[，。；,;.!?！？\n])/.test(after);
      found.push({ d: durationIn(m as RegExpExecArray, lang), cue: serviceCue.test(before), alone, index: m.index });
    }
  }
  found.sort((a, b) => a.index - b.index);
  return (found.find((f) => f.cue) ?? found.find((f) => f.alone))?.d;
}

function serviceFacts(d: SpokenDuration): Facts {
  const facts: Facts = { serviceYears: d.years };
  if (d.months !== undefined) facts.serviceMonths = d.months;
  if (d.days !== undefined) facts.serviceDays = d.days;
  return facts;
}

/** Service from a start and an end date; month-only dates give an approximate figure. */
export function serviceFromDates(start: string, end: string): Facts | undefined {
  if (start.length === 10 && end.length === 10) {
    if (end < start) return undefined;
    const s = serviceBetween(start, end);
    return { serviceYears: s.years, serviceMonths: s.months, serviceDays: s.days ?? 0 };
  }
  const months = (Number(end.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + Number(end.slice(5, 7)) - Number(start.slice(5, 7));
  if (months < 0) return undefined;
  return { serviceYears: Math.floor(months / 12), serviceMonths: months % 12, serviceApproximate: true };
}

const roleFacts = {
  start: 'startDate',
  end: 'endDate',
  knew: 'knewDate',
  signed: 'signedDate',
  now: 'asOfDate',
  birth: 'birthDate',
  interrupted: 'interruptedDate',
  firstWork: 'firstWorkDate',
} as const;

// The job has ended, in any words: a story with two dates and one of these spans the job between them.
const jobEnded =
  /离职|辞职|辞退|开除|解除|终止|裁员|裁掉|被裁|走人|滚蛋|不干了|合同到期|解散|倒闭|关门|最后一天|\b(?:fired|dismissed|laid off|let go|resigned|quit|terminated|ended|dissolved|closed down|last day|left (?:the|my) (?:job|company))\b/i;

function takeDates(text: string, today: string | undefined, facts: Facts): string {
  let t = text;
  const unmarked: string[] = [];
  for (const mention of findDates(text, today)) {
    // The limitation restarts at each claim: the latest one counts (仲裁法 27).
    if (mention.role === 'interrupted') facts.interruptedDate = [facts.interruptedDate, mention.date].filter(Boolean).sort().pop();
    else if (mention.role) facts[roleFacts[mention.role]] ??= mention.date;
    else unmarked.push(mention.date);
    t = t.slice(0, mention.index) + ' '.repeat(mention.length) + t.slice(mention.index + mention.length);
  }
  spanTheJob(text, unmarked, facts);
  return t;
}

/**
 * Dates whose words gave no role, in a story of a job that ended ("2016年5月3日入职 … 2024年7月2日办完离职"):
 * the job runs from the earliest to the latest, so a missing first or last day is the earliest or latest
 * of them, and only on the right side of the one that is known.
 * @example
 *   // '2017年9月4号入职的 … 2023年11月20日，老板让我滚蛋' → endDate '2023-11-20'
 */
function spanTheJob(text: string, unmarked: string[], facts: Facts): void {
  if (!unmarked.length || (facts.startDate && facts.endDate) || !jobEnded.test(text)) return;
  const sorted = [...unmarked].sort();
  const excluded = new Set([facts.asOfDate, facts.knewDate, facts.signedDate, facts.firstWorkDate]);
  const candidates = sorted.filter((d) => !excluded.has(d));
  if (facts.startDate) {
    const later = candidates.filter((d) => d > facts.startDate!);
    if (later.length) facts.endDate = later[later.length - 1];
  } else if (facts.endDate) {
    const earlier = candidates.filter((d) => d < facts.endDate!);
    if (earlier.length) facts.startDate = earlier[0];
  } else if (candidates.length >= 2) {
    facts.startDate = candidates[0];
    facts.endDate = candidates[candidates.length - 1];
  }
}

/** 怀孕11周 / "11 weeks pregnant": weeks as months of pregnancy (a month counted as 4⅓ weeks). */
function pregnancyWeeks(text: string): number | undefined {
  const m =
    /怀孕\s*(?:了)?\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:周|个?星期)|(\d{1,2})\s*weeks?\s+(?:pregnant|of pregnancy|into (?:the|my) pregnancy)|pregnant (?:for )?(\d{1,2})\s*weeks?/i.exec(
      text,
    );
  const weeks = m ? parseSpokenNumber(m.slice(1).find((x) => x !== undefined)!) : undefined;
  return weeks === undefined ? undefined : Math.round((weeks / (52 / 12)) * 10) / 10;
}

function takeGrade(text: string): number | undefined {
  const g = '(10|[1-9]|十|[一二三四五六七八九])';
  const zh = new RegExp(
    `(?:伤残|残疾|工伤)(?:等级)?\\s*(?:是|为|评了?|鉴定为?|定为?|被评为?)?\\s*${g}\\s*级|(?<![\\d])${g}\\s*级(?!\\s*(?:医院|风|台风|地震|工资|工程师|建造师|教师|技师|职称|员工|技工|工|岗|甲等|乙等|考试|证书|以上|台阶|警报|响应))`,
  );
  const en = /\b(?:grade|level)[- ]?\s*(10|[1-9])\b|\b(10|[1-9])(?:st|nd|rd|th)?[- ](?:grade|level)\b/i;
  const m = zh.exec(text) ?? en.exec(text);
  const raw = m?.slice(1).find((x) => x !== undefined);
  const grade = raw === undefined ? undefined : parseSpokenNumber(raw);
  return grade !== undefined && grade >= 1 && grade <= 10 ? grade : undefined;
}

/**
 * Every fact the text states. Merge turn after turn with `mergeFacts`.
 * @example
 *   extractFacts('干了三年多，工资五千五') // → { serviceYears: 3, monthlyWage: 5500 }
 */
export function extractFacts(raw: string, { today }: ExtractOptions = {}): Facts {
  const facts: Facts = {};
  const normalised = normalise(raw);
  let text = takeDates(normalised, today, facts);
  text = takeOtherDurations(text, facts);
  Object.assign(facts, findWages(text), situationFacts(normalised));
  const extra = maternityExtra(normalised);
  if (extra !== undefined) facts.statedLocal = { ...facts.statedLocal, maternityExtraDays: extra };
  // Spans with their wages (前8个月1万5，后4个月1万8), read before their months are blanked, are more exact
  // than a figure said near "the last 12 months".
  const scheduled = scheduleAverage(normalised) ?? yearTotalAverage(normalised);
  if (scheduled !== undefined) facts.averageWage = scheduled;
  Object.assign(facts, overtimeFacts(text, facts));
  const weeks = facts.pregnancyMonths === undefined ? pregnancyWeeks(normalised) : undefined;
  if (weeks !== undefined) facts.pregnancyMonths = weeks;
  const grade = takeGrade(text);
  if (grade !== undefined) facts.grade = grade;
  // 加了两天班 and 加班三个月 are overtime, not service.
  const spoken = takeService(consume(text, /加班[^，。；,;]{0,10}|加了[^，。；,;]{0,10}班/g, () => {}));
  if (spoken) Object.assign(facts, serviceFacts(spoken));
  const spokenYears = spoken ? spoken.years + (spoken.months ?? 0) / 12 : 0;
  // The length said is the years of work when it is said over several employers (前前后后在好几家公司干过，加起来
  // 25年), or opens its clause with no employer named anywhere (工作了12年); years elsewhere add to the years here.
  const overAllEmployers =
    (facts.priorWorkYears === undefined && manyEmployers.test(normalised)) ||
    (bareWorkYears.test(normalised) && !namesEmployer.test(normalised));
  if (facts.totalWorkYears === undefined && spoken && overAllEmployers) facts.totalWorkYears = spokenYears;
  if (facts.totalWorkYears === undefined && facts.priorWorkYears !== undefined) facts.totalWorkYears = facts.priorWorkYears + spokenYears;
  if (facts.endDate) facts.stillEmployed = false;
  const now = facts.asOfDate ?? today;
  // 从2012年7月开始上班，中间一直没断过，现在是第三家公司了: a first day unbroken across employers is the first job's.
  const firstWork =
    facts.firstWorkDate ?? (facts.startDate && unbroken.test(normalised) && manyEmployers.test(normalised) ? facts.startDate : undefined);
  if (facts.totalWorkYears === undefined && firstWork) {
    const years = workYearsSince(firstWork, now, facts.leaveYear, facts.endDate);
    if (years !== undefined) facts.totalWorkYears = years;
  }
  const until = facts.endDate ?? (now && (facts.stillEmployed || facts.noWrittenContract || facts.asOfDate) ? now : undefined);
  if (!spoken && facts.startDate && until) Object.assign(facts, serviceFromDates(facts.startDate, until));
  return facts;
}

/**
 * Years of work from the first job (2003年7月参加工作) to the day they are counted on: the end of the year
 * asked about (2024年能休几天), else the last day here or today; months as a fraction, days left out.
 * @example
 *   workYearsSince('2003-07', '2025-01-15', undefined, undefined) // → 21.5
 */
function workYearsSince(
  first: string,
  now: string | undefined,
  leaveYear: number | undefined,
  end: string | undefined,
): number | undefined {
  const yearEnd = leaveYear ? `${leaveYear}-12-31` : undefined;
  const until = [yearEnd, end, now].filter((d): d is string => Boolean(d)).sort()[0];
  const span = until ? serviceFromDates(first, until.length === 7 ? `${until}-01` : until) : undefined;
  return span ? Math.round((span.serviceYears! + (span.serviceMonths ?? 0) / 12) * 100) / 100 : undefined;
}

// 最后一年工资加年终奖一共拿了60000: a year's total, so its month is a twelfth (实施条例 27: bonuses count).
const yearTotal = new RegExp(
  `(?:(?:最后一年|离职前一年|离职前12个月|前12个月|过去一年|这一年|一年)(?:的)?(?:工资|收入|薪水|工钱|底薪)|(?:最后一年|离职前一年|离职前12个月|前12个月|过去一年|过去12个月|最近12个月)(?:的)?(?:底薪)?)(?:(?:加(?:上)?|和|\\+)(?:年终奖|奖金|提成|绩效))?(?:一共|总共|合计|加起来|总额|全年)(?:拿了?|是|有|共|为)?\\s*(${amount})`,
);

function yearTotalAverage(text: string): number | undefined {
  const m = yearTotal.exec(text);
  const total = m ? parseSpokenNumber(m[1]!) : undefined;
  return total !== undefined && total >= 1200 ? Math.round((total / 12) * 100) / 100 : undefined;
}

/**
 * The province's extra maternity days as the worker states them (我们省条例规定再延长60天, "my province adds 80 days").
 * @example
 *   maternityExtra('我们省条例规定在国家产假基础上再延长60天') // → 60
 */
function maternityExtra(text: string): number | undefined {
  if (!/产假|maternity/i.test(text)) return undefined;
  const m =
    /(?:省|市|自治区|地方|当地|我们这|条例|规定)[^。？?]{0,24}?(?:延长|增加|再加|多加|另加|额外|多给|加)\s*(\d+|[一二三四五六七八九十百]+)\s*天/.exec(
      text,
    ) ??
    /\b(?:province|provincial|local|city|regional)\b[^.?]{0,40}?\b(?:adds?|extends?[^.?]{0,30}?\bby|extra|additional|another|gives?)\s+(\d+)\s+(?:more\s+|extra\s+)?days?\b/i.exec(
      text,
    );
  const days = m ? parseSpokenNumber(m[1]!) : undefined;
  return days !== undefined && days > 0 && days <= 365 ? days : undefined;
}

const bareWorkYears = /(?:^|[，。,；;！!？?\s])(?:我|俺)?(?:已经|都)?(?:参加)?工作(?:了)?\s*(?:\d|[一二两三四五六七八九十])/;
const namesEmployer = /(?:在|这家|这个|本|现在的?)(?:公司|单位|厂|店|企业)|进(?:公司|厂)|入职/;

const unbroken = /(?:一直|中间|从来)(?:都)?没(?:有)?断|没断过|不间断|continuous(?:ly)?|without a (?:break|gap)|no gap/i;

const manyEmployers =
  /第[二三四五六2-6]家|好几家|几家(?:公司|单位|厂)|多家(?:公司|单位)|换过(?:几|两|三|好几)?(?:次|家)(?:单位|公司|工作)?|不同(?:的)?(?:公司|单位)|several (?:companies|employers|jobs)|different (?:companies|employers|jobs)|changed jobs|across (?:all )?(?:my )?(?:jobs|employers)/i;

/** Overtime entries, the daily most, and time off given back for only some of the rest days. */
function overtimeFacts(text: string, facts: Facts): Facts {
  const found = findOvertime(text);
  const out: Facts = {};
  if (found.entries.length) out.overtime = found.entries;
  if (found.dailyHours !== undefined) out.dailyOvertimeHours = found.dailyHours;
  if (found.timeOffDays !== undefined) {
    // "For one of them … a day off": the others were not given back.
    out.restDayTimeOffDays = found.timeOffDays;
    out.restDayTimeOff = false;
  } else if (facts.restDayTimeOff !== undefined) out.restDayTimeOff = facts.restDayTimeOff;
  return out;
}
