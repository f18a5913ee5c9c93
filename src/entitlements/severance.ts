/**
 * Economic compensation N on leaving a job (劳动合同法 47), the double N owed for an unlawful dismissal (87)
 * and the month's wage in lieu of notice (40; 实施条例 20). Whether N is owed at all is severance-owed.ts.
 */
import { z } from 'zod';
import { roundFen, yuanEn, yuanZh } from './amounts.js';
import { countedText, durationSchema, durationText, severanceMonths } from './service-length.js';
import { cite, publishedBy } from './statutes.js';
import { type CalculatorContext, type Entitlement, type LocalFigureName, type Text, text } from './types.js';

export const severanceInput = z
  .object({
    service: durationSchema.describe('Length of service with this employer up to the end of the contract'),
    monthlyWage: z
      .number()
      .positive()
      .describe('Average monthly wage of the last 12 months before the end (all wages, bonuses and allowances)'),
    startedBefore2008: z.boolean().optional().describe('True when the job began before 2008-01-01'),
  })
  .strict();
export type SeveranceInput = z.infer<typeof severanceInput>;

export type SeveranceFigures = {
  /** Months of wages before the cap (4年8个月 → 5). */
  countedMonths: number;
  /** Months actually paid: countedMonths, or at most 12 when the wage cap applies. */
  paidMonths: number;
  /** The monthly wage the months are paid at (the wage, the minimum wage, or three times the average). */
  wageBase: number;
  capped: boolean;
  amount: number;
};

interface Base {
  wage: number;
  capped: boolean;
  steps: Text[];
  assumptions: Text[];
  unset: LocalFigureName[];
}

/** The wage N is paid at: raised to the minimum wage (实施条例 27), lowered to three times the average (47). */
function wageBase(monthlyWage: number, context: CalculatorContext): Base {
  const { averageMonthlyWage, minimumWage } = context.local ?? {};
  const base: Base = { wage: monthlyWage, capped: false, steps: [], assumptions: [], unset: [] };
  if (minimumWage === undefined) {
    base.unset.push('minimumWage');
    base.assumptions.push(
      text(
        `如果你前12个月的平均工资低于当地最低工资标准，应按最低工资标准计算；最低工资标准${publishedBy.zh}。`,
        `If your average wage over the last 12 months was below the local minimum wage, the minimum wage applies (${publishedBy.en}).`,
      ),
    );
  } else if (monthlyWage < minimumWage) {
    base.wage = minimumWage;
    base.steps.push(
      text(
        `月平均工资${yuanZh(monthlyWage)}低于当地最低工资标准${yuanZh(minimumWage)} → 按${yuanZh(minimumWage)}计`,
        `average wage ${yuanEn(monthlyWage)} is below the local minimum wage ${yuanEn(minimumWage)} → ${yuanEn(minimumWage)} applies`,
      ),
    );
  }
  if (averageMonthlyWage === undefined) {
    base.unset.push('averageMonthlyWage');
    base.assumptions.push(
      text(
        `如果你的月工资低于当地上年度职工月平均工资的三倍，以上就是结果；如果高于三倍，按三倍的数额计算，年限最多算12年。这个平均工资由直辖市、设区的市人民政府公布，可向当地人社局查询。`,
        `If your monthly wage is below three times the local average monthly wage of last year, this is the result; above it, three times the average applies and at most 12 years count. The city government publishes that average (ask the local human-resources and social-security bureau).`,
      ),
    );
  } else if (base.wage > 3 * averageMonthlyWage) {
    const cap = roundFen(3 * averageMonthlyWage);
    base.steps.push(
      text(
        `月工资${yuanZh(base.wage)}高于当地上年度职工月平均工资的三倍（3 × ${yuanZh(averageMonthlyWage)} = ${yuanZh(cap)}）→ 按${yuanZh(cap)}计，年限最多12年`,
        `monthly wage ${yuanEn(base.wage)} is above three times the local average (3 × ${yuanEn(averageMonthlyWage)} = ${yuanEn(cap)}) → ${yuanEn(cap)} applies, for at most 12 years`,
      ),
    );
    base.wage = cap;
    base.capped = true;
  }
  return base;
}

function computeSeverance(input: SeveranceInput, context: CalculatorContext) {
  const base = wageBase(input.monthlyWage, context);
  const countedMonths = severanceMonths(input.service);
  const paidMonths = base.capped ? Math.min(countedMonths, 12) : countedMonths;
  const amount = roundFen(paidMonths * base.wage);
  const service = durationText(input.service);
  const counted = countedText(input.service, countedMonths);
  const capStep = paidMonths < countedMonths ? { zh: ' → 封顶12年', en: ' → capped at 12 years' } : { zh: '', en: '' };
  const steps = [
    ...base.steps,
    text(
      `${service.zh} → ${counted.zh}${capStep.zh} → ${paidMonths}个月 × ${yuanZh(base.wage)} = ${yuanZh(amount)}`,
      `${service.en} → ${counted.en}${capStep.en} → ${paidMonths} months × ${yuanEn(base.wage)} = ${yuanEn(amount)}`,
    ),
  ];
  const figures: SeveranceFigures = { countedMonths, paidMonths, wageBase: base.wage, capped: base.capped, amount };
  return { figures, steps, base };
}

const wageMeaning = text(
  '月工资按解除或终止前12个月的平均应得工资计算，包括计时或计件工资以及奖金、津贴和补贴；工作不满12个月的，按实际工作的月数平均。',
  'The monthly wage is the average wage due over the 12 months before the end, including time or piece wages, bonuses, allowances and subsidies; with under 12 months, the average over the months worked.',
);

/**
 * Economic compensation N (经济补偿). Whether it is owed at all: `severanceOwed`.
 * @example
 *   severance({ service: { years: 4, months: 8 }, monthlyWage: 5500 }).figures.amount // → 27500
 */
export function severance(input: SeveranceInput, context: CalculatorContext = {}): Entitlement<SeveranceFigures> {
  const { figures, steps, base } = computeSeverance(input, context);
  const assumptions = [
    wageMeaning,
    ...base.assumptions,
    text(
      '以上假设公司依法应当支付经济补偿（例如公司提出协商解除、无过失辞退、裁员、合同到期公司不续签）；你自己主动辞职或因严重违纪被解除的一般没有。',
      'This assumes compensation is owed (e.g. the employer proposed ending the contract, a no-fault dismissal, a layoff, a fixed term not renewed by the employer); resigning of your own accord or dismissal for serious misconduct usually gives none.',
    ),
  ];
  if (input.startedBefore2008) {
    assumptions.push(
      text(
        '2008年1月1日以前的工作年限，按当时的有关规定计算经济补偿（劳动合同法第九十七条）；以上按全部年限粗算。',
        'Years before 1 January 2008 are compensated under the rules of that time (劳动合同法 art. 97); the figure above counts all years.',
      ),
    );
  }
  return {
    calculator: 'severance',
    figures,
    working: steps,
    assumptions,
    basis: [...cite('labourContract', 46, 47, ...(input.startedBefore2008 ? [97] : [])), ...cite('labourContractRegulations', 27)],
    unsetLocalFigures: base.unset,
  };
}

export type UnlawfulTerminationFigures = SeveranceFigures & {
  /** Twice the severance amount: the damages (赔偿金) instead of N, not on top of it. */
  compensation: number;
};

/**
 * Damages for an unlawful dismissal (违法解除赔偿金): twice N, paid instead of N.
 * @example
 *   unlawfulTermination({ service: { years: 4, months: 8 }, monthlyWage: 5500 }).figures.compensation // → 55000
 */
export function unlawfulTermination(input: SeveranceInput, context: CalculatorContext = {}): Entitlement<UnlawfulTerminationFigures> {
  const { figures, steps, base } = computeSeverance(input, context);
  const compensation = roundFen(2 * figures.amount);
  const last = steps.pop()!;
  steps.push(
    text(`${last.zh}；违法解除为二倍：${yuanZh(compensation)}`, `${last.en}; unlawful dismissal pays twice: ${yuanEn(compensation)}`),
  );
  return {
    calculator: 'unlawful_termination',
    figures: { ...figures, compensation },
    working: steps,
    assumptions: [
      wageMeaning,
      ...base.assumptions,
      text(
        '赔偿金代替经济补偿，不会两项都拿；年限从用工之日起计算（包括2008年以前）。你也可以不要赔偿金而要求继续履行劳动合同。',
        'The damages replace the compensation (you do not get both); the years count from the first day of work, 2008 or earlier included. Instead of damages you may ask to keep the job.',
      ),
    ],
    basis: [...cite('labourContract', 47, 48, 87), ...cite('labourContractRegulations', 25)],
    unsetLocalFigures: base.unset,
  };
}

export const noticePayInput = z
  .object({
    lastMonthWage: z.number().positive().describe("The worker's wage of the month before the dismissal"),
  })
  .strict();
export type NoticePayInput = z.infer<typeof noticePayInput>;

/**
 * The extra month's wage in lieu of 30 days' written notice (代通知金), for a dismissal under 劳动合同法 40.
 * @example
 *   noticePay({ lastMonthWage: 6000 }).figures.amount // → 6000
 */
export function noticePay(input: NoticePayInput): Entitlement<{ amount: number }> {
  const amount = roundFen(input.lastMonthWage);
  return {
    calculator: 'notice_pay',
    figures: { amount },
    working: [text(`代通知金 = 上一个月的工资 = ${yuanZh(amount)}`, `pay in lieu of notice = last month's wage = ${yuanEn(amount)}`)],
    assumptions: [
      text(
        '只适用于公司以劳动合同法第四十条的理由（患病或非因工负伤医疗期满不能工作、不能胜任工作、客观情况重大变化）解除合同、又没有提前三十日书面通知的情况；另外还应支付经济补偿。',
        "It applies only when the employer dismisses under art. 40 of the Labour Contract Law (unable to work after the medical period, incompetence, a major change of circumstances) without 30 days' written notice; severance is owed on top.",
      ),
    ],
    basis: [...cite('labourContract', 40, 46), ...cite('labourContractRegulations', 20)],
    unsetLocalFigures: [],
  };
}
