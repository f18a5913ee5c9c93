/**
 * The plain data every entitlement calculator returns: figures, the working in zh and en, the assumptions it
 * made and the articles it rests on. No channel, store or model types: the assistant renders these.
 */
import type { Lang } from '../i18n/lang.js';

export type { Lang };

/** A sentence in both languages; the caller picks one with `text[lang]`. */
export interface Text {
  zh: string;
  en: string;
}

/** One article a result rests on; `title` is the statute's exact front-matter title in knowledge/laws. */
export interface LegalBasis {
  title: string;
  article: number;
}

/** Every calculator, by its tool name. */
export const calculatorNames = [
  'severance',
  'unlawful_termination',
  'notice_pay',
  'severance_owed',
  'double_wage_no_contract',
  'overtime_pay',
  'annual_leave_days',
  'unused_annual_leave_pay',
  'probation',
  'maternity_leave',
  'injury_disability',
  'arbitration_deadline',
] as const;
export type CalculatorName = (typeof calculatorNames)[number];

/**
 * Local figures the statutes leave to cities and provinces. The caller reads them from settings; each one
 * left unset makes the result say which figure applies and where it is published.
 */
export interface LocalFigures {
  /** 本地区上年度职工月平均工资, published by the city government (劳动合同法 47: the severance cap). */
  averageMonthlyWage?: number;
  /** 当地最低工资标准 (monthly), published by the province. */
  minimumWage?: number;
  /** 统筹地区职工月平均工资 for work-injury benefits (工伤保险条例 64: the 60 % / 300 % bounds). */
  injuryAverageMonthlyWage?: number;
  /** Extra maternity leave the province adds to the national 98 days (生育奖励假). */
  maternityExtraDays?: number;
}
export type LocalFigureName = keyof LocalFigures;

/** What a calculator may use besides its arguments: local figures and the clock (never read inside). */
export interface CalculatorContext {
  local?: LocalFigures;
  /** Today as YYYY-MM-DD, for "days left"; calculators never read the system clock. */
  today?: string;
}

export type FigureValue = number | string | boolean | null;

/** A calculator's answer. `figures` holds the numbers (money rounded to the fen), never prose. */
export interface Entitlement<F extends Record<string, FigureValue> = Record<string, FigureValue>> {
  calculator: CalculatorName;
  figures: F;
  /** The working, one step per entry, e.g. 4年8个月 → 按5年计 → 5个月 × 5500元 = 27500元. */
  working: Text[];
  /** What the figure takes for granted; the worker should check these. */
  assumptions: Text[];
  basis: LegalBasis[];
  /** Local figures the result depends on and that were not set (the assumptions say where to find them). */
  unsetLocalFigures: LocalFigureName[];
}

/** A length of service or of time without a contract: whole years, then months, then days. */
export interface Duration {
  years: number;
  months: number;
  days?: number;
}

export function text(zh: string, en: string): Text {
  return { zh, en };
}
