/**
 * The short case summary staff read first: why it was escalated, the worker's words condensed, what they
 * asked, and the facts given (employer, dates, amounts, how many people). Staff need the original, so the
 * worker's words are kept as written (the case store, not the logs, holds them).
 *
 * @example
 *   caseSummary({ text: '公司欠我两万多加班费…', category: 'legal_aid', priority: 'normal', lang: 'zh' })
 *   // → '[legal_aid · normal] 公司欠我两万多加班费… | 问：… | 金额：两万多'
 */
import type { Lang } from './types.js';

export interface SummaryInput {
  text: string;
  category: string;
  priority: 'urgent' | 'normal';
  lang: Lang;
  /** Longest excerpt of the worker's words kept in the summary. */
  maxChars?: number;
}

const num = '[\\d０-９.,]+|[一二两三四五六七八九十百千万几多半]+';
const factPatterns: Record<string, RegExp> = {
  // A name before 公司/厂…, without pronouns or time words ("我们公司", "明天一早全厂" are not names).
  employer: /[^\s，。,.!！?？、我你他她们这那全的了在被把个去到跟和与说明今昨天早晚一]{2,12}(?:有限公司|集团|公司|工厂|厂)/gu,
  amount: new RegExp(`(?:${num})\\s*(?:万|千|百)?\\s*(?:元|块|多块|块钱)|(?:${num})万多?|¥\\s*[\\d,.]+|\\b\\d[\\d,.]*\\s*(?:yuan|rmb|cny)\\b`, 'giu'),
  date: new RegExp(`\\d{4}年(?:\\d{1,2}月)?(?:\\d{1,2}[日号])?|\\d{1,2}月\\d{1,2}[日号]|(?:${num})个?多?(?:年|个月|月|天|周|星期)(?:了|多)?|今天|今晚|明天|明早|昨天|上个月|这周|下周|last (?:week|month|year)|next week|tomorrow|tonight|today|\\b(?:\\d+|one|two|three|four|five|six|several|a few) (?:days?|weeks?|months?|years?)(?: ago)?\\b`, 'giu'),
  people: new RegExp(`(?:${num})(?:多)?(?:号人|个人|个工友|名工人|人)|\\b\\d+ (?:people|workers|colleagues)\\b`, 'giu'),
};

const labels: Record<Lang, Record<string, string>> = {
  zh: { asked: '问', employer: '单位', amount: '金额', date: '时间', people: '人数' },
  en: { asked: 'asked', employer: 'employer', amount: 'amounts', date: 'dates', people: 'people' },
};

export function extractFacts(text: string): Record<string, string[]> {
  const facts: Record<string, string[]> = {};
  for (const [name, re] of Object.entries(factPatterns)) {
    const found = [...new Set([...text.matchAll(re)].map((m) => m[0].trim()).filter((s) => s.length > 1))].slice(0, 4);
    if (found.length) facts[name] = found;
  }
  return facts;
}

/** The sentences that ask something (？/吗/怎么/how/can…). */
export function questionsIn(text: string): string[] {
  return text
    .split(/(?<=[。！？!?；;\n])|(?<=[.])\s+/)
    .map((s) => s.trim())
    .filter((s) => /[？?]|吗|怎么|如何|能不能|可不可以|要怎么|\b(?:how|can|could|what|is there|do i|should)\b/i.test(s));
}

export function caseSummary({ text, category, priority, lang, maxChars = 280 }: SummaryInput): string {
  const l = labels[lang];
  const flat = text.replace(/\s+/g, ' ').trim();
  const excerpt = flat.length > maxChars ? `${flat.slice(0, maxChars)}…` : flat;
  const parts = [`[${category} · ${priority}] ${excerpt}`];
  const asked = questionsIn(flat).slice(-1)[0];
  if (asked && flat.length > maxChars) parts.push(`${l.asked}: ${asked.slice(0, 120)}`);
  for (const [name, values] of Object.entries(extractFacts(flat))) parts.push(`${l[name]}: ${values.join(', ')}`);
  return parts.join(' | ');
}
