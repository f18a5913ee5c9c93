/**
 * Numbers as workers type them: Arabic or Chinese digits, 万/千/百/十 and k/w, and the colloquial trailing
 * digit that means one unit down (五千五 = 5500, 1万2 = 12000, 三百五 = 350). retrieval's parseChineseNumber
 * reads article headings, where 五千五 would be 5005, so money needs this reading instead.
 *
 * @example
 *   parseSpokenNumber('五千五') // → 5500
 *   parseSpokenNumber('1万2')   // → 12000
 *   parseSpokenNumber('5.5k')   // → 5500
 *   parseSpokenNumber('5,500')  // → 5500
 */
const digitValue: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  俩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const unitValue: Record<string, number> = { 十: 10, 百: 100, 千: 1000, k: 1000, 万: 10_000, w: 10_000 };

type Token = { kind: 'number'; value: number; digits: number; zero: boolean } | { kind: 'unit'; value: number };

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  const pattern = /(\d+(?:\.\d+)?)|([零〇一二两俩三四五六七八九])|([十百千万kw])/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = pattern.exec(text))) {
    end = pattern.lastIndex;
    if (m[1]) tokens.push({ kind: 'number', value: Number(m[1]), digits: m[1].replace('.', '').length, zero: false });
    else if (m[2]) tokens.push({ kind: 'number', value: digitValue[m[2]]!, digits: 1, zero: m[2] === '零' || m[2] === '〇' });
    else tokens.push({ kind: 'unit', value: unitValue[m[3]!]! });
  }
  return end === text.length && tokens.length ? tokens : undefined;
}

/** Evaluates tokens: units multiply what precedes them; a lone digit after a unit is one unit down. */
function evaluate(tokens: Token[]): number | undefined {
  let total = 0;
  let section = 0;
  let pending: number | undefined;
  let lastUnit: number | undefined;
  let afterZero = false; // 一百零五: a 零 before the last digit keeps it a plain 5
  for (const t of tokens) {
    if (t.kind === 'number') {
      if (pending !== undefined) return undefined; // 二五 is not a number
      afterZero ||= t.zero;
      if (!t.zero) pending = t.value;
      if (t.digits > 1) lastUnit = undefined; // 1万2500: the 2500 is literal
      continue;
    }
    if (t.value === 10_000) {
      total = (total + section + (pending ?? (section ? 0 : 1))) * 10_000;
      section = 0;
    } else {
      section += (pending ?? 1) * t.value;
    }
    lastUnit = t.value;
    pending = undefined;
    afterZero = false;
  }
  const colloquial = pending !== undefined && lastUnit !== undefined && !afterZero && Number.isInteger(pending);
  const tail = pending === undefined ? 0 : colloquial ? (pending * lastUnit!) / 10 : pending;
  return Math.round((total + section + tail) * 100) / 100;
}

/** The value of a spoken number, or undefined when the text is not one. */
export function parseSpokenNumber(raw: string): number | undefined {
  const text = raw
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .toLowerCase();
  if (!text) return undefined;
  const tokens = tokenize(text);
  return tokens ? evaluate(tokens) : undefined;
}

const englishNumbers: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
};

/**
 * A number said as an English word (the ones the readers' patterns capture) or as parseSpokenNumber reads it.
 * @example
 *   parseNumberWord('Eight') // → 8
 *   parseNumberWord('三')    // → 3
 */
export function parseNumberWord(raw: string): number | undefined {
  return englishNumbers[raw.toLowerCase()] ?? parseSpokenNumber(raw);
}
