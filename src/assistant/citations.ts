/**
 * Citations as workers see them — 《中华人民共和国劳动合同法》第四十七条 — built from passages, found in
 * free text (to check an LLM's reply), and matched against short law names ("劳动合同法第十九条").
 *
 * @example
 *   articleLabel('中华人民共和国劳动合同法', 47) // → '《中华人民共和国劳动合同法》第四十七条'
 */
import { parseChineseNumber } from '../retrieval/chinese-numerals.js';
import { articleLabel } from '../retrieval/citation.js';

export { articleLabel, toChineseNumber } from '../retrieval/citation.js';

import type { Passage } from '../retrieval/types.js';
import type { Citation } from './types.js';

/** The citation for a passage: its first article, or its heading for documents without articles. */
export function citationOf(p: Passage): Citation {
  const article = p.articles[0];
  const label = article === undefined ? `《${p.title}》${p.path.at(-1) ? ` ${p.path.at(-1)}` : ''}` : articleLabel(p.title, article);
  return { passageId: p.id, title: p.title, article, label, effective: p.effective };
}

/** Same law? Accepts the short name without 中华人民共和国 on either side. */
export function sameTitle(a: string, b: string): boolean {
  const strip = (t: string) =>
    t
      .replace(/^《|》$/g, '')
      .replace(/^中华人民共和国/, '')
      .trim();
  return strip(a) === strip(b);
}

export interface CitedArticle {
  /** The citation as written in the text, e.g. 《劳动合同法》第四十七条 */
  raw: string;
  title: string;
  article: number;
}

const citedPattern = /《([^》]{2,60})》\s*第\s*([零〇一二两三四五六七八九十百千\d]+)\s*条(?:之[一二三四五六七八九十]+)?/g;

/** Every 《title》第N条 in a text (an LLM reply), in order. */
export function findCitedArticles(text: string): CitedArticle[] {
  const out: CitedArticle[] = [];
  for (const m of text.matchAll(citedPattern)) {
    const article = parseChineseNumber(m[2]!);
    if (article !== undefined) out.push({ raw: m[0], title: m[1]!, article });
  }
  return out;
}

/**
 * Parses a topic's `basis` ("劳动合同法第十九条、第二十条；实施条例第二十七条", "第三十九条至第四十八条") into
 * (title, article) pairs; an article without a title belongs to the previous title.
 */
export function parseBasis(basis: string): Array<{ title: string; article: number }> {
  const out: Array<{ title: string; article: number }> = [];
  let title = '';
  for (const m of basis.matchAll(
    /([^第；;、，,至\s]*)第([零〇一二两三四五六七八九十百千\d]+)条(?:至第([零〇一二两三四五六七八九十百千\d]+)条)?/g,
  )) {
    if (m[1]) title = m[1].replace(/^《|》$/g, '');
    const from = parseChineseNumber(m[2]!);
    const to = m[3] ? parseChineseNumber(m[3]) : from;
    if (from === undefined || to === undefined || !title) continue;
    for (let a = from; a <= Math.min(to, from + 60); a++) out.push({ title, article: a });
  }
  return out;
}

/** True when the passage is one of the basis articles. */
export function inBasis(p: Passage, basis: ReadonlyArray<{ title: string; article: number }>): boolean {
  return basis.some((b) => sameTitle(b.title, p.title) && p.articles.includes(b.article));
}
