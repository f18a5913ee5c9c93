/**
 * The last day to apply for labour arbitration (劳动争议调解仲裁法 27): one year from the day the worker
 * knew or should have known of the infringement; a claim for wages owed while the job lasts is not limited
 * until it ends, then one year from the end. Counted as 民法典 201–202 count periods: the first day is not
 * counted and the period ends on the corresponding day a year later (28 February for 29 February).
 *
 * @example
 *   arbitrationDeadline({ claim: 'other', knewDate: '2025-03-10' }).figures.lastDay // → '2026-03-10'
 */
import { z } from 'zod';
import { addMonths, compareDates, dateZh, daysBetween, isIsoDate } from './calendar-dates.js';
import { cite } from './statutes.js';
import { type CalculatorContext, type Entitlement, type Text, text } from './types.js';

const isoDate = z.string().refine(isIsoDate, 'write the date as YYYY-MM-DD');

export const arbitrationInput = z
  .object({
    claim: z
      .enum(['wage_arrears', 'other'])
      .describe('wage_arrears: wages (overtime pay included) owed by the employer; other: severance, damages, injury, social insurance …'),
    knewDate: isoDate.optional().describe('Day the worker knew or should have known their right was infringed'),
    stillEmployed: z.boolean().optional().describe('For wage arrears: true while the job lasts'),
    employmentEndDate: isoDate.optional().describe('Last day of the employment, when it has ended'),
    interruptedOn: isoDate
      .optional()
      .describe('Latest day the worker claimed from the employer, complained to an authority, or the employer agreed to pay'),
  })
  .strict()
  .refine((i) => i.claim !== 'other' || i.knewDate !== undefined, { message: 'claim "other" needs knewDate', path: ['knewDate'] })
  .refine((i) => i.claim !== 'wage_arrears' || i.stillEmployed === true || i.employmentEndDate !== undefined, {
    message: 'claim "wage_arrears" needs stillEmployed: true or employmentEndDate',
    path: ['employmentEndDate'],
  });
export type ArbitrationInput = z.infer<typeof arbitrationInput>;

export type ArbitrationFigures = {
  /** Last day to apply (YYYY-MM-DD); null while unpaid wages are not limited. */
  lastDay: string | null;
  /** The day the year runs from. */
  runsFrom: string | null;
  /** Days from today to the last day (negative once it has passed); null without today or a last day. */
  daysLeft: number | null;
  expired: boolean | null;
};

function startOf(input: ArbitrationInput): { from: string; step: Text } {
  if (input.claim === 'wage_arrears') {
    const end = input.employmentEndDate!;
    return {
      from: end,
      step: text(
        `追讨拖欠的劳动报酬，劳动关系已于${dateZh(end)}终止 → 自终止之日起一年`,
        `unpaid wages, employment ended on ${end} → one year from the end`,
      ),
    };
  }
  const knew = input.knewDate!;
  return {
    from: knew,
    step: text(`${dateZh(knew)}知道或应当知道权利被侵害 → 一年`, `knew or should have known of the infringement on ${knew} → one year`),
  };
}

/**
 * The last day to apply for arbitration, or none while unpaid wages are claimed in a job that lasts.
 * @example
 *   arbitrationDeadline({ claim: 'wage_arrears', employmentEndDate: '2025-01-15' }).figures.lastDay // → '2026-01-15'
 */
export function arbitrationDeadline(input: ArbitrationInput, context: CalculatorContext = {}): Entitlement<ArbitrationFigures> {
  const assumptions = deadlineAssumptions(input);
  const basis = [...cite('disputeArbitration', 27), ...cite('civilCode', 201, 202, 203)];
  if (input.claim === 'wage_arrears' && input.stillEmployed && !input.employmentEndDate) {
    return {
      calculator: 'arbitration_deadline',
      figures: { lastDay: null, runsFrom: null, daysLeft: null, expired: null },
      working: [
        text(
          '在职期间因拖欠劳动报酬申请仲裁，不受一年时效限制；劳动关系终止后，要在终止之日起一年内申请',
          'while the job lasts, a claim for unpaid wages is not limited; once it ends, apply within one year of the end',
        ),
      ],
      assumptions,
      basis,
      unsetLocalFigures: [],
    };
  }
  let { from, step } = startOf(input);
  const working = [step];
  let lastDay = addMonths(from, 12);
  // An interruption inside the year restarts it; one after the year has run out revives nothing.
  if (input.interruptedOn && compareDates(input.interruptedOn, from) > 0 && compareDates(input.interruptedOn, lastDay) <= 0) {
    from = input.interruptedOn;
    lastDay = addMonths(from, 12);
    working.push(
      text(
        `${dateZh(from)}时效中断（主张权利、投诉或公司同意支付）→ 从这天起重新计算一年`,
        `interrupted on ${from} (a claim, a complaint, or the employer agreeing to pay) → the year starts again`,
      ),
    );
  }
  working.push(text(`最后一天：${dateZh(lastDay)}`, `last day: ${lastDay}`));
  const daysLeft = context.today ? daysBetween(context.today, lastDay) : null;
  if (daysLeft !== null) {
    working.push(
      daysLeft >= 0
        ? text(`距今天还有${daysLeft}天`, `${daysLeft} days from today`)
        : text(
            '这一天已经过了；如有中断、中止的情形，或对方没有提出时效抗辩，仍可以试着申请',
            'that day has passed; with an interruption or suspension, or if the employer does not raise the limitation, applying may still work',
          ),
    );
  }
  return {
    calculator: 'arbitration_deadline',
    figures: { lastDay, runsFrom: from, daysLeft, expired: daysLeft === null ? null : daysLeft < 0 },
    working,
    assumptions,
    basis,
    unsetLocalFigures: [],
  };
}

function deadlineAssumptions(input: ArbitrationInput): Text[] {
  const list = [
    text(
      '时效中断：你向公司主张权利、向有关部门请求救济，或公司同意履行的，从那时起重新计算一年。',
      'Interruption: claiming from the employer, asking an authority for help, or the employer agreeing to pay restarts the year from then.',
    ),
    text(
      '时效中止：因不可抗力或其他正当理由不能申请的，时效暂停，原因消除后继续计算。',
      'Suspension: force majeure or another valid reason pauses the year; it runs on once the cause ends.',
    ),
    text(
      '最后一天是法定休假日的，顺延到假期结束的次日。',
      'If the last day falls on a public holiday, it moves to the day after the holiday.',
    ),
    text(
      '“知道或应当知道”哪一天，由仲裁委根据事实认定；越早申请越稳妥。',
      'Which day you “knew or should have known” is for the arbitration commission to decide on the facts: apply as early as you can.',
    ),
  ];
  if (input.claim === 'other') {
    list.unshift(
      text(
        '拖欠工资（含加班费）在职期间不受一年限制；这里按其他争议计算。',
        'Unpaid wages (overtime pay included) are not limited while the job lasts; this is counted as another kind of claim.',
      ),
    );
  }
  return list;
}
