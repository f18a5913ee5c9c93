/**
 * Probation (劳动合同法 19–20; 实施条例 15): the longest probation a contract of a given length allows, and
 * the lowest probation pay: 80 % of the agreed wage or of the lowest wage for the same post, and never below
 * the local minimum wage. A probation longer than allowed owes damages for the excess served (83).
 *
 * @example
 *   probation({ contractKind: 'fixed', contractMonths: 36 }).figures.maxProbationMonths // → 6
 *   probation({ contractKind: 'fixed', contractMonths: 12, agreedMonthlyWage: 6000 }).figures.lowestPay // → 4800
 */
import { z } from 'zod';
import { roundFen, yuanEn, yuanZh } from './amounts.js';
import { cite, publishedBy } from './statutes.js';
import { type CalculatorContext, type Entitlement, type LocalFigureName, type Text, text } from './types.js';

export const probationInput = z
  .object({
    contractKind: z
      .enum(['fixed', 'open_ended', 'task'])
      .optional()
      .describe('fixed term, open-ended (无固定期限), or for a task (以完成一定工作任务为期限); unknown: only the pay floor'),
    contractMonths: z.number().int().min(1).max(600).optional().describe('Length of a fixed-term contract in months'),
    agreedMonthlyWage: z.number().positive().optional().describe('Monthly wage agreed in the contract'),
    lowestWageSamePost: z.number().positive().optional().describe("The employer's lowest wage for the same post"),
    agreedProbationMonths: z.number().min(0).max(24).optional().describe('Probation the employer set, in months'),
  })
  .strict()
  .refine((i) => i.contractKind !== 'fixed' || i.contractMonths !== undefined, {
    message: 'a fixed-term contract needs contractMonths',
    path: ['contractMonths'],
  });
export type ProbationInput = z.infer<typeof probationInput>;

export type ProbationFigures = {
  /** Null when the kind of contract is not known (the pay floor does not depend on it). */
  maxProbationMonths: number | null;
  /** Months of agreed probation beyond the limit (0 when within it, null when not given). */
  excessMonths: number | null;
  /** The pay below which probation pay is unlawful on any reading (null when no wage was given). */
  lowestPay: number | null;
};

/** 19: 三个月以上不满一年 1个月；一年以上不满三年 2个月；三年以上固定期限和无固定期限 6个月；不满三个月或以任务为期限 不得约定. */
export function maxProbationMonths(kind: NonNullable<ProbationInput['contractKind']>, months = 0): number {
  if (kind === 'open_ended') return 6;
  if (kind === 'task' || months < 3) return 0;
  if (months < 12) return 1;
  return months < 36 ? 2 : 6;
}

function lengthStep(input: ProbationInput, max: number): Text {
  const contract =
    input.contractKind === 'open_ended'
      ? text('无固定期限劳动合同', 'an open-ended contract')
      : input.contractKind === 'task'
        ? text('以完成一定工作任务为期限的合同', 'a contract for a task')
        : text(`${input.contractMonths}个月的固定期限合同`, `a ${input.contractMonths}-month fixed-term contract`);
  return max === 0
    ? text(`${contract.zh} → 不得约定试用期（最长0个月）`, `${contract.en} → no probation allowed (0 months at most)`)
    : text(`${contract.zh} → 试用期最长${max}个月`, `${contract.en} → probation of at most ${max} months`);
}

interface PayFloor {
  lowestPay: number | null;
  steps: Text[];
  unset: LocalFigureName[];
}

// The law says "the lowest wage of the same post or 80 % of the agreed wage" and 实施条例 15 puts 80 % on
// both; which "or" binds is disputed, so the floor is the lower of the two: below it, pay is unlawful either way.
function payFloor(input: ProbationInput, context: CalculatorContext): PayFloor {
  const { minimumWage } = context.local ?? {};
  const candidates: Array<{ value: number; step: Text }> = [];
  if (input.agreedMonthlyWage) {
    const v = roundFen(input.agreedMonthlyWage * 0.8);
    candidates.push({
      value: v,
      step: text(
        `约定工资${yuanZh(input.agreedMonthlyWage)} × 80% = ${yuanZh(v)}`,
        `agreed wage ${yuanEn(input.agreedMonthlyWage)} × 80 % = ${yuanEn(v)}`,
      ),
    });
  }
  if (input.lowestWageSamePost) {
    const v = roundFen(input.lowestWageSamePost * 0.8);
    candidates.push({
      value: v,
      step: text(
        `本单位相同岗位最低档工资${yuanZh(input.lowestWageSamePost)} × 80% = ${yuanZh(v)}`,
        `lowest wage of the same post ${yuanEn(input.lowestWageSamePost)} × 80 % = ${yuanEn(v)}`,
      ),
    });
  }
  const steps = candidates.map((c) => c.step);
  let lowest = candidates.length ? Math.min(...candidates.map((c) => c.value)) : null;
  if (minimumWage !== undefined && (lowest === null || lowest < minimumWage)) {
    steps.push(text(`不得低于当地最低工资标准${yuanZh(minimumWage)}`, `never below the local minimum wage ${yuanEn(minimumWage)}`));
    lowest = minimumWage;
  }
  if (lowest !== null) steps.push(text(`试用期工资最低：${yuanZh(lowest)}`, `lowest probation pay: ${yuanEn(lowest)}`));
  return { lowestPay: lowest, steps, unset: minimumWage === undefined ? ['minimumWage'] : [] };
}

function excessStep(input: ProbationInput, max: number | null): { excess: number | null; step?: Text } {
  if (input.agreedProbationMonths === undefined || max === null) return { excess: null };
  const excess = Math.max(0, input.agreedProbationMonths - max);
  if (excess === 0) {
    return {
      excess,
      step: text(
        `约定试用期${input.agreedProbationMonths}个月，没有超过上限`,
        `the agreed ${input.agreedProbationMonths} months are within the limit`,
      ),
    };
  }
  return {
    excess,
    step: text(
      `约定试用期${input.agreedProbationMonths}个月，超出${excess}个月：违法；超出部分已经履行的，公司按试用期满后的月工资标准向你支付赔偿金`,
      `the agreed ${input.agreedProbationMonths} months exceed the limit by ${excess}: unlawful; for the excess already served the employer owes damages at the post-probation monthly wage`,
    ),
  };
}

/**
 * The longest lawful probation and the lowest probation pay.
 * @example
 *   probation({ contractKind: 'open_ended' }, { local: { minimumWage: 2500 } }).figures
 *   // → { maxProbationMonths: 6, excessMonths: null, lowestPay: 2500 }
 */
export function probation(input: ProbationInput, context: CalculatorContext = {}): Entitlement<ProbationFigures> {
  const max = input.contractKind ? maxProbationMonths(input.contractKind, input.contractMonths) : null;
  const excess = excessStep(input, max);
  const pay = payFloor(input, context);
  const assumptions = [
    text(
      '同一单位对同一劳动者只能约定一次试用期；试用期包含在合同期限内，合同只约定试用期的，试用期不成立，该期限就是合同期限。',
      'An employer may set probation only once for the same worker; it is part of the contract term, and a contract that only sets a probation is a contract for that term.',
    ),
  ];
  if (pay.unset.length) {
    assumptions.push(
      text(
        `试用期工资还不得低于当地最低工资标准；最低工资标准${publishedBy.zh}。`,
        `Probation pay may never be below the local minimum wage (${publishedBy.en}).`,
      ),
    );
  }
  if (max === null) {
    assumptions.push(
      text(
        '试用期最长多久看合同期限：不满三个月或以完成一定工作任务为期限的不得约定；三个月以上不满一年最长1个月；一年以上不满三年最长2个月；三年以上或无固定期限最长6个月。',
        'How long probation may last depends on the contract: none under 3 months or for a task; 1 month for 3 months to under a year; 2 months for 1 to under 3 years; 6 months for 3 years or more, or open-ended.',
      ),
    );
  }
  if (input.agreedMonthlyWage && input.lowestWageSamePost) {
    assumptions.push(
      text(
        '法律写的是“相同岗位最低档工资或者约定工资的80%”，两个标准取哪个有争议；以上取较低者，低于它肯定违法。',
        'The law names two standards joined by “or” and which binds is disputed; the lower is shown: pay below it is unlawful on any reading.',
      ),
    );
  }
  return {
    calculator: 'probation',
    figures: { maxProbationMonths: max, excessMonths: excess.excess, lowestPay: pay.lowestPay },
    working: [...(max === null ? [] : [lengthStep(input, max)]), ...(excess.step ? [excess.step] : []), ...pay.steps],
    assumptions,
    basis: [...cite('labourContract', 19, 20, ...(excess.excess ? [83] : [])), ...cite('labourContractRegulations', 15)],
    unsetLocalFigures: pay.unset,
  };
}
