/**
 * Each issue card as one document: its issue line and every way workers put it, pooled, scored against a
 * question with BM25 (words and Chinese character bigrams). The card pool's search matches the question
 * to the single nearest phrasing; a long story rarely resembles any one of them, but its legal words are
 * spread over a card's phrasings together, while its side words are spread over many cards (low IDF). Kept
 * in memory per index version (~550 cards): no statement, a few hundred microseconds per question.
 *
 * @example
 *   const docs = cardDocuments(cards);
 *   docs.score('干了5个月没签合同，老板说签不签都一样')[0] // → { id: 'no-written-contract-double-wage', score: 23.1 }
 */
import { cjkBigrams, tokenize } from '../text/tokenizer.js';
import type { IssueCard } from './issue-cards.js';

const K1 = 1.2;
const B = 0.75;

/** The terms BM25 reads: each distinct word and character bigram once per text. */
function terms(text: string): Set<string> {
  return new Set([...tokenize(text), ...cjkBigrams(text).map((b) => `\u0002${b}`)]);
}

export interface CardDocuments {
  /** Cards with a positive score, best first. */
  score(question: string): Array<{ id: string; score: number }>;
}

export function cardDocuments(cards: Iterable<IssueCard>): CardDocuments {
  const ids: string[] = [];
  const lengths: number[] = [];
  // term → postings: card index and term frequency (how many of the card's texts contain it)
  const postings = new Map<string, Array<[number, number]>>();
  for (const card of cards) {
    const doc = ids.push(card.id) - 1;
    const tf = new Map<string, number>();
    for (const text of [card.issue.zh, card.issue.en, ...card.asked.zh, ...card.asked.en]) {
      for (const t of terms(text)) tf.set(t, (tf.get(t) ?? 0) + 1);
    }
    let length = 0;
    for (const [t, n] of tf) {
      length += n;
      let list = postings.get(t);
      if (!list) postings.set(t, (list = []));
      list.push([doc, n]);
    }
    lengths.push(length);
  }
  const n = ids.length;
  const average = lengths.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const norm = lengths.map((l) => K1 * (1 - B + (B * l) / (average || 1)));
  return {
    score(question) {
      const scores = new Float64Array(n);
      for (const t of terms(question)) {
        const list = postings.get(t);
        if (!list) continue;
        const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
        for (const [doc, tf] of list) scores[doc]! += (idf * tf * (K1 + 1)) / (tf + norm[doc]!);
      }
      const out: Array<{ id: string; score: number }> = [];
      scores.forEach((s, i) => {
        if (s > 0) out.push({ id: ids[i]!, score: s });
      });
      return out.sort((a, b) => b.score - a.score);
    },
  };
}
