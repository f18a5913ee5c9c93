/**
 * Issue cards as an indexed document: one passage per way workers put the issue (its `asked` phrasings, zh
 * and en) plus one for the whole card (the issue and all its phrasings), each of kind `issue-card` with the
 * card id as its path. The cards themselves travel in the document's meta, so every replica and a rollback read exactly
 * the cards the version was built from. Card passages are never quoted or cited: retrieval uses them to
 * spot the issue, then ranks the articles the card rests on.
 *
 * @example
 *   const doc = cardsDocument('issues/dismissal.yaml', cards);
 *   doc.passages[0] // { kind: 'issue-card', path: ['dismissal-without-cause'], text: '老板突然叫我明天别来了…' }
 */
import type { PassageDraft } from './law-chunker.js';
import type { IssueCard } from './issue-cards.js';
import type { KnowledgeDocument } from './knowledge-loader.js';

export const ISSUE_CARD_KIND = 'issue-card';
/** The second path element of the passage that holds a whole card. */
export const CARD_WHOLE = 'whole';

export function isIssueCardFile(source: string): boolean {
  return /^issues\/[^/]+\.ya?ml$/.test(source);
}

export function cardsDocument(source: string, cards: IssueCard[]): Omit<KnowledgeDocument, 'contentHash'> {
  const title = `issue cards: ${cards[0]?.area ?? source}`;
  const passage = (card: IssueCard, text: string, whole = false): PassageDraft => ({
    title, kind: ISSUE_CARD_KIND, path: whole ? [card.id, CARD_WHOLE] : [card.id], articles: [], effective: null, source, text, searchText: text,
  });
  const passages = cards.flatMap((card) => [
    // The whole card (its issue and every phrasing, one text): a long story meets the card as a whole.
    passage(card, [card.issue.zh, card.issue.en, ...card.asked.zh, ...card.asked.en].join('\n'), true),
    ...card.asked.zh.map((q) => passage(card, q)),
    ...card.asked.en.map((q) => passage(card, q)),
  ]);
  return { source, title, kind: ISSUE_CARD_KIND, effective: null, meta: { title, cards: cards as unknown as never }, passages };
}

/** The cards a document carries (an issue-card document's meta), or none. */
export function cardsOf(meta: Record<string, unknown>): IssueCard[] {
  return Array.isArray(meta['cards']) ? (meta['cards'] as IssueCard[]) : [];
}
