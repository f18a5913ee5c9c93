/**
 * Maternity leave (女职工劳动保护特别规定 7): 98 days, of which 15 may be taken before the birth; 15 more for
 * a difficult birth and 15 more for each extra baby; after a miscarriage 15 days under four months of
 * pregnancy and 42 days from four months. Provinces add days of their own (a local figure).
 *
 * @example
 *   maternityLeave({ kind: 'birth', babies: 2, difficultBirth: true }).figures.totalDays // → 128
 *   maternityLeave({ kind: 'miscarriage', pregnancyMonths: 4 }).figures.totalDays       // → 42
 */
import { z } from 'zod';
import { addDays } from './calendar-dates.js';
import { cite } from './statutes.js';
import { type CalculatorContext, type Entitlement, type LocalFigureName, type Text, text } from './types.js';

export const maternityInput = z
  .object({
    kind: z.enum(['birth', 'miscarriage']),
    babies: z.number().int().min(1).max(8).optional().describe('Babies born at this birth (default 1)'),
    difficultBirth: z.boolean().optional().describe('True for a difficult birth (难产)'),
    pregnancyMonths: z.number().min(0).max(10).optional().describe('Months of pregnancy at a miscarriage'),
    leaveStart: z.iso.date().optional().describe('First day of the leave (YYYY-MM-DD), for its last day'),
  })
  .strict()
  .refine((i) => i.kind !== 'miscarriage' || i.pregnancyMonths !== undefined, {
    message: 'a miscarriage needs pregnancyMonths',
    path: ['pregnancyMonths'],
  });
export type MaternityInput = z.infer<typeof maternityInput>;

export type MaternityFigures = {
  /** The national days (98 and its additions, or 15 / 42). */
  nationalDays: number;
  /** The provincial extra, when set; null when not set. */
  provincialExtraDays: number | null;
  totalDays: number;
  /** The last day of the national (or, when set, the whole) leave; null without a first day. */
  lastDay: string | null;
};

function birthSteps(babies: number, difficult: boolean): { days: number; steps: Text[] } {
  const steps = [text('生育产假98天（其中产前可休15天）', 'maternity leave 98 days (up to 15 of them before the birth)')];
  let days = 98;
  if (difficult) {
    days += 15;
    steps.push(text('难产 +15天', 'difficult birth +15 days'));
  }
  if (babies > 1) {
    days += 15 * (babies - 1);
    steps.push(
      text(
        `多胞胎：多生${babies - 1}个 × 15天 = +${15 * (babies - 1)}天`,
        `multiple birth: ${babies - 1} more × 15 days = +${15 * (babies - 1)} days`,
      ),
    );
  }
  return { days, steps };
}

function miscarriageStep(months: number): { days: number; steps: Text[] } {
  return months >= 4
    ? { days: 42, steps: [text(`怀孕${months}个月流产，已满4个月 → 42天`, `miscarriage at ${months} months, four or more → 42 days`)] }
    : { days: 15, steps: [text(`怀孕${months}个月流产，未满4个月 → 15天`, `miscarriage at ${months} months, under four → 15 days`)] };
}

/**
 * Days of maternity leave, national and (when set) provincial.
 * @example
 *   maternityLeave({ kind: 'birth' }, { local: { maternityExtraDays: 60 } }).figures.totalDays // → 158
 */
export function maternityLeave(input: MaternityInput, context: CalculatorContext = {}): Entitlement<MaternityFigures> {
  const national =
    input.kind === 'birth' ? birthSteps(input.babies ?? 1, input.difficultBirth ?? false) : miscarriageStep(input.pregnancyMonths!);
  const extra = input.kind === 'birth' ? context.local?.maternityExtraDays : undefined;
  const working = [...national.steps];
  const assumptions: Text[] = [];
  const unset: LocalFigureName[] = [];
  if (extra !== undefined) {
    working.push(
      text(
        `本省延长产假 +${extra}天 → 共${national.days + extra}天`,
        `provincial extra +${extra} days → ${national.days + extra} days in all`,
      ),
    );
  } else if (input.kind === 'birth') {
    working.push(text(`国家规定共${national.days}天`, `${national.days} days under the national rule`));
    unset.push('maternityExtraDays');
    assumptions.push(
      text(
        '各省在98天之外另有延长产假（生育奖励假），天数写在本省的人口与计划生育条例里，可向当地卫生健康部门或人社局查询；以上只是国家规定的天数。',
        'Every province adds days of its own (生育奖励假), set in its population and family-planning regulations; ask the local health commission or human-resources and social-security bureau. The figure above is the national minimum.',
      ),
    );
  }
  if (input.kind === 'birth' && input.difficultBirth === undefined) {
    assumptions.push(
      text(
        '按非难产计算；难产的再加15天（剖宫产是否算难产，看医院证明和本省规定）。',
        "Counted as not a difficult birth; a difficult one adds 15 days (whether a caesarean counts depends on the hospital's certificate and the province).",
      ),
    );
  }
  assumptions.push(
    text(
      '产假期间的生育津贴：参加生育保险的按用人单位上年度职工月平均工资由生育保险基金支付；没参加的由单位按产假前工资支付。',
      "During the leave, maternity allowance is paid by the maternity-insurance fund at the employer's average wage of last year, or by the employer at your pre-leave wage if you were not insured.",
    ),
  );
  if (input.kind === 'birth' && input.babies === undefined) {
    assumptions.push(
      text('按生一个孩子计算；多胞胎的每多一个加15天。', 'Counted for one baby; each extra baby of a multiple birth adds 15 days.'),
    );
  }
  const totalDays = national.days + (extra ?? 0);
  const lastDay = input.leaveStart ? addDays(input.leaveStart, totalDays - 1) : null;
  if (lastDay) {
    working.push(
      text(
        `${input.leaveStart}为第1天，+${totalDays - 1}天 → 最后一天${lastDay}`,
        `${input.leaveStart} is day 1, +${totalDays - 1} days → last day ${lastDay}`,
      ),
    );
  }
  return {
    calculator: 'maternity_leave',
    figures: { nationalDays: national.days, provincialExtraDays: extra ?? null, totalDays, lastDay },
    working,
    assumptions,
    basis: cite('femaleEmployees', 7, 8),
    unsetLocalFigures: unset,
  };
}
