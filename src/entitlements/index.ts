/**
 * Entitlement calculators and the facts they need (issue 12). Pure functions: no I/O, no clock, no channel
 * types. Two ways in:
 *
 * - A model with tools: send `entitlementTools`, run each call with `runTool(name, args, { local, today })`,
 *   show `formatEntitlement(result, lang)`. The model chooses and fills in; it never does the arithmetic.
 * - The conversation: `extractFacts(text, { today })` on each message, merged with `mergeFacts`, then
 *   `calculateFromFacts(calculator, facts, { local, today })`: either a result, or a question (with button
 *   choices) and a `PendingFact` to store; the reply goes to `answerFact(pending, reply, { today })`.
 *
 * Local figures (average wage, minimum wage, provincial maternity days) come from settings; left unset,
 * the result says which figure applies and where it is published.
 *
 * @example
 *   const facts = extractFacts('干了4年8个月，月薪5500，被公司违法辞退');
 *   const step = calculateFromFacts('unlawful_termination', facts);
 *   if (step.kind === 'result') formatEntitlement(step.result, 'zh');
 *   // 4年8个月 → 按5年计（六个月以上按一年计） → 5个月 × 5500元 = 27500元；违法解除为二倍：55000元 …
 */
export type { CalculatorContext, CalculatorName, Duration, Entitlement, LegalBasis, LocalFigureName, LocalFigures, Text } from './types.js';
export { calculatorNames } from './types.js';

export { severance, unlawfulTermination, noticePay } from './severance.js';
export type { SeveranceInput, SeveranceFigures, UnlawfulTerminationFigures, NoticePayInput } from './severance.js';
export { severanceOwed, terminationReasons } from './severance-owed.js';
export type { SeveranceOwedInput, SeveranceOwedFigures, TerminationReason } from './severance-owed.js';
export { doubleWageNoContract } from './double-wage.js';
export type { DoubleWageInput, DoubleWageFigures } from './double-wage.js';
export { overtimePay } from './overtime-pay.js';
export type { OvertimeInput, OvertimeFigures } from './overtime-pay.js';
export { annualLeaveDays, unusedAnnualLeavePay } from './annual-leave.js';
export type { AnnualLeaveInput, AnnualLeaveFigures, UnusedLeavePayInput, UnusedLeavePayFigures } from './annual-leave.js';
export { probation } from './probation.js';
export type { ProbationInput, ProbationFigures } from './probation.js';
export { maternityLeave } from './maternity-leave.js';
export type { MaternityInput, MaternityFigures } from './maternity-leave.js';
export { injuryDisability } from './injury-disability.js';
export type { InjuryInput, InjuryFigures } from './injury-disability.js';
export { arbitrationDeadline } from './arbitration-deadline.js';
export type { ArbitrationInput, ArbitrationFigures } from './arbitration-deadline.js';

export { entitlementTools, runTool } from './tools.js';
export type { FunctionTool, ToolError, ToolErrorCode, ToolOutcome } from './tools.js';
export { formatEntitlement } from './entitlement-text.js';

export { extractFacts } from './fact-extraction.js';
export type { ExtractOptions } from './fact-extraction.js';
export { factsSchema, mergeFacts } from './facts.js';
export type { Facts, FactName, OvertimeKind } from './facts.js';
export { missingFact, parsePendingFact } from './fact-questions.js';
export type { AskedFact, FactChoice, FactQuestion, PendingFact } from './fact-questions.js';
export { answerFact } from './fact-answers.js';
export type { FactAnswer } from './fact-answers.js';
export { argsFromFacts, calculateFromFacts } from './facts-to-args.js';
export type { FactsOutcome } from './facts-to-args.js';
