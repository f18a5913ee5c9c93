import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calculatorNames, type LegalBasis, runTool } from '../../src/entitlements/index.js';
import { statutes } from '../../src/entitlements/statutes.js';
import { parseArticleHeading } from '../../src/retrieval/chinese-numerals.js';

// Every article a calculator cites must exist, under the exact front-matter title, in knowledge/laws.
const lawsDir = new URL('../../knowledge/laws/', import.meta.url);
const articlesByTitle = new Map<string, Set<number>>();
for (const file of readdirSync(lawsDir).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
  const text = readFileSync(new URL(file, lawsDir), 'utf8');
  const title = /^title:\s*"?(.+?)"?\s*$/m.exec(text)?.[1];
  if (!title) continue;
  const articles = new Set<number>();
  for (const line of text.split('\n')) {
    const heading = parseArticleHeading(line);
    if (heading && heading.sub === undefined) articles.add(heading.article);
  }
  articlesByTitle.set(title, articles);
}

// Arguments that make each calculator cite everything it can.
const examples: Array<[string, unknown]> = [
  ['severance', { service: { years: 20, months: 0 }, monthlyWage: 5000, startedBefore2008: true }],
  ['unlawful_termination', { service: { years: 3, months: 0 }, monthlyWage: 5000 }],
  ['notice_pay', { lastMonthWage: 5000 }],
  ...[
    'resigned',
    'resigned_employer_fault',
    'mutual_employer_proposed',
    'dismissed_misconduct',
    'dismissed_no_fault',
    'layoff',
    'contract_expired',
    'employer_closed',
    'retired',
    'unlawful_dismissal',
  ].map((reason): [string, unknown] => ['severance_owed', { reason }]),
  ['double_wage_no_contract', { service: { years: 1, months: 2 }, monthlyWage: 5000 }],
  ['overtime_pay', { monthlyWage: 5000, restDayDays: 2, holidayDays: 1 }],
  ['overtime_pay', { monthlyWage: 5000, comprehensive: { periodMonths: 3, hoursWorked: 600 } }],
  ['annual_leave_days', { cumulativeYears: 5, joinedOn: '2025-03-01', leftOn: '2025-09-30' }],
  ['unused_annual_leave_pay', { monthlyWage: 5000, unusedDays: 3 }],
  ['probation', { contractKind: 'fixed', contractMonths: 12, agreedProbationMonths: 4, agreedMonthlyWage: 5000 }],
  ['maternity_leave', { kind: 'birth', babies: 2, difficultBirth: true }],
  ...[2, 5, 8].map((grade): [string, unknown] => ['injury_disability', { grade, ownMonthlyWage: 5000 }]),
  ['arbitration_deadline', { claim: 'other', knewDate: '2025-01-01' }],
];

describe('citations', () => {
  it('name statutes that are in the knowledge base', () => {
    for (const title of Object.values(statutes)) expect(articlesByTitle.has(title), title).toBe(true);
  });

  it('cite articles that exist in those statutes', () => {
    const cited = new Set<string>();
    for (const [name, args] of examples) {
      const outcome = runTool(name, args);
      if (!outcome.ok) throw new Error(outcome.error.message);
      for (const { title, article } of outcome.result.basis as LegalBasis[]) {
        expect(articlesByTitle.get(title)?.has(article), `${name}: 《${title}》第${article}条`).toBe(true);
        cited.add(outcome.result.calculator);
      }
    }
    expect([...cited].sort()).toEqual([...calculatorNames].sort());
  });
});
