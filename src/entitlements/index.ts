/**
 * Entitlement calculators and the facts they need (issue 12). Pure functions: no I/O, no clock, no channel
 * types. Three ways in:
 *
 * - A worker's question, the usual one: `figureFor(text, candidates, { local, today, facts })`. It picks
 *   the calculator the question asks about (`chooseCalculator`: the question's own words — 经济补偿,
 *   赔偿金 / 不想回去, 代通知金, 双倍工资, 加班费, 年假, 试用期, 产假, 伤残, 仲裁…最晚 and their English — then
 *   `candidates`, the calculators of the issue cards the question matched, best first), reads the facts
 *   its words state (merged over `facts` from earlier turns), puts any local figure the question states
 *   (当地最低工资标准是2350, "our city's average monthly wage last year was 10,800") over `local`, and
 *   returns the result — `kind: 'result'`, with `related` results owed alongside it (pay in lieu of
 *   notice brings the severance) — or `kind: 'ask'`: the one question to ask (with button choices) and a
 *   `PendingFact` to store; the reply goes to `answerFact(pending, reply, { today })`, then
 *   `calculateFromFacts`. `kind: 'none'` when no calculator applies.
 * - A model with tools: send `entitlementTools`, run each call with `runTool(name, args, { local, today })`,
 *   show `formatEntitlement(result, lang)`. The model chooses and fills in; it never does the arithmetic.
 * - The conversation by hand: `extractFacts(text, { today })` on each message, merged with `mergeFacts`,
 *   then `calculateFromFacts(calculator, facts, { local, today })`.
 *
 * Local figures (average wage, minimum wage, provincial maternity days) come from settings; a figure the
 * worker states for their case (kept in `facts.statedLocal`) is used over the setting, and the
 * assumptions say so; left unset, the result says which figure applies and where it is published. A
 * stated local figure is never read as the worker's own wage.
 *
 * Which wage: pay in lieu of notice takes last month's wage; severance, damages, leave pay and injury
 * benefits the average of the months before; overtime and double wages the monthly wage. Another wage
 * stands in only when it is the only one given, and the assumptions say so.
 *
 * @example
 *   const figure = figureFor('干了4年8个月，月薪5500，公司无故把我辞退了，我不想回去，能拿多少？', [], { local });
 *   if (figure.kind === 'result') formatEntitlement(figure.result, 'zh');
 *   // 4年8个月 → 按5年计（六个月以上按一年计） → 5个月 × 5500元 = 27500元；违法解除为二倍：55000元 …
 *   else if (figure.kind === 'ask') { store(figure.pending); send(figure.question.question.zh, figure.question.choices); }
 */

export type { AnnualLeaveFigures, AnnualLeaveInput, UnusedLeavePayFigures, UnusedLeavePayInput } from './annual-leave.js';
export { annualLeaveDays, unusedAnnualLeavePay } from './annual-leave.js';
export type { ArbitrationFigures, ArbitrationInput } from './arbitration-deadline.js';
export { arbitrationDeadline } from './arbitration-deadline.js';
export { chooseCalculator } from './calculator-choice.js';
export type { DoubleWageFigures, DoubleWageInput } from './double-wage.js';
export { doubleWageNoContract } from './double-wage.js';
export { formatEntitlement } from './entitlement-text.js';
export type { FactAnswer } from './fact-answers.js';
export { answerFact } from './fact-answers.js';
export type { ExtractOptions } from './fact-extraction.js';
export { extractFacts } from './fact-extraction.js';
export type { AskedFact, FactChoice, FactQuestion, PendingFact } from './fact-questions.js';
export { missingFact, parsePendingFact } from './fact-questions.js';
export type { FactName, Facts, OvertimeKind } from './facts.js';
export { factsSchema, mergeFacts } from './facts.js';
export type { FactsOutcome } from './facts-to-args.js';
export { argsFromFacts, calculateFromFacts, localFiguresFor } from './facts-to-args.js';
export type { Figure, FigureContext } from './figure-for.js';
export { figureFor } from './figure-for.js';
export type { InjuryFigures, InjuryInput } from './injury-disability.js';
export { injuryDisability } from './injury-disability.js';
export type { MaternityFigures, MaternityInput } from './maternity-leave.js';
export { maternityLeave } from './maternity-leave.js';
export type { OvertimeFigures, OvertimeInput } from './overtime-pay.js';
export { overtimePay } from './overtime-pay.js';
export type { ProbationFigures, ProbationInput } from './probation.js';
export { probation } from './probation.js';
export type { NoticePayInput, SeveranceFigures, SeveranceInput, UnlawfulTerminationFigures } from './severance.js';
export { noticePay, severance, unlawfulTermination } from './severance.js';
export type { SeveranceOwedFigures, SeveranceOwedInput, TerminationReason } from './severance-owed.js';
export { severanceOwed, terminationReasons } from './severance-owed.js';
export type { FunctionTool, ToolError, ToolErrorCode, ToolOutcome } from './tools.js';
export { entitlementTools, runTool } from './tools.js';
export type { CalculatorContext, CalculatorName, Duration, Entitlement, LegalBasis, LocalFigureName, LocalFigures, Text } from './types.js';
export { calculatorNames } from './types.js';
