/**
 * Issue cards as an indexed document: for each card one passage per language holding the issue and every
 * way workers put it, of kind `issue-card` with the card id as its path. The cards themselves travel in the document's meta, so every replica and a rollback read exactly
 * the cards the version was built from. Card passages are never quoted or cited: retrieval uses them to
 * spot the issue, then ranks the articles the card rests on.
 *
 * @example
 *   const doc = cardsDocument('issues/dismissal.yaml', cards);
 *   doc.passages[0] // { kind: 'issue-card', path: ['dismissal-without-cause', 'zh'], text: '用人单位没有法定理由…\n老板突然叫我明天别来了…' }
 */

import type { IssueCard } from './issue-cards.js';
import type { KnowledgeDocument } from './knowledge-loader.js';
import type { PassageDraft } from './law-chunker.js';

export const ISSUE_CARD_KIND = 'issue-card';

export function isIssueCardFile(source: string): boolean {
  return /^issues\/[^/]+\.ya?ml$/.test(source);
}

export function cardsDocument(source: string, cards: IssueCard[]): Omit<KnowledgeDocument, 'contentHash'> {
  const title = `issue cards: ${cards[0]?.area ?? source}`;
  const passage = (card: IssueCard, lang: 'zh' | 'en', text: string): PassageDraft => ({
    title,
    kind: ISSUE_CARD_KIND,
    path: [card.id, lang],
    articles: [],
    effective: null,
    source,
    text,
    searchText: text,
  });
  // One passage per card and language — its issue and every way workers put it: a long story meets the card
  // as a whole (measured better than matching single phrasings), and English meets English.
  const passages = cards.flatMap((card) => [
    passage(card, 'zh', cardTexts(card, 'zh').join('\n')),
    passage(card, 'en', cardTexts(card, 'en').join('\n')),
  ]);
  return { source, title, kind: ISSUE_CARD_KIND, effective: null, meta: { title, cards: cards as unknown as never }, passages };
}

/** A card's texts in one language: its issue line, then every way workers put it. */
export function cardTexts(card: IssueCard, lang: 'zh' | 'en'): string[] {
  return [card.issue[lang], ...card.asked[lang]];
}

/** The cards a document carries (an issue-card document's meta), or none. */
export function cardsOf(meta: Record<string, unknown>): IssueCard[] {
  return Array.isArray(meta['cards']) ? (meta['cards'] as IssueCard[]) : [];
}
