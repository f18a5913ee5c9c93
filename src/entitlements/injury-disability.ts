/**
 * Work-injury disability benefits by grade (工伤保险条例 35–37): a one-off disability subsidy of 27 … 7
 * months of the worker's own wage, a monthly disability allowance for grades 1–4 (90 … 75 %) and for grades
 * 5–6 without suitable work (70 / 60 %). The own wage is the average of the 12 months before the injury,
 * kept between 60 % and 300 % of the pooling area's average wage (64).
 *
 * @example
 *   injuryDisability({ grade: 7, ownMonthlyWage: 5000 }).figures.oneOffSubsidy // → 65000
 */
import { z } from 'zod';
import { percent, roundFen, yuanEn, yuanZh } from './amounts.js';
import { cite, publishedBy } from './statutes.js';
import { type CalculatorContext, type Entitlement, type LocalFigureName, type Text, text } from './types.js';

export const injuryInput = z
  .object({
    grade: z.number().int().min(1).max(10).describe('Disability grade 1 (most severe) to 10'),
    ownMonthlyWage: z.number().positive().describe('Average monthly contribution wage of the 12 months before the injury'),
    suitableWorkArranged: z.boolean().optional().describe('Grades 5–6: true when the employer arranged suitable work'),
  })
  .strict();
export type InjuryInput = z.infer<typeof injuryInput>;

export type InjuryFigures = {
  /** The own wage after the 60 % / 300 % bounds. */
  wageBase: number;
  subsidyMonths: number;
  oneOffSubsidy: number;
  /** Share of the wage paid monthly; null when no allowance applies. */
  allowanceRate: number | null;
  monthlyAllowance: number | null;
};

const subsidyMonths = [27, 25, 23, 21, 18, 16, 13, 11, 9, 7];
const allowanceRates = [0.9, 0.85, 0.8, 0.75, 0.7, 0.6];

function boundedWage(own: number, context: CalculatorContext): { wage: number; steps: Text[]; unset: LocalFigureName[] } {
  const average = context.local?.injuryAverageMonthlyWage;
  if (average === undefined) return { wage: own, steps: [], unset: ['injuryAverageMonthlyWage'] };
  const low = roundFen(average * 0.6);
  const high = roundFen(average * 3);
  if (own < low) {
    return {
      wage: low,
      unset: [],
      steps: [
        text(
          `本人工资${yuanZh(own)}低于统筹地区职工平均工资的60%（${yuanZh(low)}）→ 按${yuanZh(low)}计`,
          `own wage ${yuanEn(own)} is below 60 % of the area average (${yuanEn(low)}) → ${yuanEn(low)} applies`,
        ),
      ],
    };
  }
  if (own > high) {
    return {
      wage: high,
      unset: [],
      steps: [
        text(
          `本人工资${yuanZh(own)}高于统筹地区职工平均工资的300%（${yuanZh(high)}）→ 按${yuanZh(high)}计`,
          `own wage ${yuanEn(own)} is above 300 % of the area average (${yuanEn(high)}) → ${yuanEn(high)} applies`,
        ),
      ],
    };
  }
  return { wage: own, steps: [], unset: [] };
}

function allowance(
  input: InjuryInput,
  wage: number,
  minimumWage: number | undefined,
): { rate: number | null; amount: number | null; steps: Text[] } {
  const rate = allowanceRates[input.grade - 1];
  if (rate === undefined || (input.grade >= 5 && input.suitableWorkArranged === true)) return { rate: null, amount: null, steps: [] };
  const raw = roundFen(wage * rate);
  const amount = minimumWage !== undefined && raw < minimumWage ? minimumWage : raw;
  const who =
    input.grade <= 4
      ? text('工伤保险基金按月支付', 'paid monthly by the injury-insurance fund')
      : text('用人单位按月发给（难以安排工作时）', 'paid monthly by the employer (when no suitable work is arranged)');
  const steps = [
    text(
      `伤残津贴：${yuanZh(wage)} × ${percent(rate)} = ${yuanZh(raw)}，${who.zh}`,
      `disability allowance: ${yuanEn(wage)} × ${percent(rate)} = ${yuanEn(raw)}, ${who.en}`,
    ),
  ];
  if (amount !== raw)
    steps.push(text(`低于当地最低工资标准，补足到${yuanZh(amount)}`, `below the local minimum wage, made up to ${yuanEn(amount)}`));
  return { rate, amount, steps };
}

function gradeNotes(input: InjuryInput): Text[] {
  const notes: Text[] = [];
  if (input.grade <= 4) {
    notes.push(
      text(
        '一至四级：保留劳动关系，退出工作岗位；达到退休年龄办理退休后停发伤残津贴，改领养老保险待遇（低于伤残津贴的由基金补足）。',
        'Grades 1–4 keep the employment but leave the post; at retirement the allowance stops and the pension takes over (made up to the allowance if lower).',
      ),
    );
  } else {
    notes.push(
      text(
        '五至十级：本人提出解除或终止劳动关系（七至十级合同期满终止也是）时，还有一次性工伤医疗补助金（工伤保险基金支付）和一次性伤残就业补助金（用人单位支付），具体标准由省、自治区、直辖市人民政府规定。',
        "Grades 5–10: on leaving the job at the worker's request (for grades 7–10 also when the contract expires) there are a one-off injury medical subsidy (from the fund) and a one-off disability employment subsidy (from the employer), at amounts the province sets.",
      ),
    );
  }
  if (input.grade >= 5 && input.grade <= 6 && input.suitableWorkArranged === undefined) {
    notes.push(
      text(
        '五、六级：单位应安排适当工作；难以安排的，才按月发伤残津贴（以上按没有安排计算）。',
        'Grades 5–6: the employer should arrange suitable work; only if it cannot is the allowance paid (shown as if none was arranged).',
      ),
    );
  }
  return notes;
}

/**
 * Disability benefits for a work injury of the given grade.
 * @example
 *   injuryDisability({ grade: 4, ownMonthlyWage: 6000 }).figures.monthlyAllowance // → 4500
 */
export function injuryDisability(input: InjuryInput, context: CalculatorContext = {}): Entitlement<InjuryFigures> {
  const bounded = boundedWage(input.ownMonthlyWage, context);
  const months = subsidyMonths[input.grade - 1]!;
  const oneOffSubsidy = roundFen(months * bounded.wage);
  const monthly = allowance(input, bounded.wage, context.local?.minimumWage);
  const assumptions: Text[] = [
    text(
      '本人工资是受伤（或患职业病）前12个月的平均月缴费工资。',
      'The own wage is the average monthly contribution wage of the 12 months before the injury or disease.',
    ),
    ...gradeNotes(input),
  ];
  if (bounded.unset.length) {
    assumptions.push(
      text(
        `本人工资低于统筹地区职工平均工资60%的按60%计，高于300%的按300%计；这个平均工资${publishedBy.zh}。`,
        `An own wage below 60 % of the area's average wage counts as 60 %, above 300 % as 300 %; the average is ${publishedBy.en}.`,
      ),
    );
  }
  const unset = [...bounded.unset];
  if (monthly.rate !== null && context.local?.minimumWage === undefined) {
    unset.push('minimumWage');
    assumptions.push(text('伤残津贴低于当地最低工资标准的，补足差额。', 'An allowance below the local minimum wage is made up to it.'));
  }
  return {
    calculator: 'injury_disability',
    figures: {
      wageBase: bounded.wage,
      subsidyMonths: months,
      oneOffSubsidy,
      allowanceRate: monthly.rate,
      monthlyAllowance: monthly.amount,
    },
    working: [
      ...bounded.steps,
      text(
        `${input.grade}级伤残：一次性伤残补助金 = ${months}个月 × ${yuanZh(bounded.wage)} = ${yuanZh(oneOffSubsidy)}`,
        `grade ${input.grade}: one-off disability subsidy = ${months} months × ${yuanEn(bounded.wage)} = ${yuanEn(oneOffSubsidy)}`,
      ),
      ...monthly.steps,
    ],
    assumptions,
    basis: cite('workInjury', input.grade <= 4 ? 35 : input.grade <= 6 ? 36 : 37, 64),
    unsetLocalFigures: unset,
  };
}
