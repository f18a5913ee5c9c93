/**
 * Dates in a worker's words and what they mark: 2021年3月入职 (start), 今年5月被辞退 (end), 从…干到… ,
 * 3月15号才知道 (knew), "fired on 3 May 2025". Relative dates (今年, 去年, 上个月, 昨天) need today's date;
 * without it they are skipped, never guessed. A date with no day is kept as YYYY-MM.
 *
 * @example
 *   findDates('2021年3月入职，今年5月被辞退', '2025-06-10')
 *   // → [{ date: '2021-03', role: 'start', … }, { date: '2025-05', role: 'end', … }]
 */
import { addDays, addMonths, compareDates, dateOf } from './calendar-dates.js';
import { type DateRole, dateRole } from './date-roles.js';
import { parseSpokenNumber } from './spoken-numbers.js';

export type { DateRole };

export interface DateMention {
  /** YYYY-MM-DD, or YYYY-MM when no day was said. */
  date: string;
  role?: DateRole;
  index: number;
  length: number;
}

const MM = '(?:\\d{1,2}|[一二三四五六七八九十]{1,3})';
const DD = '(?:\\d{1,2}|[一二三四五六七八九十]{1,3})';
const months = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';
const roleAhead =
  '(?=\\s*(?:份)?\\s*(?:的时候|时)?\\s*(?:我)?\\s*(?:就|才|被)?\\s*(?:公司|老板|单位)?\\s*(?:入职|进厂|进公司|来|上班|开始|到岗|报到|辞退|开除|离职|辞职|解除|终止|炒|裁|解雇|劝退|不干|知道|发现|得知))';

const zhYear = '[〇零一二三四五六七八九]{4}';

const patterns: RegExp[] = [
  // 23年3.1号, 2023年7.1, 8.1号: month and day with a point (a year before it, or 号 after it, so never 3.5万).
  /(?<y>\d{4})\s*年\s*(?<m>\d{1,2})\.(?<d>\d{1,2})(?![\d.])\s*(?:号|日)?/g,
  /(?<![\d了干做满近])(?<yy>\d{2})\s*年\s*(?<m>\d{1,2})\.(?<d>\d{1,2})(?![\d.])\s*(?:号|日)?/g,
  /(?<![\d.年])(?<m>\d{1,2})\.(?<d>\d{1,2})\s*[号日]/g,
  new RegExp(`(?<zy>${zhYear})\\s*年\\s*(?<m>${MM})\\s*月(?:份)?(?:\\s*(?<d>${DD})\\s*[日号])?`, 'g'),
  new RegExp(`(?<y>\\d{4})\\s*年\\s*(?<m>${MM})\\s*月(?:份)?(?:\\s*(?<d>${DD})\\s*[日号])?`, 'g'),
  /(?<y>\d{4})[./-](?<m>\d{1,2})(?:[./-](?<d>\d{1,2}))?(?!\d|\.\d)/g,
  // 3/5/2023 in English text: month first (the US order), unless the first cannot be a month.
  /(?<![\d/])(?<md1>\d{1,2})\/(?<md2>\d{1,2})\/(?<y>\d{4})(?![\d/])/g,
  // 23年10月8号: a two-digit year (never after 干了 / 工作, where 23年 is a length).
  new RegExp(`(?<![\\d了干做满近])(?<yy>\\d{2})\\s*年\\s*(?<m>${MM})\\s*月(?!\\s*(?:个|多))(?:份)?(?:\\s*(?<d>${DD})\\s*[日号])?`, 'g'),
  new RegExp(`(?<rel>今年|去年|前年)\\s*(?<m>${MM})\\s*月(?:份)?(?:\\s*(?<d>${DD})\\s*[日号])?`, 'g'),
  new RegExp(`(?<rm>上上个月|上个?月|这个?月|本月)(?:\\s*(?<d>${DD})\\s*[日号])`, 'g'),
  new RegExp(`(?<![\\d年])(?<m>${MM})\\s*月\\s*(?<d>${DD})\\s*[日号]`, 'g'),
  new RegExp(`(?<![\\d年月])(?<m>${MM})\\s*月(?:份)?${roleAhead}`, 'g'),
  /(?<day>今天|昨天|前天)/g,
  // 上周四, "last Thursday": that weekday of the previous calendar week (weeks start on Monday).
  /(?<wk>上上周|上周|上个?星期|上个?礼拜)(?<wd>[一二三四五六日天])/g,
  /\b(?<wk>last|this past)\s+(?<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/gi,
  new RegExp(`\\b(?<mon>${months})[a-z]*\\.?\\s+(?<d>\\d{1,2})(?:st|nd|rd|th)?,?\\s+(?<y>\\d{4})\\b`, 'gi'),
  new RegExp(`\\b(?<d>\\d{1,2})(?:st|nd|rd|th)?\\s+(?<mon>${months})[a-z]*\\.?,?\\s+(?<y>\\d{4})\\b`, 'gi'),
  new RegExp(`\\b(?<mon>${months})[a-z]*\\.?,?\\s+(?<y>\\d{4})\\b`, 'gi'),
  // "2019 March 1": the year first.
  new RegExp(`\\b(?<y>\\d{4})\\s+(?<mon>${months})[a-z]*\\.?\\s+(?<d>\\d{1,2})(?:st|nd|rd|th)?\\b`, 'gi'),
  // "from Jan 2 to Aug 1, 2024", "from 8 January to 7 May 2024": a day whose year the story gives.
  new RegExp(`(?<!\\d{4}\\s)\\b(?<mon>${months})[a-z]*\\.?\\s+(?<d>\\d{1,2})(?:st|nd|rd|th)?\\b(?!,?\\s*\\d)`, 'gi'),
  new RegExp(`\\b(?<d>\\d{1,2})(?:st|nd|rd|th)?\\s+(?<mon>${months})[a-z]*\\b(?!\\.?,?\\s*\\d)`, 'gi'),
];

function small(raw: string | undefined): number | undefined {
  return raw === undefined ? undefined : parseSpokenNumber(raw);
}

const zhDigits = '〇一二三四五六七八九';

function yearFor(g: Record<string, string | undefined>, today: string | undefined): number | undefined {
  if (g.y) return Number(g.y);
  if (g.yy) return 2000 + Number(g.yy);
  // 二〇二四: each character is one digit, so parseSpokenNumber (which reads 二五 as no number) cannot.
  if (g.zy) return Number([...g.zy].map((c) => zhDigits.indexOf(c === '零' ? '〇' : c)).join(''));
  if (!today) return undefined;
  const thisYear = Number(today.slice(0, 4));
  if (g.rel) return thisYear - ['今年', '去年', '前年'].indexOf(g.rel);
  return thisYear;
}

/** The date a match names, or undefined when it names none (2月30日) or needs a today we lack. */
function dateFrom(g: Record<string, string | undefined>, today: string | undefined): string | undefined {
  if (g.day) return today ? addDays(today, -['今天', '昨天', '前天'].indexOf(g.day)) : undefined;
  if (g.wk && g.wd) return today ? weekdayOf(today, g.wk, g.wd) : undefined;
  if (g.rm) {
    if (!today) return undefined;
    const back = g.rm.startsWith('上上') ? 2 : g.rm.startsWith('上') ? 1 : 0;
    const month = addMonths(`${today.slice(0, 7)}-01`, -back);
    return dateOf(Number(month.slice(0, 4)), Number(month.slice(5, 7)), small(g.d) ?? 0);
  }
  if (g.md1 && g.md2) {
    const [a, b] = [Number(g.md1), Number(g.md2)];
    const [m, d] = a > 12 ? [b, a] : [a, b];
    return dateOf(Number(g.y), m, d);
  }
  const year = yearFor(g, today);
  const month = g.mon ? months.split('|').indexOf(g.mon.slice(0, 3).toLowerCase()) + 1 : small(g.m);
  if (year === undefined || month === undefined || month < 1 || month > 12) return undefined;
  if (g.d === undefined) return `${year}-${String(month).padStart(2, '0')}`;
  const date = dateOf(year, month, small(g.d) ?? 0);
  // 3月15号 with no year and later than today means last year's.
  if (date && !g.y && !g.zy && !g.rel && today && compareDates(date, today) > 0) return dateOf(year - 1, month, small(g.d)!);
  return date;
}

const weekdaysZh = '一二三四五六日';
const weekdaysEn = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** 上周四 / "last Thursday" said on `today`: that weekday of the week before (上上周: two weeks before). */
function weekdayOf(today: string, week: string, weekday: string): string {
  const wd = weekday === '天' ? 6 : weekdaysZh.includes(weekday) ? weekdaysZh.indexOf(weekday) : weekdaysEn.indexOf(weekday.toLowerCase());
  const todayWd = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const back = week.startsWith('上上') ? 2 : 1;
  return addDays(today, wd - todayWd - 7 * back);
}

/**
 * Every date mentioned, in order, with its role when the words around it say one. A today the worker
 * states (今天是2024年1月12日, "today is 5 August 2023") dates 去年, 上个月 and year-less days instead of ours.
 */
export function findDates(text: string, today?: string): DateMention[] {
  const first = datesIn(text, today);
  const stated = first.find((m) => m.role === 'now' && m.yearSaid && m.date.length === 10);
  const found = stated && stated.date !== today ? datesIn(text, stated.date) : first;
  return found.map(({ yearSaid: _said, ...mention }) => mention);
}

type Found = DateMention & { bareTo?: boolean; yearSaid: boolean; groups: Record<string, string | undefined> };

function datesIn(text: string, today: string | undefined): Array<DateMention & { yearSaid: boolean }> {
  const found: Found[] = [];
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) {
      const index = m.index;
      const length = m[0].length;
      if (found.some((f) => index < f.index + f.length && index + length > f.index)) continue;
      const groups = m.groups ?? {};
      // A day without a year and no today to date it waits for the story's year (storyYear).
      const date = dateFrom(groups, today) ?? (yearless(groups) ? '' : undefined);
      if (date !== undefined) {
        found.push({
          date,
          ...dateRole(text, index, length),
          index,
          length,
          yearSaid: Boolean(groups.y || groups.zy || groups.yy),
          groups,
        });
      }
    }
  }
  found.sort((a, b) => a.index - b.index);
  // 2023年秋天查出…，公司12月31号就…: a year said alone dates the year-less days after it.
  const bareYears = [
    ...text.matchAll(/(?<!\d)((?:19|20)\d{2})\s*年(?!\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月|\s*[./-]\s*\d)/g),
  ].map((m) => ({
    year: Number(m[1]),
    index: m.index,
  }));
  return found.flatMap(({ bareTo, groups, ...mention }, i) => {
    const afterStart = found.slice(0, i).some((f) => f.role === 'start');
    const lastDated = [...found.slice(0, i)].reverse().find((f) => f.yearSaid)?.index ?? -1;
    const saidAlone = bareYears.filter((y) => y.index > lastDated && y.index < mention.index).pop()?.year;
    const date = storyYear(found.slice(0, i), found.slice(i + 1), groups, saidAlone) ?? mention.date;
    if (!date) return [];
    const dated = { ...mention, date };
    if (!bareTo || afterStart) return [dated];
    const { role: _dropped, ...rest } = dated;
    return [rest];
  });
}

/** A month and day said without any year (5月31号, "Aug 1"). */
function yearless(g: Record<string, string | undefined>): boolean {
  return !(g.y || g.zy || g.yy || g.rel || g.day || g.rm) && (g.m !== undefined || (g.mon !== undefined && g.d !== undefined));
}

/**
 * A day said without a year (5月31号) in a story that named one before it (2024年3月1日入职 … 5月31号通知我):
 * that year, or the next when the day would fall before the start it follows.
 */
function storyYear(earlier: Found[], later: Found[], g: Record<string, string | undefined>, saidAlone?: number): string | undefined {
  if (!yearless(g)) return undefined;
  if (saidAlone) return dateFrom({ ...g, y: String(saidAlone) }, undefined);
  const last = [...earlier].reverse().find((f) => f.yearSaid) ?? later.find((f) => f.yearSaid);
  if (!last) return undefined;
  const year = Number(last.date.slice(0, 4));
  const at = (y: number) => dateFrom({ ...g, y: String(y) }, undefined);
  const date = at(year);
  return date && date < last.date && last.role === 'start' ? at(year + 1) : date;
}

/**
 * A reply to "which day?": a full date, or just the day (15号) filling in a month already known.
 * @example
 *   parseDateReply('15号', { known: '2021-03' }) // → '2021-03-15'
 */
export function parseDateReply(reply: string, { today, known }: { today?: string; known?: string } = {}): string | undefined {
  const mention = findDates(reply, today)[0];
  if (mention) return mention.date;
  const day = /^\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]?\s*$/.exec(reply);
  if (day && known && /^\d{4}-\d{2}$/.test(known)) {
    return dateOf(Number(known.slice(0, 4)), Number(known.slice(5, 7)), parseSpokenNumber(day[1]!) ?? 0);
  }
  return undefined;
}
