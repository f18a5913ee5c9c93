/**
 * Overtime pay (劳动法 44): 150 % of the hourly wage for hours beyond the working day, 200 % on a rest day
 * unless equal time off is given instead, 300 % on a statutory holiday; the hourly wage is the monthly wage
 * ÷ 21.75 ÷ 8. Hours beyond 36 a month or 3 in a day are flagged (41). Under a comprehensive-hours scheme
 * the hours beyond the period's standard total are the overtime (工资支付暂行规定 13).
 *
 * @example
 *   overtimePay({ monthlyWage: 5500, workdayHours: 40 }).figures.total // → 1896.55
 */
import { z } from 'zod';
import { num, percent, roundFen, yuanEn, yuanZh } from './amounts.js';
import { cite, conversionNotice, HOURS_PER_DAY, PAID_DAYS_PER_MONTH } from './statutes.js';
import { type Entitlement, type LegalBasis, type Text, text } from './types.js';

const hours = z.number().min(0).max(744);
const days = z.number().min(0).max(31);

export const overtimeInput = z
  .object({
    monthlyWage: z.number().positive().describe('Monthly wage agreed in the contract (the overtime base)'),
    workdayHours: hours.optional().describe('Hours worked beyond the normal working day on working days'),
    restDayHours: hours.optional().describe('Hours worked on rest days (weekends)'),
    restDayDays: days.optional().describe('Whole rest days worked (8 hours each), instead of restDayHours'),
    holidayHours: hours.optional().describe('Hours worked on statutory public holidays'),
    holidayDays: days.optional().describe('Whole statutory holidays worked (8 hours each), instead of holidayHours'),
    restDayTimeOffGiven: z.boolean().optional().describe('True when equal time off was given for the rest-day work'),
    restDayTimeOffHours: hours.optional().describe('When time off was given for only part of the rest-day work: the hours given back'),
    longestWorkdayOvertime: hours.optional().describe('Most overtime hours on a single working day'),
    months: z.number().int().min(1).max(24).optional().describe('How many months the hours cover (default 1)'),
    comprehensive: z
      .object({
        periodMonths: z.number().int().min(1).max(12).describe('Length of the scheme period in months'),
        hoursWorked: z.number().min(0).max(9000).describe('All hours worked in the period, statutory holidays excepted'),
      })
      .strict()
      .optional()
      .describe('Only under an approved comprehensive working-hours scheme (综合计算工时工作制)'),
  })
  .strict();
export type OvertimeInput = z.infer<typeof overtimeInput>;

export type OvertimeFigures = {
  hourlyWage: number;
  workdayPay: number;
  restDayPay: number;
  holidayPay: number;
  total: number;
  /** All overtime hours, rest-day and holiday work included. */
  overtimeHours: number;
  /** Hours beyond 36 a month over the months covered (0 when within the limit). */
  hoursOverMonthlyCap: number;
  overDailyLimit: boolean;
};

// 劳动部 wage notice: 250 working days a year ÷ 12 = 20.83 days, 8 hours each.
const STANDARD_HOURS_PER_MONTH = 20.83 * HOURS_PER_DAY;
const MONTHLY_CAP = 36;
const DAILY_CAP = 3;

interface Part {
  hours: number;
  pay: number;
  steps: Text[];
}

function paidHours(label: Text, hoursWorked: number, dayCount: number | undefined, rate: number, wage: number): Part {
  const steps: Text[] = [];
  let total = hoursWorked;
  if (dayCount) {
    total += dayCount * HOURS_PER_DAY;
    steps.push(
      text(
        `${label.zh}：${num(dayCount)}天 × 8小时 = ${num(dayCount * HOURS_PER_DAY)}小时`,
        `${label.en}: ${num(dayCount)} days × 8 hours = ${num(dayCount * HOURS_PER_DAY)} hours`,
      ),
    );
  }
  const pay = roundFen(((total * wage) / PAID_DAYS_PER_MONTH / HOURS_PER_DAY) * rate);
  if (total > 0) {
    steps.push(
      text(
        `${label.zh}：${num(total)}小时 × ${yuanZh(wage)} ÷ 21.75 ÷ 8 × ${percent(rate)} = ${yuanZh(pay)}`,
        `${label.en}: ${num(total)} hours × ${yuanEn(wage)} ÷ 21.75 ÷ 8 × ${percent(rate)} = ${yuanEn(pay)}`,
      ),
    );
  }
  return { hours: total, pay, steps };
}

function comprehensivePart(input: OvertimeInput): Part {
  const { periodMonths, hoursWorked } = input.comprehensive!;
  const standard = roundFen(periodMonths * STANDARD_HOURS_PER_MONTH);
  const over = roundFen(Math.max(0, hoursWorked - standard));
  const head = text(
    `综合计算工时：${periodMonths}个月标准工时 = ${periodMonths} × 20.83天 × 8小时 = ${num(standard)}小时；实际工作${num(hoursWorked)}小时 → 超出${num(over)}小时，视为延长工作时间`,
    `comprehensive hours: the standard for ${periodMonths} months = ${periodMonths} × 20.83 days × 8 hours = ${num(standard)} hours; ${num(hoursWorked)} hours worked → ${num(over)} hours over, counted as overtime`,
  );
  const part = paidHours(text('超出部分', 'hours over'), over, undefined, 1.5, input.monthlyWage);
  return { ...part, steps: [head, ...part.steps] };
}

function restDayPart(input: OvertimeInput): Part {
  const label = text('休息日加班', 'rest-day work');
  const part = paidHours(label, input.restDayHours ?? 0, input.restDayDays, 2, input.monthlyWage);
  const back = input.restDayTimeOffGiven ? part.hours : Math.min(input.restDayTimeOffHours ?? 0, part.hours);
  if (back === 0) return part;
  const steps = part.steps.slice(0, input.restDayDays ? 1 : 0);
  if (back === part.hours) {
    steps.push(
      text(
        `休息日加班${num(part.hours)}小时已安排同等时间补休 → 不另付加班费`,
        `${num(part.hours)} rest-day hours were given back as time off → no overtime pay`,
      ),
    );
    return { hours: part.hours, pay: 0, steps };
  }
  // 劳动法 44 (二): only the rest-day hours not given back as time off are paid at 200 %.
  steps.push(
    text(
      `其中${num(back)}小时已安排同等时间补休，不付加班费`,
      `${num(back)} of these hours were given back as time off: no overtime pay for them`,
    ),
  );
  const paid = paidHours(label, part.hours - back, undefined, 2, input.monthlyWage);
  return { hours: part.hours, pay: paid.pay, steps: [...steps, ...paid.steps] };
}

function limitSteps(input: OvertimeInput, overtimeHours: number): { over: number; overDaily: boolean; steps: Text[] } {
  const months = input.comprehensive?.periodMonths ?? input.months ?? 1;
  const cap = MONTHLY_CAP * months;
  const over = roundFen(Math.max(0, overtimeHours - cap));
  const overDaily = (input.longestWorkdayOvertime ?? 0) > DAILY_CAP;
  const steps: Text[] = [];
  if (over > 0) {
    steps.push(
      text(
        `加班共${num(overtimeHours)}小时，超过法定上限（每月36小时${months > 1 ? ` × ${months}个月` : ''}）${num(over)}小时：公司违法延长工作时间，但加班费照付`,
        `${num(overtimeHours)} overtime hours exceed the legal limit (36 a month${months > 1 ? ` × ${months} months` : ''}) by ${num(over)}: the employer broke the law, and the overtime is still paid`,
      ),
    );
  }
  if (overDaily) {
    steps.push(
      text(
        `单日延长工作时间${num(input.longestWorkdayOvertime!)}小时，超过每日3小时的上限`,
        `${num(input.longestWorkdayOvertime!)} hours of overtime in one day exceed the 3-hour daily limit`,
      ),
    );
  }
  return { over, overDaily, steps };
}

/**
 * Overtime pay for the hours given, with the legal limits checked.
 * @example
 *   overtimePay({ monthlyWage: 6000, restDayDays: 2 }).figures.restDayPay // → 1103.45
 */
export function overtimePay(input: OvertimeInput): Entitlement<OvertimeFigures> {
  const wage = input.monthlyWage;
  const hourlyWage = roundFen(wage / PAID_DAYS_PER_MONTH / HOURS_PER_DAY);
  const workday = input.comprehensive
    ? comprehensivePart(input)
    : paidHours(text('工作日延长工作时间', 'working-day overtime'), input.workdayHours ?? 0, undefined, 1.5, wage);
  const restDay = input.comprehensive ? { hours: 0, pay: 0, steps: [] } : restDayPart(input);
  const holiday = paidHours(text('法定休假日加班', 'statutory-holiday work'), input.holidayHours ?? 0, input.holidayDays, 3, wage);
  const total = roundFen(workday.pay + restDay.pay + holiday.pay);
  const overtimeHours = roundFen(workday.hours + restDay.hours + holiday.hours);
  const limits = limitSteps(input, overtimeHours);
  const working = [
    text(
      `小时工资 = ${yuanZh(wage)} ÷ 21.75天 ÷ 8小时 ≈ ${yuanZh(hourlyWage)}（${conversionNotice.zh}）`,
      `hourly wage = ${yuanEn(wage)} ÷ 21.75 days ÷ 8 hours ≈ ${yuanEn(hourlyWage)} (${conversionNotice.en})`,
    ),
    ...workday.steps,
    ...restDay.steps,
    ...holiday.steps,
    text(`合计：${yuanZh(total)}`, `total: ${yuanEn(total)}`),
    ...limits.steps,
  ];
  return {
    calculator: 'overtime_pay',
    figures: {
      hourlyWage,
      workdayPay: workday.pay,
      restDayPay: restDay.pay,
      holidayPay: holiday.pay,
      total,
      overtimeHours,
      hoursOverMonthlyCap: limits.over,
      overDailyLimit: limits.overDaily,
    },
    working,
    assumptions: assumptions(input),
    basis: basis(input),
    unsetLocalFigures: [],
  };
}

function assumptions(input: OvertimeInput): Text[] {
  const list = [
    text(
      '加班费以劳动合同约定的工资为基数；合同没约定的，一般按你正常出勤的月工资计算。',
      'The base is the wage agreed in the contract; without one, usually your normal monthly wage.',
    ),
    text('每月36小时的上限把休息日、法定休假日加班也算在内。', 'The 36-hour monthly limit counts rest-day and holiday work too.'),
    text(
      '实行不定时工作制的岗位不按以上标准计算加班费。',
      'Posts under an approved flexible (不定时) hours scheme are not paid overtime this way.',
    ),
  ];
  if (!input.comprehensive && (input.restDayHours || input.restDayDays) && !input.restDayTimeOffGiven) {
    list.unshift(
      input.restDayTimeOffHours
        ? text('其余休息日加班按公司没有安排补休计算。', 'The other rest-day hours are counted as not given back as time off.')
        : text(
            '休息日加班按公司没有安排补休计算；安排了同等时间补休的，不付200%。',
            'Rest-day work is counted as not given back as time off; with equal time off there is no 200 %.',
          ),
    );
  }
  if (input.comprehensive) {
    list.unshift(
      text(
        '综合计算工时工作制须经劳动行政部门批准；没有批准的，按标准工时计算加班。',
        "A comprehensive-hours scheme needs the labour authority's approval; without it, the standard rules apply.",
      ),
    );
  } else if (!input.months || input.months === 1) {
    list.unshift(text('以上小时数按一个月计。', "The hours are taken as one month's."));
  }
  return list;
}

function basis(input: OvertimeInput): LegalBasis[] {
  const days = input.restDayDays || input.holidayDays;
  return [...cite('labour', ...(days ? [36] : []), 41, 44), ...cite('wagePayment', 13)];
}
