/**
 * The calculators as model tools: one OpenAI function-calling description each, and `runTool`, which
 * validates a model's arguments with the same zod schema the description was generated from, so the model
 * picks a tool and fills in facts but never does the arithmetic. Local figures and today's date come from
 * the caller, never from the model.
 *
 * @example
 *   const outcome = runTool('severance', '{"service":{"years":4,"months":8},"monthlyWage":5500}', { local });
 *   if (outcome.ok) reply(formatEntitlement(outcome.result, 'zh'));
 *   else sendBackToModel(outcome.error.message);
 */
import { z } from 'zod';
import { annualLeaveDays, annualLeaveInput, unusedAnnualLeavePay, unusedLeavePayInput } from './annual-leave.js';
import { arbitrationDeadline, arbitrationInput } from './arbitration-deadline.js';
import { doubleWageInput, doubleWageNoContract } from './double-wage.js';
import { injuryDisability, injuryInput } from './injury-disability.js';
import { maternityInput, maternityLeave } from './maternity-leave.js';
import { overtimeInput, overtimePay } from './overtime-pay.js';
import { probation, probationInput } from './probation.js';
import { noticePay, noticePayInput, severance, severanceInput, unlawfulTermination } from './severance.js';
import { severanceOwed, severanceOwedInput } from './severance-owed.js';
import { type CalculatorContext, type CalculatorName, calculatorNames, type Entitlement } from './types.js';

interface Tool<S extends z.ZodType> {
  description: string;
  input: S;
  run: (args: z.infer<S>, context: CalculatorContext) => Entitlement;
}

// `tool` keeps each run's argument type tied to its own schema.
function tool<S extends z.ZodType>(t: Tool<S>): Tool<z.ZodType> {
  return t as unknown as Tool<z.ZodType>;
}

const tools: Record<CalculatorName, Tool<z.ZodType>> = {
  severance: tool({
    description:
      'Economic compensation N (经济补偿) when a job ends: one month per full year, six months or more count as a year, less as half a month; capped at three times the local average wage and 12 years (劳动合同法 47). Call severance_owed first if it is unclear whether N is owed.',
    input: severanceInput,
    run: severance,
  }),
  unlawful_termination: tool({
    description:
      'Damages for an unlawful dismissal (违法解除赔偿金): twice the economic compensation N, paid instead of N (劳动合同法 87).',
    input: severanceInput,
    run: unlawfulTermination,
  }),
  notice_pay: tool({
    description:
      "The extra month's wage in lieu of 30 days' notice (代通知金) for a dismissal under 劳动合同法 40 (illness, incompetence, changed circumstances).",
    input: noticePayInput,
    run: (args) => noticePay(args),
  }),
  severance_owed: tool({
    description:
      'Whether economic compensation is owed at all, none, or twice (illegal dismissal), by how the job ended (劳动合同法 46, 87).',
    input: severanceOwedInput,
    run: (args) => severanceOwed(args),
  }),
  double_wage_no_contract: tool({
    description:
      'Double wages for working without a written labour contract (未签劳动合同二倍工资): the extra wage from the second month, at most 11 months (劳动合同法 82).',
    input: doubleWageInput,
    run: (args) => doubleWageNoContract(args),
  }),
  overtime_pay: tool({
    description:
      'Overtime pay (加班费): 150 % on working days, 200 % on rest days without time off in lieu, 300 % on statutory holidays, hourly wage = monthly ÷ 21.75 ÷ 8; flags hours over the legal limits (劳动法 41, 44).',
    input: overtimeInput,
    run: (args) => overtimePay(args),
  }),
  annual_leave_days: tool({
    description:
      'Paid annual leave days (年休假): 5, 10 or 15 by cumulative years of work, prorated for a worker joining or leaving during the year (职工带薪年休假条例 3).',
    input: annualLeaveInput,
    run: (args) => annualLeaveDays(args),
  }),
  unused_annual_leave_pay: tool({
    description:
      'Pay for annual leave not taken (未休年休假工资): 300 % of the daily wage, the normal wage included, so 200 % on top; daily wage = monthly ÷ 21.75.',
    input: unusedLeavePayInput,
    run: (args) => unusedAnnualLeavePay(args),
  }),
  probation: tool({
    description: 'The longest lawful probation for a contract length and the lowest probation pay (试用期, 劳动合同法 19–20).',
    input: probationInput,
    run: probation,
  }),
  maternity_leave: tool({
    description:
      'Days of maternity leave (产假): 98, +15 for a difficult birth, +15 per extra baby; after a miscarriage 15 or 42 days; plus the provincial extra when configured (女职工劳动保护特别规定 7).',
    input: maternityInput,
    run: maternityLeave,
  }),
  injury_disability: tool({
    description:
      'Work-injury disability benefits by grade 1–10 (工伤伤残待遇): the one-off disability subsidy and the monthly disability allowance (工伤保险条例 35–37).',
    input: injuryInput,
    run: injuryDisability,
  }),
  arbitration_deadline: tool({
    description:
      'The last day to apply for labour arbitration (仲裁时效): one year from when the worker knew of the infringement; unpaid wages are not limited while the job lasts (劳动争议调解仲裁法 27).',
    input: arbitrationInput,
    run: arbitrationDeadline,
  }),
};

/** An OpenAI chat-completions tool (the shape `tools: [...]` takes). */
export interface FunctionTool {
  type: 'function';
  function: { name: CalculatorName; description: string; parameters: Record<string, unknown> };
}

function parametersOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...parameters } = z.toJSONSchema(schema, { target: 'draft-7', io: 'input' });
  return parameters;
}

/** Every calculator as a function-calling tool, in a fixed order. */
export const entitlementTools: FunctionTool[] = calculatorNames.map((name) => ({
  type: 'function',
  function: { name, description: tools[name].description, parameters: parametersOf(tools[name].input) },
}));

export type ToolErrorCode = 'unknown_tool' | 'bad_arguments';

export interface ToolError {
  code: ToolErrorCode;
  /** Says what to fix; safe to send back to the model (no argument values in it). */
  message: string;
  issues?: Array<{ path: string; message: string }>;
}

export type ToolOutcome = { ok: true; result: Entitlement } | { ok: false; error: ToolError };

export function isCalculatorName(name: string): name is CalculatorName {
  return (calculatorNames as readonly string[]).includes(name);
}

function parseArguments(args: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof args !== 'string') return { ok: true, value: args };
  try {
    return { ok: true, value: JSON.parse(args) };
  } catch {
    return { ok: false };
  }
}

/**
 * Runs a calculator on a model's arguments (an object or its JSON text); never throws for bad input.
 * @example
 *   runTool('notice_pay', { lastMonthWage: 6000 })        // → { ok: true, result: { figures: { amount: 6000 }, … } }
 *   runTool('notice_pay', { lastMonthWage: -1 }).ok       // → false (error.code 'bad_arguments')
 */
export function runTool(name: string, args: unknown, context: CalculatorContext = {}): ToolOutcome {
  if (!isCalculatorName(name)) {
    return { ok: false, error: { code: 'unknown_tool', message: `unknown tool "${name}": use one of ${calculatorNames.join(', ')}` } };
  }
  const parsed = parseArguments(args);
  if (!parsed.ok) {
    return { ok: false, error: { code: 'bad_arguments', message: `the arguments for ${name} are not valid JSON: send one JSON object` } };
  }
  const checked = tools[name].input.safeParse(parsed.value);
  if (!checked.success) {
    const issues = checked.error.issues.map((i) => ({ path: i.path.join('.') || '(arguments)', message: i.message }));
    const list = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    return { ok: false, error: { code: 'bad_arguments', message: `bad arguments for ${name}: ${list}`, issues } };
  }
  return { ok: true, result: tools[name].run(checked.data, context) };
}
