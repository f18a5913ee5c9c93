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
import { findOvertime, findWages } from './spoken-amounts.js';
import { findDates } from './spoken-dates.js';
import { enDuration, fromEnMatch, fromZhMatch, zhDuration, type SpokenDuration } from './spoken-durations.js';
import { parseSpokenNumber } from './spoken-numbers.js';
import { situationFacts } from './situation-facts.js';

export interface ExtractOptions {
  /** Today as YYYY-MM-DD: needed for 今年, 去年, 上个月 and for service up to now. */
  today?: string;
}

// Common slips of the pinyin keyboard, so 月新5500 still reads as a wage.
const typos: Array<[RegExp, string]> = [
  [/月新/g, '月薪'], [/加斑/g, '加班'], [/辞推/g, '辞退'], [/工姿|公资/g, '工资'], [/伤惨/g, '伤残'],
  [/产家/g, '产假'], [/合通/g, '合同'], [/年价/g, '年假'], [/salery/gi, 'salary'], [/overtiem/gi, 'overtime'],
];

function normalise(text: string): string {
  let t = text.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
  for (const [re, to] of typos) t = t.replace(re, to);
  return t;
}

/** Hands each match of a global pattern to `take` and blanks it out, keeping the offsets of the rest. */
function consume(text: string, re: RegExp, take: (m: RegExpExecArray) => void): string {
  let out = text;
  for (const m of text.matchAll(re)) {
    take(m as RegExpExecArray);
    out = out.slice(0, m.index) + ' '.repeat(m[0].length) + out.slice(m.index + m[0].length);
  }
  return out;
}

const zhDur = zhDuration.source;
const enDur = enDuration.source;
type Lang = 'zh' | 'en';

function durationIn(m: RegExpExecArray, lang: Lang): SpokenDuration | undefined {
  const g = m.groups ?? {};
  if (g.y === undefined && g.mo === undefined) return undefined;
  return lang === 'en' ? fromEnMatch(g) : fromZhMatch(g);
}

function monthsIn(m: RegExpExecArray, lang: Lang): number | undefined {
  const d = durationIn(m, lang);
  return d ? d.years * 12 + (d.months ?? 0) : undefined;
}

// Each pattern embeds a duration once: Node 20 refuses a named group twice in one pattern.
const contractZh = [
  new RegExp(`(?:${zhDur})\\s*(?:的|期)?\\s*(?:固定期限)?(?:劳动)?合同`, 'g'),
  new RegExp(`合同(?:期限?|期)\\s*(?:是|为|只有)?\\s*(?:${zhDur})`, 'g'),
];
const probationZh = [
  new RegExp(`试用期\\s*(?:是|为|有|约定|定了?|说是)?\\s*(?:${zhDur})`, 'g'),
  new RegExp(`(?:${zhDur})\\s*(?:的)?\\s*试用期`, 'g'),
];
const probationEn = [
  new RegExp(`(?:${enDur})\\s*(?:of\\s+)?probation`, 'gi'),
  new RegExp(`probation(?:\\s+period)?\\s+(?:of|is|was)\\s+(?:${enDur})`, 'gi'),
];
const notServiceZh = [
  new RegExp(`(?:拖欠|欠|扣|没发|未发|少发|产假|病假|年假|医疗期|停工留薪期)\\s*(?:了|我|只有|是|有|才)?\\s*(?:${zhDur})`, 'g'),
  new RegExp(`(?:${zhDur})\\s*(?:的)?\\s*(?:工资|薪水|前|以前|之前|后|以后|之后|内)`, 'g'),
];

/** Contract length, probation, pregnancy, total work years: durations that are not service. */
function takeOtherDurations(text: string, facts: Facts): string {
  const setContract = (months: number | undefined) => {
    if (months) Object.assign(facts, { contractKind: 'fixed', contractMonths: months });
  };
  let t = text;
  for (const re of contractZh) t = consume(t, re, (m) => setContract(monthsIn(m, 'zh')));
  t = consume(t, new RegExp(`(?:${enDur})\\s*(?:-|\\s)?(?:fixed[- ]term\\s+)?contract`, 'gi'), (m) => setContract(monthsIn(m, 'en')));
  for (const re of probationZh) {
    t = consume(t, re, (m) => {
      const d = durationIn(m, 'zh');
      if (d) facts.agreedProbationMonths = d.years * 12 + (d.months ?? 0) + (d.days ? d.days / 30 : 0);
    });
  }
  for (const re of probationEn) {
    t = consume(t, re, (m) => {
      const months = monthsIn(m, 'en');
      if (months !== undefined) facts.agreedProbationMonths = months;
    });
  }
  t = consume(t, new RegExp(`(?:怀孕|孕)\\s*(?:了|到)?\\s*(?:${zhDur})`, 'g'), (m) => {
    const months = monthsIn(m, 'zh');
    if (months !== undefined) facts.pregnancyMonths = months;
  });
  t = consume(t, /(\d{1,2}(?:\.5)?)\s*months?\s+pregnant/gi, (m) => {
    facts.pregnancyMonths = Number(m[1]);
  });
  t = consume(t, new RegExp(`(?:工龄|累计工作|参加工作|总工龄)\\s*(?:已经|已|有|是|了|共|满)*\\s*(?:${zhDur})`, 'g'), (m) => {
    const d = durationIn(m, 'zh');
    if (d) facts.totalWorkYears = d.years + (d.months ?? 0) / 12;
  });
  // Wages owed for N months, N years ago, leave lasting N months: none of them is service.
  for (const re of notServiceZh) t = consume(t, re, () => {});
  return consume(t, new RegExp(`(?:${enDur})\\s+(?:ago|of (?:unpaid )?wages|later)`, 'gi'), () => {});
}

const serviceCue = /(?:干|做|工作|上班|待|呆|打工|入职|来|进厂|在(?:这|该|这家|公司|厂|单位)|总共|一共|累计)(?:了|过|的|已经|有|满|都)?\s*$|(?:worked|working|been|employed|with them|in total|for)(?:\s+(?:here|there|with them|at it))?\s*(?:for|about)?\s*$/i;

/** The length of service: the first duration after a work verb, else one standing alone. */
function takeService(text: string): SpokenDuration | undefined {
  const found: Array<{ d: SpokenDuration | undefined; cue: boolean; alone: boolean; index: number }> = [];
  for (const [re, lang] of [[new RegExp(zhDur, 'g'), 'zh'], [new RegExp(enDur, 'gi'), 'en']] as const) {
    for (const m of text.matchAll(re)) {
      const before = text.slice(Math.max(0, m.index - 12), m.index);
      const after = text.slice(m.index + m[0].length);
      // A bare duration counts only as a clause of its own (a reply such as 4年8个月，月薪5500).
      const alone = /(?:^|[，。；,;.!?！？\n])\s*(?:是|就是|有|共|一共)?\s*$/.test(before) && /^\s*(?:了|吧|啦)?\s*(?:$|[，。；,;.!?！？\n])/.test(after);
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

function takeDates(text: string, today: string | undefined, facts: Facts): string {
  let t = text;
  for (const mention of findDates(text, today)) {
    if (mention.role === 'start') facts.startDate ??= mention.date;
    if (mention.role === 'end') facts.endDate ??= mention.date;
    if (mention.role === 'knew') facts.knewDate ??= mention.date;
    t = t.slice(0, mention.index) + ' '.repeat(mention.length) + t.slice(mention.index + mention.length);
  }
  return t;
}

function takeGrade(text: string): number | undefined {
  const g = '(10|[1-9]|十|[一二三四五六七八九])';
  const zh = new RegExp(`(?:伤残|残疾|工伤)(?:等级)?\\s*(?:是|为|评了?|鉴定为?|定为?|被评为?)?\\s*${g}\\s*级|(?<![\\d])${g}\\s*级(?!\\s*(?:医院|风|台风|地震|工资|工程师|建造师|教师|技师|职称|员工|技工|工|岗|甲等|乙等|考试|证书|以上|台阶|警报|响应))`);
  const en = /\b(?:grade|level)\s*(10|[1-9])\b|\b(10|[1-9])(?:st|nd|rd|th)?[- ](?:grade|level)\b/i;
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
  const overtime = findOvertime(text);
  if (overtime.entries.length) facts.overtime = overtime.entries;
  if (overtime.dailyHours !== undefined) facts.dailyOvertimeHours = overtime.dailyHours;
  const grade = takeGrade(text);
  if (grade !== undefined) facts.grade = grade;
  // 加了两天班 and 加班三个月 are overtime, not service.
  const spoken = takeService(consume(text, /加班[^，。；,;]{0,10}|加了[^，。；,;]{0,10}班/g, () => {}));
  if (spoken) Object.assign(facts, serviceFacts(spoken));
  if (facts.endDate) facts.stillEmployed = false;
  const until = facts.endDate ?? (today && (facts.stillEmployed || facts.noWrittenContract) ? today : undefined);
  if (!spoken && facts.startDate && until) Object.assign(facts, serviceFromDates(facts.startDate, until));
  return facts;
}
