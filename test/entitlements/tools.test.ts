import type { ChatCompletionTool } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { calculatorNames, entitlementTools, formatEntitlement, runTool } from '../../src/entitlements/index.js';

describe('tool descriptions', () => {
  it('describe every calculator as an OpenAI function tool', () => {
    const tools: ChatCompletionTool[] = entitlementTools; // type-checks against the SDK
    expect(tools.map((t) => t.type === 'function' && t.function.name)).toEqual([...calculatorNames]);
    for (const { function: f } of entitlementTools) {
      expect(f.description.length, f.name).toBeGreaterThan(40);
      expect(f.parameters).toMatchObject({ type: 'object', additionalProperties: false });
      expect(f.parameters).not.toHaveProperty('$schema');
    }
  });

  it("keep local figures and today out of the model's parameters", () => {
    const json = JSON.stringify(entitlementTools);
    for (const figure of ['averageMonthlyWage', 'minimumWage', 'injuryAverageMonthlyWage', 'maternityExtraDays', 'today']) {
      expect(json).not.toContain(`"${figure}"`);
    }
  });

  it('snapshot the severance parameters the model is sent', () => {
    expect(entitlementTools[0]!.function.parameters).toMatchInlineSnapshot(`
      {
        "additionalProperties": false,
        "properties": {
          "monthlyWage": {
            "description": "Average monthly wage of the last 12 months before the end (all wages, bonuses and allowances)",
            "exclusiveMinimum": 0,
            "type": "number",
          },
          "service": {
            "additionalProperties": false,
            "description": "Length of service with this employer up to the end of the contract",
            "properties": {
              "days": {
                "description": "Days beyond the full months, when known",
                "maximum": 30,
                "minimum": 0,
                "type": "integer",
              },
              "months": {
                "description": "Months beyond the full years (0–11)",
                "maximum": 11,
                "minimum": 0,
                "type": "integer",
              },
              "years": {
                "description": "Full years",
                "maximum": 60,
                "minimum": 0,
                "type": "integer",
              },
            },
            "required": [
              "years",
              "months",
            ],
            "type": "object",
          },
          "startedBefore2008": {
            "description": "True when the job began before 2008-01-01",
            "type": "boolean",
          },
        },
        "required": [
          "service",
          "monthlyWage",
        ],
        "type": "object",
      }
    `);
  });
});

describe('runTool', () => {
  it('runs a calculator on JSON text, with the local figures from the caller', () => {
    const outcome = runTool('severance', '{"service":{"years":14,"months":2},"monthlyWage":30000}', {
      local: { averageMonthlyWage: 8000 },
    });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.result.figures).toMatchObject({ paidMonths: 12, amount: 288000 });
    expect(formatEntitlement(outcome.result, 'en')).toContain('Legal basis: 《中华人民共和国劳动合同法》 art. 46, 47');
  });

  it('refuses an unknown tool and names the known ones', () => {
    const outcome = runTool('compute_bonus', {});
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'unknown_tool', message: expect.stringContaining('severance, unlawful_termination') },
    });
  });

  it.each([
    ['not JSON', 'severance', '{service:', 'not valid JSON'],
    ['a string for a number', 'severance', { service: { years: 4, months: 8 }, monthlyWage: '5500' }, 'monthlyWage'],
    ['a missing argument', 'overtime_pay', { workdayHours: 10 }, 'monthlyWage'],
    ['an unknown argument', 'severance', { service: { years: 4, months: 8 }, monthlyWage: 5500, bonus: 1 }, 'bonus'],
    ['months beyond 11', 'severance', { service: { years: 4, months: 14 }, monthlyWage: 5500 }, 'service.months'],
    ['a grade of 11', 'injury_disability', { grade: 11, ownMonthlyWage: 5000 }, 'grade'],
    ['an enum value it does not know', 'severance_owed', { reason: 'quit' }, 'reason'],
    ['a bad date', 'arbitration_deadline', { claim: 'other', knewDate: '2025-02-30' }, 'knewDate'],
    ['a fixed term without its length', 'probation', { contractKind: 'fixed' }, 'contractMonths'],
    ['a miscarriage without the months', 'maternity_leave', { kind: 'miscarriage' }, 'pregnancyMonths'],
    ['arrears with no end and no job', 'arbitration_deadline', { claim: 'wage_arrears' }, 'employmentEndDate'],
  ])('refuses %s with a message that says what to fix', (_why, name, args, mentioned) => {
    const outcome = runTool(name, args);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('bad_arguments');
    expect(outcome.error.message).toContain(mentioned);
  });

  it('never puts the argument values in the error (they are personal data)', () => {
    const outcome = runTool('severance', { service: { years: 4, months: 8 }, monthlyWage: 'secret-5500' });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.message).not.toContain('secret');
  });
});
