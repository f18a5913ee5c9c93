/**
 * Annual-leave facts in a worker's words: the days not taken (年假还有5天没休), the days already taken
 * (只休了2天年假, 一天年假也没让休, "took 3 days of annual leave", "only got to take 2 of my
 * annual leave days") and the year asked about (2025年能休几天年假, "for 2025").
 *
 * @example
 *   leaveFacts('2025年只休了3天年假，其余的没批')   // → { takenLeaveDays: 3 }
 *   leaveFacts('2026年在这家公司能休几天年假？')    // → { leaveYear: 2026 }
 */
import type { Facts } from './facts.js';
import { parseNumberWord } from './spoken-numbers.js';

const n = '(\\d+(?:\\.\\d+)?|[一二两三四五六七八九十]{1,3})';
const en = '(\\d+|one|two|three|four|five|six|seven|eight|nine|ten)';
const leave = '(?:年假|年休假|带薪年假)';

const unused = [
  new RegExp(`${leave}\\s*(?:还)?(?:有|剩)?\\s*${n}\\s*天\\s*(?:没休|未休|没有休|没有安排|没给休)`),
  new RegExp(`${n}\\s*天\\s*(?:的)?${leave}\\s*(?:没休|未休|没有休|没有安排|没给休)`),
  new RegExp(`(?:没休|未休)(?:的)?${leave}\\s*(?:有|还有)?\\s*${n}\\s*天`),
  /(\d+)\s*days? of (?:unused|untaken) (?:annual )?leave|(\d+)\s*(?:unused|untaken) (?:annual )?leave days?|(\d+)\s*days? of (?:annual |paid )?leave (?:unused|untaken|not taken|left)/i,
  // Had N days and was not let take them: 今年我有5天年假，公司说太忙没让我休.
  new RegExp(
    `(?:有|共|一共|总共|应休)\\s*${n}\\s*天\\s*(?:的)?${leave}[^。；？?]{0,24}?(?:没让我?休|不让我?休|没休|没批|没给我?休|没法休|休不了|没能休|都没休)`,
  ),
  new RegExp(
    `${leave}\\s*(?:有|共|一共|应休)\\s*${n}\\s*天[^。；？?]{0,24}?(?:没让我?休|不让我?休|没休|没批|没给我?休|没法休|休不了|没能休|都没休)`,
  ),
  new RegExp(
    `(?:couldn'?t|could not|didn'?t|did not|never|failed to|unable to) (?:arrange|let me take|give me|approve|schedule)\\s+(?:my\\s+|the\\s+|our\\s+)?${en}\\s+days?`,
    'i',
  ),
  new RegExp(
    `(?<!(?:took|taken|take|used|had|only)\\s+)${en}\\s+days?\\s+(?:of\\s+)?(?:annual\\s+)?leave[^.?]{0,50}?(?:didn'?t let|did not let|not allowed|wasn'?t allowed|never let|couldn'?t take|could not take|refused|no time to take|never took|didn'?t take|did not take|(?:couldn'?t|could not|wouldn'?t|would not|won'?t|can'?t|cannot|didn'?t|did not) let (?:me|us) take)`,
    'i',
  ),
];

const oneDayNotTaken = `${leave}\\s*一天\\s*(?:还)?\\s*没(?:有)?休`;

// Said as none taken: 一天年假都没给我安排, 一天都没让休, 还没休过年假, "haven't taken any leave".
const noneTaken = new RegExp(
  `${oneDayNotTaken}|一天\\s*${leave}?\\s*(?:公司)?\\s*(?:都|也)\\s*(?:还)?\\s*(?:没|没有|未|不)(?:给我|让我?|批)?(?:休|安排)|${leave}\\s*(?:一天|1天)\\s*(?:都|也)\\s*(?:还)?\\s*(?:没|没有|未|不)(?:给我|让我?|批)?(?:休|安排)|(?:没|没有|未)(?:休过|休)${leave}(?!\\s*(?:的)?\\s*(?:工资|报酬|补偿|钱|折算|天数))|` +
    `(?:haven'?t|have not|hasn'?t|didn'?t|did not|never) (?:taken|take|got to take|had) (?:any|a single day of)? ?(?:annual )?leave|(?:never|didn'?t|did not) (?:gave|give|grant(?:ed)?|let) me (?:take )?(?:any )?(?:annual )?leave|without (?:taking|having taken) any (?:annual )?leave|took (?:no|zero|0) (?:days of )?(?:annual )?leave|no (?:annual )?leave (?:was |has been )?taken`,
  'i',
);
// 年假一天没休 (not 年假一天没休的钱): none taken, and no day left to count.
const oneDayNone = new RegExp(`(?:${oneDayNotTaken})(?!\\s*的)`);
const taken = [
  new RegExp(`(?:只|仅|已经?|一共|共)?\\s*休(?:了|过)?\\s*${n}\\s*天\\s*(?:的)?\\s*${leave}`),
  new RegExp(`${leave}\\s*(?:只|仅|已经?)?\\s*休(?:了|过)\\s*${n}\\s*天|已休\\s*${n}\\s*天`),
  new RegExp(`(?:took|taken|take|used|had)\\s+(?:only\\s+)?${en}\\s+(?:days?\\s+)?(?:of\\s+)?(?:my\\s+)?(?:annual[- ]leave|leave)`, 'i'),
];
const year = [
  new RegExp(`(\\d{4})\\s*年[^，。；,;？?\\d]{0,12}?${leave}`),
  /(?:annual leave|leave)[^.?]{0,40}\b(?:for|in) (\d{4})\b|\b(?:for|in) (\d{4})[^.?]{0,40}annual leave/i,
];

function firstNumber(patterns: RegExp[], text: string): number | undefined {
  for (const re of patterns) {
    const raw = re
      .exec(text)
      ?.slice(1)
      .find((x) => x !== undefined);
    const value = raw === undefined ? undefined : parseNumberWord(raw);
    if (value !== undefined) return value;
  }
  return undefined;
}

// 今年15天年假只休了5天 / "10 days of leave last year, but I only got to take 4": the days had less the days taken.
const hadTook = [
  new RegExp(
    `${n}\\s*天\\s*(?:的)?${leave}[^。；？?\\d]{0,10}?(?:\\d{4}\\s*年)?[^。；？?\\d]{0,6}?(?:只|才|仅)?\\s*(?:休|请)(?:了|过)\\s*${n}\\s*天`,
  ),
  new RegExp(
    `${en}\\s+days?\\s+(?:of\\s+)?(?:annual\\s+)?leave[^.?\\d]{0,50}?\\b(?:only|just)?\\s*(?:got to\\s+|was allowed to\\s+|could\\s+)?(?:take|took|taken|use|used)\\s+${en}\\b`,
    'i',
  ),
];

// 5天年假一天都没休: the days had, none taken.
const hadNone = new RegExp(
  `${n}\\s*天\\s*(?:的)?${leave}[^。；？?\\d]{0,6}?(?:\\d{4}\\s*年)?\\s*(?:一天|1天)?\\s*(?:都|也)?\\s*(?:没|没有|未)(?:让我?)?休`,
);

function hadAndTook(text: string): number | undefined {
  // …but 一天年假都还没休 is "not a single day", not one day had.
  const none = hadNone.exec(text);
  const had = none ? parseNumberWord(none[1]!) : undefined;
  if (had !== undefined && had > 1) return had;
  for (const re of hadTook) {
    const m = re.exec(text);
    if (!m) continue;
    const [had, took] = [m[1]!, m[2]!].map(parseNumberWord);
    if (had !== undefined && took !== undefined && had >= took) return had - took;
  }
  return undefined;
}

/**
 * The annual-leave facts a text states.
 * @example
 *   leaveFacts("I haven't taken any annual leave this year") // → { takenLeaveDays: 0 }
 */
export function leaveFacts(text: string): Facts {
  const facts: Facts = {};
  // 年假一天没休 is none taken, not one day left.
  const unusedDays = oneDayNone.test(text) ? undefined : (firstNumber(unused, text) ?? hadAndTook(text));
  if (unusedDays !== undefined) facts.unusedLeaveDays = unusedDays;
  // A number said (休过3天) wins over a phrase that may name the pay (未休年假工资).
  const takenDays = firstNumber(taken, text) ?? (noneTaken.test(text) ? 0 : undefined);
  if (takenDays !== undefined) facts.takenLeaveDays = takenDays;
  const asked = firstNumber(year, text);
  if (asked !== undefined && asked >= 1990 && asked <= 2100) facts.leaveYear = asked;
  return facts;
}
