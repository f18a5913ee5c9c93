/**
 * A calculator's result as the worker reads it: the working line by line, then the assumptions, then the
 * articles. Plain text; channels format it.
 *
 * @example
 *   formatEntitlement(severance({ service: { years: 4, months: 8 }, monthlyWage: 5500 }), 'zh')
 *   // 4年8个月 → 按5年计（六个月以上按一年计） → 5个月 × 5500元 = 27500元
 *   // 前提：
 *   // · 月工资按解除或终止前12个月的平均应得工资计算……
 *   // 依据：《中华人民共和国劳动合同法》第四十六条、第四十七条；《中华人民共和国劳动合同法实施条例》第二十七条
 */
import { articleLabel } from '../retrieval/citation.js';
import type { Entitlement, Lang, LegalBasis } from './types.js';

/** Groups articles by statute: 《劳动合同法》第四十六条、第四十七条. */
export function basisText(basis: LegalBasis[], lang: Lang): string {
  const byTitle = new Map<string, number[]>();
  for (const { title, article } of basis) {
    const articles = byTitle.get(title) ?? [];
    if (!articles.includes(article)) articles.push(article);
    byTitle.set(title, articles);
  }
  const parts = [...byTitle].map(([title, articles]) => {
    if (lang === 'en') return `《${title}》 art. ${articles.join(', ')}`;
    const [first, ...rest] = articles.map((a) => articleLabel(title, a));
    return [first, ...rest.map((label) => label.slice(label.indexOf('》') + 1))].join('、');
  });
  return parts.join(lang === 'zh' ? '；' : '; ');
}

/** The result as plain text in one language; see the file's example. */
export function formatEntitlement(result: Entitlement, lang: Lang): string {
  const lines = result.working.map((step) => step[lang]);
  if (result.assumptions.length) {
    lines.push(lang === 'zh' ? '前提：' : 'Assuming:');
    lines.push(...result.assumptions.map((a) => `· ${a[lang]}`));
  }
  lines.push(`${lang === 'zh' ? '依据：' : 'Legal basis: '}${basisText(result.basis, lang)}`);
  return lines.join('\n');
}
