/**
 * Worked figures: runs `figureFor(question, [calc])` (the calculator given as the issue card's) and
 * `figureFor(question, [])` (chosen from the words alone) on every line of a worked-question file, and
 * counts a line right when every expected figure appears in the working shown to the worker (the result's
 * and its related results' working lines, in the question's language). A number counts with or without
 * thousands separators (27,500 = 27500); a date counts as 2026-06-12 or 2026年6月12日.
 *
 * Usage: npx tsx bench/worked-figures.ts [FILE] [--today YYYY-MM-DD]   (default eval/worked/dev.jsonl, the development set;
 *        --today as the live bot has it, else relative dates such as 去年3月 stay unread)
 *
 * @example
 *   npx tsx bench/worked-figures.ts eval/worked/dev.jsonl
 *   // calculator  figureFor(q, [calc])  figureFor(q, [])
 *   // all         93/93                 93/93   … per calculator, then each miss with the expected and computed figures
 */
import { readFileSync } from 'node:fs';
import { type CalculatorName, type Figure, figureFor } from '../src/entitlements/index.js';

interface WorkedLine {
  id: string;
  question: string;
  lang: 'zh' | 'en';
  calc: CalculatorName;
  figures: Array<{ value: number | string; what?: string }>;
}

/** Every number and date the text states, normalised: '27500', '4.5', '2026-06-12'. */
function statedFigures(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(/\d{4}-\d{2}-\d{2}/g)) found.add(m[0]);
  for (const m of text.matchAll(/(\d{4})年(\d{1,2})月(\d{1,2})日/g))
    found.add(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`);
  for (const m of text.matchAll(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g)) found.add(String(Number(m[0].replace(/,/g, ''))));
  return found;
}

function workingOf(figure: Figure, lang: 'zh' | 'en'): string {
  if (figure.kind !== 'result') return '';
  return [figure.result, ...figure.related].flatMap((r) => r.working.map((w) => w[lang])).join('\n');
}

function computed(figure: Figure): string {
  if (figure.kind === 'none') return 'no calculator chosen';
  if (figure.kind === 'ask') return `${figure.calculator}: asks for ${figure.question.fact}`;
  if (figure.kind === 'error') return `${figure.calculator}: error ${figure.error.message}`;
  const all = [figure.result, ...figure.related].map((r) => `${r.calculator} ${JSON.stringify(r.figures)}`);
  return all.join('; ');
}

interface Outcome {
  line: WorkedLine;
  right: boolean;
  figure: Figure;
}

function score(line: WorkedLine, candidates: CalculatorName[]): Outcome {
  const figure = figureFor(line.question, candidates, today ? { today } : {});
  const have = statedFigures(workingOf(figure, line.lang));
  const right = line.figures.every((f) => have.has(typeof f.value === 'number' ? String(f.value) : f.value));
  return { line, right, figure };
}

function tally(outcomes: Outcome[], calc?: CalculatorName): string {
  const some = calc ? outcomes.filter((o) => o.line.calc === calc) : outcomes;
  return `${some.filter((o) => o.right).length}/${some.length}`;
}

function report(file: string, lines: WorkedLine[]): void {
  const withCandidate = lines.map((l) => score(l, [l.calc]));
  const wordsAlone = lines.map((l) => score(l, []));
  const calcs = [...new Set(lines.map((l) => l.calc))];
  console.log(`worked figures — ${file} (${lines.length} questions)\n`);
  console.log(`${'calculator'.padEnd(26)}${'figureFor(q, [calc])'.padEnd(24)}figureFor(q, [])`);
  for (const [label, calc] of [['all', undefined] as const, ...calcs.map((c) => [c, c] as const)]) {
    console.log(`${label.padEnd(26)}${tally(withCandidate, calc).padEnd(24)}${tally(wordsAlone, calc)}`);
  }
  for (const [title, outcomes] of [
    ['with the candidate', withCandidate],
    ['from the words alone', wordsAlone],
  ] as const) {
    const misses = outcomes.filter((o) => !o.right);
    console.log(`\nmisses ${title}: ${misses.length}`);
    for (const { line, figure } of misses) {
      console.log(
        `  ${line.id} [${line.calc}] expected ${JSON.stringify(line.figures.map((f) => f.value))} — computed ${computed(figure)}`,
      );
    }
  }
}

const args = process.argv.slice(2);
const todayAt = args.indexOf('--today');
// With --today the relative dates (去年3月, 上个月) are read as the bot reads them live; without, they stay unread.
const today = todayAt >= 0 ? args.splice(todayAt, 2)[1] : undefined;
const file = args[0] ?? 'eval/worked/dev.jsonl';
const lines = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as WorkedLine);
report(file, lines);
