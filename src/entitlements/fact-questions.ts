/**
 * What each calculator needs from the worker, and the one question to ask next: `missingFact` returns the
 * first fact still missing, with the question in zh and en and, when the answer is a choice, the choices
 * for buttons. The bot stores a `PendingFact` (plain JSON) and hands the reply to `answerFact`.
 *
 * @example
 *   missingFact('severance', { serviceYears: 3 })
 *   // → { fact: 'serviceMonths', question: { zh: '满3年之后，又干了几个月？…', en: … } }
 */
import { z } from 'zod';
import { noContractPeriod, unusedLeaveKnown } from './derived-facts.js';
import { type FactName, type Facts, factsSchema } from './facts.js';
import { terminationReasonChoices } from './severance-owed.js';
import { type CalculatorName, calculatorNames, type Text, text } from './types.js';
import { hasWage } from './wage-facts.js';

/** A fact the bot can ask for: a Facts key, or the kind of overtime already told in hours. */
export type AskedFact = FactName | 'overtimeKind';

export interface FactChoice {
  /** What a button sends back; `answerFact` reads it like typed text. */
  value: string;
  label: Text;
}

export interface FactQuestion {
  fact: AskedFact;
  question: Text;
  choices?: FactChoice[];
}

/** The state to keep between asking and the reply: small plain JSON, stored by the caller. */
export interface PendingFact {
  calculator: CalculatorName;
  fact: AskedFact;
  facts: Facts;
}

const askedFacts = [...(Object.keys(factsSchema.shape) as FactName[]), 'overtimeKind'] as unknown as [AskedFact, ...AskedFact[]];
const pendingFactSchema = z.object({ calculator: z.enum(calculatorNames), fact: z.enum(askedFacts), facts: factsSchema });

/**
 * A stored PendingFact read back (from JSON, a database row), or undefined when it is not one — e.g.
 * written by an older version; the caller then starts the questions again.
 * @example
 *   parsePendingFact('{"calculator":"severance","fact":"monthlyWage","facts":{}}')?.fact // → 'monthlyWage'
 */
export function parsePendingFact(stored: unknown): PendingFact | undefined {
  const parsed = pendingFactSchema.safeParse(typeof stored === 'string' ? safeJson(stored) : stored);
  return parsed.success ? parsed.data : undefined;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

const yesNo: FactChoice[] = [
  { value: 'yes', label: text('是', 'Yes') },
  { value: 'no', label: text('否', 'No') },
];

type Purpose = 'severance' | 'notice' | 'double' | 'overtime' | 'leave' | 'injury';

const wageQuestions: Record<Purpose, Text> = {
  severance: text(
    '离职前12个月平均每月工资是多少？（包括奖金、津贴、补贴）',
    'What was your average monthly wage over the last 12 months, bonuses and allowances included?',
  ),
  notice: text('上个月的工资是多少？', "What was last month's wage?"),
  double: text('没签合同这段时间，每月工资是多少？', 'What was your monthly wage in the time without a contract?'),
  overtime: text('劳动合同约定的月工资是多少？', 'What monthly wage does your contract set?'),
  leave: text(
    '前12个月平均每月工资是多少？（不算加班费）',
    'What was your average monthly wage over the last 12 months, overtime pay excluded?',
  ),
  injury: text(
    '受伤前12个月，平均每月的缴费工资是多少？',
    'What was your average monthly contribution wage in the 12 months before the injury?',
  ),
};

/** Questions that read the same for every calculator. */
const plainQuestions: Partial<Record<AskedFact, Omit<FactQuestion, 'fact'>>> = {
  startDate: { question: text('具体是哪一天入职的？（例如：2021年3月15日）', 'On which day did you start? (e.g. 15 March 2021)') },
  endDate: { question: text('具体是哪一天离职或被辞退的？（例如：2025年5月20日）', 'On which day did the job end? (e.g. 20 May 2025)') },
  knewDate: {
    question: text(
      '你是哪一天知道（或应当知道）自己的权利被侵害的？（例如：2025年3月10日）',
      'On which day did you learn (or should have learned) that your rights were infringed? (e.g. 10 March 2025)',
    ),
  },
  overtime: {
    question: text(
      '一共加班多少小时？（周末、节假日加班也可以说天数，例如：40小时、周末两天）',
      'How many hours of overtime in all? (Weekend or holiday work may be given in days, e.g. "40 hours", "two weekend days")',
    ),
  },
  overtimeKind: {
    question: text('这些加班是在什么时候？', 'When was this overtime worked?'),
    choices: [
      { value: 'workday', label: text('工作日下班后', 'After hours on working days') },
      { value: 'rest_day', label: text('休息日（周末）', 'Rest days (weekends)') },
      { value: 'holiday', label: text('法定节假日', 'Statutory public holidays') },
    ],
  },
  restDayTimeOff: {
    question: text('周末加班，公司事后安排了同等时间的补休吗？', 'Did the employer give equal time off in lieu for the weekend work?'),
    choices: yesNo,
  },
  totalWorkYears: {
    question: text(
      '你累计工作多少年了？（包括在以前单位的工作时间）',
      'How many years have you worked in all, earlier employers included?',
    ),
  },
  unusedLeaveDays: { question: text('有几天年假没有休？', 'How many days of annual leave were not taken?') },
  contractKind: {
    question: text(
      '你签的是哪种劳动合同？（固定期限的也可以直接说期限，例如：三年）',
      'What kind of contract did you sign? (For a fixed term you may just give its length, e.g. "3 years")',
    ),
    choices: [
      { value: 'fixed', label: text('固定期限', 'Fixed term') },
      { value: 'open_ended', label: text('无固定期限', 'Open-ended') },
      { value: 'task', label: text('以完成一定工作任务为期限', 'For a task') },
    ],
  },
  contractMonths: { question: text('劳动合同期限多长？（例如：三年、6个月）', 'How long is the contract? (e.g. "3 years", "6 months")') },
  birthKind: {
    question: text('这次是生育还是流产？', 'Was it a birth or a miscarriage?'),
    choices: [
      { value: 'birth', label: text('生育', 'Birth') },
      { value: 'miscarriage', label: text('流产', 'Miscarriage') },
    ],
  },
  babies: {
    question: text('这次生了几个孩子？', 'How many babies at this birth?'),
    choices: [
      { value: '1', label: text('1个', 'One') },
      { value: '2', label: text('双胞胎', 'Twins') },
      { value: '3', label: text('三胞胎', 'Triplets') },
    ],
  },
  difficultBirth: {
    question: text('是难产吗？（以医院证明为准）', 'Was it a difficult birth (as the hospital certifies)?'),
    choices: yesNo,
  },
  pregnancyMonths: { question: text('流产时怀孕几个月？', 'How many months pregnant were you at the miscarriage?') },
  grade: {
    question: text('劳动能力鉴定的伤残等级是几级？', 'What disability grade did the work-ability appraisal give?'),
    choices: Array.from({ length: 10 }, (_, i) => ({ value: String(i + 1), label: text(`${i + 1}级`, `Grade ${i + 1}`) })),
  },
  suitableWorkArranged: {
    question: text('公司给你安排了适当的工作吗？', 'Has the employer arranged suitable work for you?'),
    choices: yesNo,
  },
  terminationReason: { question: text('劳动合同是怎么结束的？', 'How did the job end?'), choices: terminationReasonChoices },
  claimKind: {
    question: text('你要申请仲裁的是哪一类事？', 'What is the claim about?'),
    choices: [
      { value: 'wage_arrears', label: text('追讨拖欠的工资（含加班费）', 'Unpaid wages (overtime pay included)') },
      {
        value: 'other',
        label: text('其他（经济补偿、赔偿金、工伤、社保等）', 'Something else (compensation, damages, injury, social insurance …)'),
      },
    ],
  },
  stillEmployed: { question: text('你现在还在这家单位上班吗？', 'Do you still work there?'), choices: yesNo },
};

export function questionFor(fact: AskedFact, facts: Facts, purpose?: Purpose): FactQuestion {
  if (fact === 'monthlyWage') return { fact, question: wageQuestions[purpose ?? 'severance'] };
  if (fact === 'serviceYears') {
    return purpose === 'double'
      ? {
          fact,
          question: text(
            '从入职到签合同（或到离职、到现在），有多长时间没有书面劳动合同？（例如：8个月）',
            'How long did you work without a written contract, from the first day until it was signed, the job ended, or now? (e.g. "8 months")',
          ),
        }
      : {
          fact,
          question: text(
            '你在这家单位一共干了多久？（例如：4年8个月）',
            'How long have you worked for this employer? (e.g. "4 years 8 months")',
          ),
        };
  }
  if (fact === 'serviceMonths') {
    const y = facts.serviceYears ?? 0;
    return {
      fact,
      question: text(
        `满${y}年之后，又干了几个月？（例如：8个月；不到一个月就说天数）`,
        `Beyond the ${y} full years, how many more months? (e.g. "8 months"; under a month, give the days)`,
      ),
    };
  }
  const known = fact === 'startDate' || fact === 'endDate' || fact === 'knewDate' ? facts[fact] : undefined;
  if (known && known.length === 7) {
    const [y, m] = [Number(known.slice(0, 4)), Number(known.slice(5, 7))];
    return { fact, question: text(`${y}年${m}月的哪一天？`, `Which day of ${known}?`) };
  }
  const plain = plainQuestions[fact];
  return plain ? { fact, ...plain } : { fact, question: text(`请告诉我：${fact}`, `Please tell me: ${fact}`) };
}

type Check = (facts: Facts) => FactQuestion | undefined;

const isMonthOnly = (date: string | undefined) => date !== undefined && date.length === 7;

function exactDateNeeded(facts: Facts): FactQuestion | undefined {
  if (isMonthOnly(facts.startDate)) return questionFor('startDate', facts);
  if (isMonthOnly(facts.endDate)) return questionFor('endDate', facts);
  return undefined;
}

// Month-only dates are right to within a month; ask for the day only where that month changes the answer.
function askService(purpose: 'severance' | 'double'): Check {
  return (f) => {
    if (purpose === 'double' && noContractPeriod(f)) return undefined; // from the first day to the signing
    if (f.serviceYears === undefined) {
      if (f.startDate && !f.endDate && purpose === 'severance') return questionFor('endDate', f);
      return questionFor('serviceYears', f, purpose);
    }
    const onlyYearsMatter = purpose === 'double' && f.serviceYears >= 1;
    if (f.serviceMonths === undefined && !onlyYearsMatter) return questionFor('serviceMonths', f);
    if (!f.serviceApproximate) return undefined;
    const months = f.serviceYears * 12 + (f.serviceMonths ?? 0);
    const atBoundary = purpose === 'severance' ? months % 12 === 0 || months % 12 === 6 : months <= 12;
    return atBoundary ? exactDateNeeded(f) : undefined;
  };
}

const askWage =
  (purpose: Purpose): Check =>
  (f) =>
    hasWage(f) ? undefined : questionFor('monthlyWage', f, purpose);

const ask =
  (fact: AskedFact, when: (f: Facts) => boolean): Check =>
  (f) =>
    when(f) ? questionFor(fact, f) : undefined;

const needs: Record<CalculatorName, Check[]> = {
  severance: [askService('severance'), askWage('severance')],
  unlawful_termination: [askService('severance'), askWage('severance')],
  notice_pay: [askWage('notice')],
  severance_owed: [ask('terminationReason', (f) => !f.terminationReason)],
  double_wage_no_contract: [askService('double'), askWage('double')],
  overtime_pay: [
    askWage('overtime'),
    ask('overtime', (f) => !f.overtime?.length),
    ask('overtimeKind', (f) => Boolean(f.overtime?.some((e) => !e.kind))),
    ask('restDayTimeOff', (f) => f.restDayTimeOff === undefined && Boolean(f.overtime?.some((e) => e.kind === 'rest_day'))),
  ],
  annual_leave_days: [ask('totalWorkYears', (f) => f.totalWorkYears === undefined)],
  unused_annual_leave_pay: [askWage('leave'), ask('unusedLeaveDays', (f) => !unusedLeaveKnown(f))],
  probation: [
    // The pay floor needs no contract: ask for it only when there is no wage, or a probation to check.
    ask('contractKind', (f) => !f.contractKind && (!hasWage(f) || f.agreedProbationMonths !== undefined)),
    ask('contractMonths', (f) => f.contractKind === 'fixed' && f.contractMonths === undefined),
  ],
  maternity_leave: [
    ask('birthKind', (f) => !f.birthKind),
    ask('difficultBirth', (f) => f.birthKind === 'birth' && f.difficultBirth === undefined),
    ask('pregnancyMonths', (f) => f.birthKind === 'miscarriage' && f.pregnancyMonths === undefined),
  ],
  injury_disability: [
    ask('grade', (f) => f.grade === undefined),
    askWage('injury'),
    ask('suitableWorkArranged', (f) => (f.grade === 5 || f.grade === 6) && f.suitableWorkArranged === undefined && !f.oneOffOnly),
  ],
  arbitration_deadline: [
    ask('claimKind', (f) => !f.claimKind),
    ask('stillEmployed', (f) => f.claimKind === 'wage_arrears' && f.stillEmployed === undefined && !f.endDate),
    ask('endDate', (f) => f.claimKind === 'wage_arrears' && f.stillEmployed === false && (!f.endDate || isMonthOnly(f.endDate))),
    // The day the job ended stands for the day the worker knew, when no other day is named.
    ask('knewDate', (f) => f.claimKind === 'other' && (!(f.knewDate ?? f.endDate) || isMonthOnly(f.knewDate ?? f.endDate))),
  ],
};

/**
 * The first fact the calculator still needs, or undefined when it can run (`calculateFromFacts`).
 * @example
 *   missingFact('injury_disability', { monthlyWage: 6000 })?.choices?.length // → 10 (grades 1–10)
 */
export function missingFact(calculator: CalculatorName, facts: Facts): FactQuestion | undefined {
  for (const check of needs[calculator]) {
    const question = check(facts);
    if (question) return question;
  }
  return undefined;
}

/** The wording purpose of a calculator's wage and service questions. */
export function purposeOf(calculator: CalculatorName): Purpose {
  const purposes: Partial<Record<CalculatorName, Purpose>> = {
    notice_pay: 'notice',
    double_wage_no_contract: 'double',
    overtime_pay: 'overtime',
    unused_annual_leave_pay: 'leave',
    injury_disability: 'injury',
  };
  return purposes[calculator] ?? 'severance';
}
