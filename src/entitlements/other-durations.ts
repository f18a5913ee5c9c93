/**
 * Lengths of time that are not the length of service, taken out of the text first so the service reader
 * never sees them: the contract's term (签了三年合同, "a 3-year fixed-term contract", 合同期限正好一年),
 * the probation (试用期3个月), the pregnancy (怀孕刚好满4个月, "at five months of pregnancy"), the years of
 * work with all employers (参加工作累计16年, 之前在别的公司干了4年, "9 years in total"), sick leave
 * (请了两个半月病假), and periods that only date something (拖欠3个月工资, 离职前12个月, "the last 12 months").
 *
 * @example
 *   const facts: Facts = {};
 *   takeOtherDurations('签了3年的劳动合同，试用期2个月', facts); // facts → { contractKind: 'fixed', contractMonths: 36, agreedProbationMonths: 2 }
 */
import type { Facts } from './facts.js';
import { enDuration, fromEnMatch, fromZhMatch, type SpokenDuration, zhDuration } from './spoken-durations.js';

const zhDur = zhDuration.source;
const enDur = enDuration.source;
type Lang = 'zh' | 'en';

/**
 * Hands each match of a global pattern to `take` and blanks it out, keeping the offsets of the rest; a
 * match `take` refuses (returns false) stays in the text.
 * @example
 *   consume('欠了3个月工资', /3个月/g, () => {}) // → '欠了   工资'
 */
export function consume(text: string, re: RegExp, take: (m: RegExpExecArray) => unknown): string {
  let out = text;
  for (const m of text.matchAll(re)) {
    if (take(m as RegExpExecArray) === false) continue;
    out = out.slice(0, m.index) + ' '.repeat(m[0].length) + out.slice(m.index + m[0].length);
  }
  return out;
}

/**
 * The duration a zhDuration / enDuration match states, or undefined for an empty match.
 * @example
 *   durationIn(new RegExp(zhDuration.source).exec('4年8个月')!, 'zh') // → { years: 4, months: 8 }
 */
export function durationIn(m: RegExpExecArray, lang: Lang): SpokenDuration | undefined {
  const g = m.groups ?? {};
  if (g.y === undefined && g.mo === undefined) return undefined;
  return lang === 'en' ? fromEnMatch(g) : fromZhMatch(g);
}

function monthsIn(m: RegExpExecArray, lang: Lang): number | undefined {
  const d = durationIn(m, lang);
  return d ? d.years * 12 + (d.months ?? 0) + (d.days ? d.days / 30 : 0) : undefined;
}

const zh = (source: string) => new RegExp(source.replaceAll('DUR', `(?:${zhDur})`), 'g');
const en = (source: string) => new RegExp(source.replaceAll('DUR', `(?:${enDur})`), 'gi');
const exactly = '(?:是|为|只有|正好|刚好|整|满|才|已经|已)*';

type Take = (facts: Facts, months: number) => void;

// Each pattern embeds a duration once: Node 20 refuses a named group twice in one pattern.
const others: Array<[RegExp, Lang, Take]> = [
  [zh('DUR\\s*(?:的|期)?\\s*(?:短期|固定期限)?(?:的)?(?:劳动)?合同'), 'zh', setContract],
  [zh(`合同(?:期限?|期)\\s*${exactly}\\s*DUR`), 'zh', setContract],
  [zh(`合同\\s*(?:签了?|签的是|一签)\\s*${exactly}\\s*DUR`), 'zh', setContract],
  // 签的是固定期限合同，期限8个月: the term in the next clause.
  [zh(`合同[，,]\\s*(?<!试用)期限\\s*${exactly}\\s*DUR`), 'zh', setContract],
  [en('contract\\s+(?:only|just)\\s+DUR'), 'en', setContract],
  [en('DUR\\s*(?:-|\\s)?(?:fixed[- ]term\\s+)?contract'), 'en', setContract],
  [
    en('contract(?:\\s+(?:term|period|length))?\\s+(?:is for|was for|is|was|of|for|runs? for)\\s+(?:exactly\\s+|only\\s+|just\\s+)?DUR'),
    'en',
    setContract,
  ],
  [
    zh('试用期\\s*(?:是|为|有|约定|定了?|说是)?\\s*DUR'),
    'zh',
    (f, m) => {
      f.agreedProbationMonths = m;
    },
  ],
  [
    zh('DUR\\s*(?:的)?\\s*试用期'),
    'zh',
    (f, m) => {
      f.agreedProbationMonths = m;
    },
  ],
  [
    en('DUR\\s*(?:of\\s+)?probation'),
    'en',
    (f, m) => {
      f.agreedProbationMonths = m;
    },
  ],
  [
    en('probation(?:\\s+period)?\\s+(?:of|is|was)\\s+DUR'),
    'en',
    (f, m) => {
      f.agreedProbationMonths = m;
    },
  ],
  [
    zh(`(?:怀孕|孕)\\s*(?:了|到)?\\s*${exactly}\\s*DUR`),
    'zh',
    (f, m) => {
      f.pregnancyMonths = m;
    },
  ],
  [
    en('(?:at\\s+)?DUR\\s+(?:of\\s+pregnancy|pregnant|into (?:the|my) pregnancy)'),
    'en',
    (f, m) => {
      f.pregnancyMonths = m;
    },
  ],
  [
    en('(?:miscarr\\w*|lost the baby)\\s+(?:at|after)\\s+DUR'),
    'en',
    (f, m) => {
      f.pregnancyMonths = m;
    },
  ],
  [
    zh(
      '(?:工龄|累计工作|参加工作|总工龄|(?:社保|养老保险)\\s*(?:累计|一共|总共)?\\s*(?:交|缴)(?:了)?)\\s*(?:已经|已|有|是|了|共|满|累计|整整|足足|总共|一共)*\\s*DUR',
    ),
    'zh',
    (f, m) => {
      f.totalWorkYears = m / 12;
    },
  ],
  [
    en(
      'DUR\\s+(?:in total|altogether|in all|cumulative(?:ly)?(?: (?:service|work(?:ing)?(?: experience| time| years)?))?|(?:of )?(?:total|cumulative) (?:service|work(?:ing)?(?: experience| time)?)|of work(?:ing)? experience)',
    ),
    'en',
    setTotalEn,
  ],
  [en('(?:total|cumulative) (?:service|work(?:ing)? (?:years|time|experience))\\s*(?:of|is|was|:)?\\s*DUR'), 'en', setTotalEn],
  [en("DUR['’]?\\s+(?:of\\s+)?(?:total\\s+)?work(?:ing)? experience"), 'en', setTotalEn],
  [
    zh('DUR\\s*(?:的)?(?:总)?工龄'),
    'zh',
    (f, m) => {
      f.totalWorkYears = m / 12;
    },
  ],
  // Years at an earlier employer count towards annual leave, never towards service here.
  [
    zh(
      '(?:之前|以前|此前|原来|前面)在(?:别的|其他|另一家|上一家|原来的?|前)(?:公司|单位|厂|地方)[^，。；]{0,6}?(?:干|做|工作|上班|待)(?:了|过)?\\s*DUR',
    ),
    'zh',
    (f, m) => {
      f.priorWorkYears = m / 12;
    },
  ],
  [
    en(
      'DUR\\s+(?:(?:continuously|in a row|straight)\\s+)?(?:before (?:this|joining|here|that)|before\\b(?=[^.]{0,12}(?:other|previous|former))|(?:at|with|for) (?:a |an |my )?(?:previous|former|earlier|other|another) (?:employers?|compan(?:y|ies)|jobs?|firms?))',
    ),
    'en',
    (f, m) => {
      f.priorWorkYears = m / 12;
    },
  ],
  [
    zh('(?:请了?|休了?)[^，。；\\d]{0,4}?DUR\\s*(?:的)?\\s*病假'),
    'zh',
    (f, m) => {
      f.sickLeaveMonths = m;
    },
  ],
  [
    zh('病假[^。；\\d]{0,12}?(?:累计|一共|共|总共|加起来)?\\s*(?:请了?|休了?)?\\s*DUR'),
    'zh',
    (f, m) => {
      f.sickLeaveMonths = m;
    },
  ],
  [
    en('DUR\\s+(?:of\\s+)?sick leave'),
    'en',
    (f, m) => {
      f.sickLeaveMonths = m;
    },
  ],
  [
    en('sick leave (?:of|for|totall?ing)\\s+DUR'),
    'en',
    (f, m) => {
      f.sickLeaveMonths = m;
    },
  ],
];

function setContract(facts: Facts, months: number): void {
  if (months) Object.assign(facts, { contractKind: 'fixed', contractMonths: Math.round(months) });
}

// "14 years in total" is every employer's; "worked here 7 years in total" is this one's (left to service).
function setTotalEn(facts: Facts, months: number): void {
  facts.totalWorkYears = months / 12;
}
const thisEmployer = /\b(?:here|there|with (?:them|the company|this company|my employer|this employer))\b[^.;,]{0,12}$/i;

/**
 * Words just before a duration that make it the length of service: 干了…, 入职…, "worked there …".
 * @example
 *   serviceCue.test('我在公司干了') // → true
 */
export const serviceCue =
  /(?:干|做|工作|上班|待|呆|打工|入职|来|进厂|在(?:这|该|这家|公司|厂|单位)|总共|一共|累计|满打满算|算下来|算起来|前前后后)(?:了|过|的|已经|有|满|都|整整|足足|正好|刚好)*\s*$|(?:worked|working|been|employed|served|stayed|with them|with (?:the|this|my) (?:company|employer|firm)|in total|for|after)(?:\s+(?:here|there|with them|at it|for (?:them|the company|this company|my employer)|at (?:the|this) (?:company|firm|factory)))?\s*(?:for|about)?\s*(?:exactly|about|almost|nearly|around|just over|over|roughly)?\s*$/i;

// Owed for N months, N years ago, 离职前12个月, leave lasting N months, "the last 12 months": no service.
const datingOnly = [
  zh('(?:拖欠|欠|扣|没发|未发|少发|产假|病假|年假|医疗期|停工留薪期)\\s*(?:了|我|只有|是|有|才)?\\s*DUR'),
  zh('DUR\\s*(?:的)?\\s*(?:工资|薪水|前|以前|之前|后|以后|之后|内)'),
  zh('(?:离职前|受伤前|解除前|辞退前|过去|最近|这)\\s*DUR'),
  en("DUR\\s+(?:ago|before|prior|later|of (?:unpaid )?(?:wages|pay|salary)|'?s?\\s+(?:pay|wages|salary))"),
  en('(?:last|past|previous|first|those|these)\\s+DUR'),
];

/**
 * Takes the durations that are not service into facts; returns the text with them blanked.
 * @example
 *   takeOtherDurations('怀孕3个月流产了', facts) // facts → { pregnancyMonths: 3 }; returns the text with 怀孕3个月 blanked
 */
export function takeOtherDurations(text: string, facts: Facts): string {
  let t = text;
  for (const [re, lang, take] of others) {
    t = consume(t, re, (m) => {
      if (take === setTotalEn && thisEmployer.test(text.slice(Math.max(0, m.index - 40), m.index))) return false;
      const months = monthsIn(m, lang);
      if (months !== undefined) take(facts, months);
    });
  }
  // "worked 4 years before being dismissed" is service all the same.
  for (const re of datingOnly) t = consume(t, re, (m) => !serviceCue.test(text.slice(Math.max(0, m.index - 24), m.index)));
  return t;
}
