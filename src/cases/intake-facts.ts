/**
 * The intake of a case, the one place facts are picked out of a worker's words: employer names, dates,
 * amounts of money, years worked and how many people are affected, plus the one-line summary queue views
 * show. Simple patterns on purpose — staff read the worker's own words beside them, so a miss costs little,
 * and nothing here decides anything. (The calculators' facts, numbers for a figure, are entitlements/' own.)
 *
 * @example
 *   extractFacts('我在深圳华强电子有限公司干了三年，老板拖欠3个月工资共15000元，2024年3月开始')
 *   // { employers: ['深圳华强电子有限公司'], dates: ['2024年3月'], amounts: ['15000元'], yearsWorked: ['三年'] }
 */
import type { IntakeFacts } from './types.js';

// Characters that never belong inside an employer's name: pronouns and the particles around them
// ("我们公司", "老板说公司…"), so generic mentions are not taken for names.
const notInName = '\\s，,。！？!?、；;：:“”"（）()在是给到被跟和从去对我你他她们这那说的了个家';
const employerZh = new RegExp(
  `([^${notInName}]{2,16}?(?:有限责任公司|股份有限公司|有限公司|分公司|集团|公司|工厂|厂|酒店|饭店|餐厅|超市|医院|学校|工地|项目部))`,
  'g',
);
const employerEn = /\b(?:at|for|from|by)\s+((?:[A-Z][\w&'-]*\s+){0,4}(?:Ltd|Limited|Inc|Co|Company|Corp|Corporation|Factory|Group)\b\.?)/g;

const zhNum = '[0-9一二两三四五六七八九十百千零〇]';
const datePatterns = [
  /\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?/g,
  /\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?/g,
  /(?:去年|今年|前年)(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*[日号])?/g,
  /\d{1,2}\s*月\s*\d{1,2}\s*[日号]/g,
  /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?/g,
  // When something happens or happened, relative to now (what an urgent case turns on).
  /今天|今晚|明天|明早|昨天|昨晚|上个月|上周|这周|下周|\b(?:yesterday|today|tonight|tomorrow|last (?:week|month)|next week)\b/gi,
];
const amountPatterns = [
  /(?:¥|￥|RMB\s?)\s*\d[\d,]*(?:\.\d+)?(?:\s*万)?/g,
  /\d[\d,]*(?:\.\d+)?\s*(?:万|千)?\s*(?:元|块钱|块|人民币|yuan\b|RMB\b)/g,
  /\d+(?:\.\d+)?\s*万(?![年月日])/g,
  new RegExp(`${zhNum}{1,6}\\s*(?:万|千)?\\s*多?\\s*(?:块钱|块|元)`, 'g'),
  new RegExp(`${zhNum}{1,4}万多?(?![年月日])`, 'g'),
  /\b\d[\d,]*(?:\.\d+)?\s*cny\b/gi,
];
// How many people: a collective case is handled differently from one worker's ("三十多个工友", "20 workers").
const peoplePatterns = [
  new RegExp(
    `(?:\\d+|[两二三四五六七八九十百千几][${zhNum.slice(1, -1)}几]*)\\s*多?\\s*(?:号人|个人|个工友|名工人|名工友|个同事|位同事|个员工|名员工)`,
    'g',
  ),
  /\b\d+\s+(?:people|workers|colleagues|employees)\b/gi,
];
const yearsPatterns = [
  new RegExp(`(?:干|做|工作|上班|待|呆)了?\\s*(${zhNum}+|半)\\s*(年多|年半|多年|年)`, 'g'),
  new RegExp(`工龄\\s*(?:是|有)?\\s*(${zhNum}+)\\s*(年多|年半|年)`, 'g'),
  new RegExp(`(${zhNum}+)\\s*(年)工龄`, 'g'),
  /(?:worked|working|been)\b[^.]{0,30}?\b(\d+)\s+(years?)/gi,
];

/** Matches of several patterns, earliest first, without overlaps (a date inside a longer date counts once). */
function matchAll(text: string, patterns: RegExp[], pick: (m: RegExpExecArray) => string = (m) => m[0]): string[] {
  const found: Array<{ start: number; end: number; value: string }> = [];
  for (const pattern of patterns) {
    for (const m of text.matchAll(new RegExp(pattern.source, pattern.flags))) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      found.push({
        start,
        end,
        value: pick(m as RegExpExecArray)
          .replace(/\s+/g, ' ')
          .trim(),
      });
    }
  }
  return [...new Set(found.sort((a, b) => a.start - b.start).map((f) => f.value))];
}

export function extractFacts(...texts: Array<string | null | undefined>): IntakeFacts {
  const text = texts.filter(Boolean).join('\n');
  const facts: IntakeFacts = {};
  const employers = matchAll(text, [employerZh, employerEn], (m) => m[1]!);
  const dates = matchAll(text, datePatterns);
  const amounts = matchAll(text, amountPatterns);
  const yearsWorked = matchAll(text, yearsPatterns, (m) => `${m[1]}${/^\d/.test(m[1]!) && /year/i.test(m[2]!) ? ` ${m[2]}` : m[2]}`);
  if (employers.length) facts.employers = employers.slice(0, 5);
  if (dates.length) facts.dates = dates.slice(0, 8);
  if (amounts.length) facts.amounts = amounts.slice(0, 8);
  if (yearsWorked.length) facts.yearsWorked = yearsWorked.slice(0, 3);
  const people = matchAll(text, peoplePatterns);
  if (people.length) facts.people = people.slice(0, 3);
  return facts;
}

/** The one-line summary of a case for queue views: the worker's words, flattened and shortened. */
export function intakeSummary(text: string, maxChars = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > maxChars ? `${flat.slice(0, maxChars - 1)}…` : flat;
}
