import type { Passage } from './types.js';

/** 《中华人民共和国劳动合同法》第四十七条 style citation; Arabic numerals keep it short: 第47条. */
export function formatCitation(p: Pick<Passage, 'title' | 'articles' | 'path'>): string {
  const where = p.articles.length ? p.articles.map((a) => `第${a}条`).join('、') : (p.path.at(-1) ?? '');
  return `《${p.title}》${where}`;
}

const digit = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 47 → 四十七, 10 → 十, 101 → 一百零一, 110 → 一百一十. */
export function toChineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n < 10) return digit[n]!;
  if (n < 20) return `十${n % 10 ? digit[n % 10] : ''}`;
  if (n < 100) return `${digit[Math.floor(n / 10)]}十${n % 10 ? digit[n % 10] : ''}`;
  if (n < 1000) {
    const rest = n % 100;
    const head = `${digit[Math.floor(n / 100)]}百`;
    if (!rest) return head;
    return rest < 10 ? `${head}零${digit[rest]}` : `${head}${rest < 20 ? '一' : ''}${toChineseNumber(rest)}`;
  }
  const rest = n % 1000;
  return `${digit[Math.floor(n / 1000)]}千${rest ? (rest < 100 ? '零' : '') + toChineseNumber(rest) : ''}`;
}

export function articleLabel(title: string, article?: number): string {
  return article === undefined ? `《${title}》` : `《${title}》第${toChineseNumber(article)}条`;
}
