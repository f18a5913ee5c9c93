import type { Passage } from './types.js';

/** 《中华人民共和国劳动合同法》第四十七条 style citation; Arabic numerals keep it short: 第47条. */
export function formatCitation(p: Pick<Passage, 'title' | 'articles' | 'path'>): string {
  const where = p.articles.length ? p.articles.map((a) => `第${a}条`).join('、') : p.path.at(-1) ?? '';
  return `《${p.title}》${where}`;
}
