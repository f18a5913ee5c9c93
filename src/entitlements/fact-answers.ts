/**
 * Reads the worker's reply to the question `missingFact` asked into the fact it asked for: a button's
 * value or typed text (七级, 4年8个月, 五千五, 15号, 是的, 周末). When the reply does not give the fact,
 * the answer says so and carries the question to ask again.
 *
 * @example
 *   answerFact({ calculator: 'severance', fact: 'serviceMonths', facts: { serviceYears: 3 } }, '八个月')
 *   // → { ok: true, facts: { serviceYears: 3, serviceMonths: 8 } }
 */
import { serviceFromDates } from './fact-extraction.js';
import { type AskedFact, type FactQuestion, type PendingFact, purposeOf, questionFor } from './fact-questions.js';
import { type Facts, mergeFacts, overtimeKinds } from './facts.js';
import { type TerminationReason, terminationReasons } from './severance-owed.js';
import { situationFacts } from './situation-facts.js';
import { findWages } from './spoken-amounts.js';
import { parseDateReply } from './spoken-dates.js';
import { parseDuration } from './spoken-durations.js';
import { parseSpokenNumber } from './spoken-numbers.js';
import { findOvertime, overtimeKindIn } from './spoken-overtime.js';

export type FactAnswer = { ok: true; facts: Facts } | { ok: false; question: FactQuestion };

type Reader = (reply: string, facts: Facts, today: string | undefined) => Facts | undefined;

const spokenCount = '\\d+(?:\\.\\d+)?|[零〇一二两俩三四五六七八九十百]+';
const bare = new RegExp(
  `^\\s*(?:大概|大约|约|有|是|共|一共)?\\s*(${spokenCount})\\s*(?:个)?\\s*(?:多)?\\s*(?:个月|月|天|小时|年|级|hours?|days?|months?|years?)?\\s*(?:吧|啦|了)?\\s*[。.!！]?\\s*$`,
  'i',
);

/** A bare number in a reply: 8, 八个, 5天 → 8 / 8 / 5; 多 keeps the whole part (四个多月 → 4). */
function bareNumber(reply: string): number | undefined {
  const m = bare.exec(reply);
  return m ? parseSpokenNumber(m[1]!) : undefined;
}

function yesNoReply(reply: string, yes: RegExp = /$^/, no: RegExp = /$^/): boolean | undefined {
  const r = reply.trim();
  if (/不知道|不清楚|不确定|说不好|don'?t know|not sure|unsure/i.test(r)) return undefined;
  if (/^(?:no|n|false)\b/i.test(r) || /^(?:否|不|没|无)/.test(r) || no.test(r)) return false;
  if (/^(?:yes|y|true)\b/i.test(r) || /^(?:是|对|嗯|有|好|安排了)/.test(r) || yes.test(r)) return true;
  return undefined;
}

function asFact<K extends keyof Facts>(key: K, value: Facts[K] | undefined): Facts | undefined {
  return value === undefined ? undefined : ({ [key]: value } as Facts);
}

function choiceOf<T extends string>(reply: string, values: readonly T[]): T | undefined {
  const r = reply.trim();
  return values.find((v) => v === r);
}

function serviceReader(reply: string): Facts | undefined {
  const d = parseDuration(reply);
  if (!d) return undefined;
  return {
    serviceYears: d.years,
    ...(d.months !== undefined ? { serviceMonths: d.months } : {}),
    ...(d.days !== undefined ? { serviceDays: d.days } : {}),
  };
}

function monthsReader(reply: string, facts: Facts): Facts | undefined {
  const years = facts.serviceYears ?? 0;
  if (/^\s*(?:没有|没|0|零|整|刚好|正好|就是整年|none|zero)/i.test(reply)) return { serviceYears: years, serviceMonths: 0, serviceDays: 0 };
  const d = parseDuration(reply);
  const months = d ? d.years * 12 + (d.months ?? 0) : bareNumber(reply);
  if (months === undefined || months > 11) return undefined;
  return { serviceYears: years, serviceMonths: months, ...(d?.days !== undefined ? { serviceDays: d.days } : {}) };
}

// A day that makes a month-only date exact also makes the service from the dates exact.
function dateReader(fact: 'startDate' | 'endDate' | 'knewDate'): Reader {
  return (reply, facts, today) => {
    const date = parseDateReply(reply, { today, known: facts[fact] });
    if (!date) return undefined;
    const next: Facts = { ...facts, [fact]: date };
    const fromDates = facts.serviceYears === undefined || facts.serviceApproximate;
    if (fact !== 'knewDate' && fromDates && next.startDate && next.endDate) {
      const service = serviceFromDates(next.startDate, next.endDate);
      if (service) return mergeFacts(next, service);
    }
    return { [fact]: date };
  };
}

function wageReader(reply: string): Facts | undefined {
  const found = findWages(reply);
  if (found.monthlyWage !== undefined || found.dailyWage !== undefined) return found;
  if (/多|来/.test(reply)) return undefined;
  const m =
    /^\s*(?:大概|大约|约|税前|到手)?\s*(?:人民币|¥|￥|rmb)?\s*([0-9.,零〇一二两俩三四五六七八九十百千万kKwW]+)\s*(?:元|块钱|块|yuan|rmb)?\s*(?:左右)?\s*$/i.exec(
      reply,
    );
  const value = m ? parseSpokenNumber(m[1]!) : undefined;
  return value !== undefined && value >= 100 ? { monthlyWage: value } : undefined;
}

function overtimeReader(reply: string): Facts | undefined {
  const found = findOvertime(reply).entries;
  if (found.length) return { overtime: found };
  const kind = overtimeKindIn(reply);
  const days = new RegExp(`(${spokenCount})\\s*天`).exec(reply);
  const value = days ? parseSpokenNumber(days[1]!) : bareNumber(reply);
  if (value === undefined || value <= 0) return undefined;
  return { overtime: [{ ...(kind ? { kind } : {}), ...(days ? { days: value } : { hours: value }) }] };
}

function overtimeKindReader(reply: string, facts: Facts): Facts | undefined {
  const kind = choiceOf(reply, overtimeKinds) ?? overtimeKindIn(reply);
  if (!kind || !facts.overtime) return undefined;
  const i = facts.overtime.findIndex((e) => !e.kind);
  return { overtime: facts.overtime.map((e, j) => (j === i ? { ...e, kind } : e)) };
}

function gradeReader(reply: string): Facts | undefined {
  const m = /(10|[1-9]|十|[一二三四五六七八九])\s*级|^\s*(?:grade|level)?\s*(10|[1-9]|十|[一二三四五六七八九])\s*$/i.exec(reply);
  const grade = m ? parseSpokenNumber((m[1] ?? m[2])!) : undefined;
  return grade !== undefined && grade >= 1 && grade <= 10 ? { grade } : undefined;
}

function babiesReader(reply: string): Facts | undefined {
  if (/双胞胎|龙凤胎|twins/i.test(reply)) return { babies: 2 };
  if (/三胞胎|triplets/i.test(reply)) return { babies: 3 };
  if (/^\s*(?:one|a single|single)\b/i.test(reply)) return { babies: 1 };
  const n = bareNumber(reply.replace(/个(?:孩子|宝宝)?/, ''));
  return n !== undefined && Number.isInteger(n) && n >= 1 && n <= 8 ? { babies: n } : undefined;
}

/** Total months of a duration, or undefined for none or a zero one. */
function monthsOf(d: ReturnType<typeof parseDuration>): number | undefined {
  const months = d ? d.years * 12 + (d.months ?? 0) : 0;
  return months > 0 ? months : undefined;
}

function contractKindReader(reply: string): Facts | undefined {
  const months = monthsOf(parseDuration(reply));
  if (months) return { contractKind: 'fixed', contractMonths: months };
  const chosen = choiceOf(reply, ['fixed', 'open_ended', 'task'] as const);
  if (chosen) return { contractKind: chosen };
  if (/无固定|没有固定|open/i.test(reply)) return { contractKind: 'open_ended' };
  if (/任务|项目|task|project/i.test(reply)) return { contractKind: 'task' };
  return /固定期限|固定|fixed/i.test(reply) ? { contractKind: 'fixed' } : undefined;
}

function yearsReader(reply: string): Facts | undefined {
  const d = parseDuration(reply);
  const years = d ? d.years + (d.months ?? 0) / 12 : bareNumber(reply);
  return years === undefined ? undefined : { totalWorkYears: years };
}

const readers: Partial<Record<AskedFact, Reader>> = {
  serviceYears: serviceReader,
  serviceMonths: monthsReader,
  startDate: dateReader('startDate'),
  endDate: dateReader('endDate'),
  knewDate: dateReader('knewDate'),
  monthlyWage: wageReader,
  overtime: overtimeReader,
  overtimeKind: overtimeKindReader,
  restDayTimeOff: (r) => asFact('restDayTimeOff', yesNoReply(r, /补休|调休/)),
  difficultBirth: (r) => asFact('difficultBirth', yesNoReply(r, /难产|difficult/i, /顺产|normal|natural/i)),
  suitableWorkArranged: (r) => asFact('suitableWorkArranged', yesNoReply(r, /安排了/)),
  stillEmployed: (r) => asFact('stillEmployed', yesNoReply(r, /在职|还在/, /离职|辞职|辞退|开除|left|quit|fired/i)),
  grade: gradeReader,
  babies: babiesReader,
  birthKind: (r) => {
    const v =
      choiceOf(r, ['birth', 'miscarriage'] as const) ??
      (/流产|小产|miscarr/i.test(r) ? 'miscarriage' : /生|分娩|birth/i.test(r) ? 'birth' : undefined);
    return v ? { birthKind: v } : undefined;
  },
  pregnancyMonths: (r) => asFact('pregnancyMonths', monthsOf(parseDuration(r)) ?? bareNumber(r)),
  contractKind: contractKindReader,
  contractMonths: (r) => asFact('contractMonths', monthsOf(parseDuration(r))),
  totalWorkYears: yearsReader,
  unusedLeaveDays: (r) => asFact('unusedLeaveDays', bareNumber(r)),
  terminationReason: (r) => {
    const v = choiceOf(r, terminationReasons) ?? situationFacts(r).terminationReason;
    return v ? { terminationReason: v as TerminationReason } : undefined;
  },
  claimKind: (r) => {
    const v =
      choiceOf(r, ['wage_arrears', 'other'] as const) ??
      (/工资|欠薪|加班费|wage|salary|pay/i.test(r)
        ? 'wage_arrears'
        : /补偿|赔偿|工伤|社保|其他|辞退|开除|compensation|damages|injur|other/i.test(r)
          ? 'other'
          : undefined);
    return v ? { claimKind: v } : undefined;
  },
};

const notUnderstood = { zh: '抱歉，没看明白。', en: "Sorry, I didn't catch that. " };

/**
 * The facts with the reply read in, or the question to ask again.
 * @example
 *   answerFact({ calculator: 'injury_disability', fact: 'grade', facts: {} }, '七级') // → { ok: true, facts: { grade: 7 } }
 */
export function answerFact(pending: PendingFact, reply: string, { today }: { today?: string } = {}): FactAnswer {
  const read = readers[pending.fact]?.(reply.trim(), pending.facts, today);
  if (read) return { ok: true, facts: mergeFacts(pending.facts, read) };
  const again = questionFor(pending.fact, pending.facts, purposeOf(pending.calculator));
  return {
    ok: false,
    question: { ...again, question: { zh: notUnderstood.zh + again.question.zh, en: notUnderstood.en + again.question.en } },
  };
}
