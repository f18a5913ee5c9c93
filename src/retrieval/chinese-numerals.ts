/**
 * Chinese numerals as used in article headings: 第四十七条 → 47, 第一百零一条 → 101, 第十条 → 10,
 * 第二十条之一 → 20 with sub-article 1. Also accepts 〇/零/两 and Arabic digits (第47条).
 */
const digits: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const units: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Returns the integer value of a Chinese numeral, or undefined when it is not one. */
export function parseChineseNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (!text || !/^[零〇一二两三四五六七八九十百千万]+$/.test(text)) return undefined;
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const ch of text) {
    if (ch in digits) {
      digit = digits[ch]!;
    } else if (ch === '万') {
      section = (section + (digit ?? 0)) * 10_000;
      total += section;
      section = 0;
      digit = undefined;
    } else {
      // 十 alone (十, 十二) means one ten.
      section += (digit ?? 1) * units[ch]!;
      digit = undefined;
    }
  }
  return total + section + (digit ?? 0);
}

export interface ArticleHeading {
  article: number;
  /** 之一 → 1, … ; undefined for a plain article. */
  sub?: number;
  /** The heading as written, e.g. 第二十条之一 */
  label: string;
  /** The rest of the line after the heading. */
  rest: string;
}

const headingPattern = /^第([零〇一二两三四五六七八九十百千\d]+)条(?:之([一二三四五六七八九十]+))?(?:[\s\u3000]+|$)/;

/** Recognises a line that starts an article: `第四十七条　经济补偿按…`. */
export function parseArticleHeading(line: string): ArticleHeading | undefined {
  const m = headingPattern.exec(line);
  if (!m) return undefined;
  const article = parseChineseNumber(m[1]!);
  if (article === undefined) return undefined;
  const sub = m[2] ? parseChineseNumber(m[2]) : undefined;
  return { article, sub, label: m[0].trim(), rest: line.slice(m[0].length).trim() };
}
