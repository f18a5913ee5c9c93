/**
 * A worker's question in, the figure out: the calculator the question asks about (`chooseCalculator`),
 * the facts its words state (`extractFacts`, merged over any gathered earlier), the local figures it states
 * (当地最低工资2300, "our city's average monthly wage last year was 10,800") over the settings, and then
 * the result — or the one question to ask, with the state to keep until the reply.
 *
 * Pay in lieu of notice comes with the severance owed on top of it (劳动合同法 40, 46), in `related`,
 * when the facts for it are there; it is never asked for.
 *
 * @example
 *   const figure = figureFor('上个月工资7300，前12个月平均7100，干了整整2年。代通知金和补偿金分别是多少？', []);
 *   // → { kind: 'result', calculator: 'notice_pay', result: { figures: { amount: 7300 } … },
 *   //     related: [{ calculator: 'severance', figures: { amount: 14200, … } … }] }
 */
import { roundFen, yuanEn, yuanZh } from './amounts.js';
import { chooseCalculator } from './calculator-choice.js';
import { extractFacts } from './fact-extraction.js';
import type { FactQuestion, PendingFact } from './fact-questions.js';
import { type Facts, mergeFacts } from './facts.js';
import { calculateFromFacts } from './facts-to-args.js';
import type { ToolError } from './tools.js';
import { type CalculatorContext, type CalculatorName, type Entitlement, text } from './types.js';

export interface FigureContext extends CalculatorContext {
  /** Facts gathered in earlier turns; the text's own facts are merged over them. */
  facts?: Facts;
}

export type Figure =
  | { kind: 'none'; facts: Facts }
  | { kind: 'result'; calculator: CalculatorName; facts: Facts; result: Entitlement; related: Entitlement[] }
  | { kind: 'ask'; calculator: CalculatorName; facts: Facts; question: FactQuestion; pending: PendingFact }
  | { kind: 'error'; calculator: CalculatorName; facts: Facts; error: ToolError };

// Figures owed alongside the one asked for, worked out only when nothing needs asking.
const alongside: Partial<Record<CalculatorName, CalculatorName[]>> = { notice_pay: ['severance'] };

function relatedResults(calculator: CalculatorName, facts: Facts, context: CalculatorContext, main: Entitlement): Entitlement[] {
  return (alongside[calculator] ?? []).flatMap((other) => {
    const step = calculateFromFacts(other, facts, context);
    return step.kind === 'result' ? [withTotal(main, step.result)] : [];
  });
}

/** The notice pay and the severance owed with it, added up: 代通知金5600元 + 经济补偿21000元 = 合计26600元. */
function withTotal(notice: Entitlement, severance: Entitlement): Entitlement {
  const a = notice.figures.amount;
  const b = severance.figures.amount;
  if (typeof a !== 'number' || typeof b !== 'number') return severance;
  const total = roundFen(a + b);
  const sum = text(
    `代通知金${yuanZh(a)} + 经济补偿${yuanZh(b)} = 合计${yuanZh(total)}`,
    `pay in lieu of notice ${yuanEn(a)} + economic compensation ${yuanEn(b)} = ${yuanEn(total)} in total`,
  );
  return { ...severance, working: [...severance.working, sum] };
}

/**
 * The figure a question asks for, or the question to ask; `kind: 'none'` when no calculator applies.
 * @example
 *   figureFor('评了八级伤残，受伤前平均月缴费工资7000元，一次性伤残补助金多少？', []).kind // → 'result' (77000)
 *   figureFor('我该怎么办？', []).kind // → 'none'
 */
export function figureFor(text: string, candidates: readonly CalculatorName[] = [], context: FigureContext = {}): Figure {
  const { facts: earlier, ...calculatorContext } = context;
  const stated = extractFacts(text, { today: context.today });
  const facts = earlier ? mergeFacts(earlier, stated) : stated;
  const calculator = chooseCalculator(text, candidates);
  if (!calculator) return { kind: 'none', facts };
  const step = calculateFromFacts(calculator, facts, calculatorContext);
  if (step.kind === 'result')
    return { ...step, calculator, facts, related: relatedResults(calculator, facts, calculatorContext, step.result) };
  return { ...step, calculator, facts };
}
