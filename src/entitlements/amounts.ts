/**
 * Money and numbers as the working shows them: 27500元 / 27,500 yuan, 4.5个月, 150%.
 * Money is rounded to the fen once, at the end of a computation, so the working reproduces on a calculator.
 */

export function roundFen(amount: number): number {
  return Math.round((amount + Number.EPSILON) * 100) / 100;
}

/** 1896.55 → '1896.55', 27500 → '27500', 4.5 → '4.5'; at most two decimals. */
export function num(n: number): string {
  return String(roundFen(n));
}

/** 27500 → '27500元', 2433.9 → '2433.90元': whole yuan bare, otherwise to the fen. */
export function yuanZh(amount: number): string {
  const r = roundFen(amount);
  return `${Number.isInteger(r) ? r : r.toFixed(2)}元`;
}

export function yuanEn(amount: number): string {
  const r = roundFen(amount);
  const digits = Number.isInteger(r) ? 0 : 2;
  return `${r.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} yuan`;
}

export function percent(rate: number): string {
  return `${num(rate * 100)}%`;
}

/** 4 → '4 years', 1 → '1 year'. */
export function plural(n: number, unit: string): string {
  return `${num(n)} ${unit}${n === 1 ? '' : 's'}`;
}
