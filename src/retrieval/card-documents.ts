/**
 * Each issue card as one document: its issue line and every way workers put it, in both languages, pooled and
 * scored against a question with BM25 among the cards alone — a second reading beside the card pool's search
 * (one text per card and language, words counted as the index counts them). Here a term counts once per
 * phrasing that has it, words and Chinese character bigrams both: a legal word that many of a card's
 * phrasings share is strong evidence for that card, one long phrasing's side words are not, and a story's side
 * words spread over many cards (low IDF). Kept in memory per index version (~550 cards: ~5 MB of heap, ~0.5 s to
 * build): no statement, ~0.3 ms per question.
 *
 * @example
 *   const docs = cardDocuments(cards);
 *   docs.score('干了5个月没签合同，老板说签不签都一样')[0] // → { id: 'contract-double-wage-no-contract', score: 35.9 }
 */
import { cjkBigrams, tokenize } from '../text/tokenizer.js';
import { cardTexts } from './issue-card-document.js';
import type { IssueCard } from './issue-cards.js';
import { bm25Idf, bm25Norm, bm25Weight } from './lexical-weights.js';

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

/**
 * Postings packed (compressed sparse rows: one offset per term into typed arrays of cards and BM25 weights,
 * computed once, so a question is a sum over its terms' rows): as nested arrays the ~550 cards' postings took
 * ~30 MB of heap, packed they take a few.
 */
export function cardDocuments(cards: Iterable<IssueCard>): CardDocuments {
  const ids: string[] = [];
  const termIds = new Map<string, number>();
  const counts: number[] = [];
  // Every card's (term, frequency) pairs in one flat list, card after card: no per-card map outlives its card,
  // so the build promotes little to the old heap (measured: ~23 MB of old space with the maps kept to the end).
  const pairTerms: number[] = [];
  const pairFrequencies: number[] = [];
  const cardEnds: number[] = [];
  const lengths: number[] = [];
  for (const card of cards) {
    ids.push(card.id);
    const tf = new Map<string, number>();
    for (const text of [...cardTexts(card, 'zh'), ...cardTexts(card, 'en')]) {
      for (const t of terms(text)) tf.set(t, (tf.get(t) ?? 0) + 1);
    }
    let length = 0;
    for (const [t, f] of tf) {
      length += f;
      let id = termIds.get(t);
      if (id === undefined) termIds.set(t, (id = counts.push(0) - 1));
      counts[id]! += 1;
      pairTerms.push(id);
      pairFrequencies.push(f);
    }
    cardEnds.push(pairTerms.length);
    lengths.push(length);
  }
  const n = ids.length;
  const offsets = new Int32Array(counts.length + 1);
  counts.forEach((c, i) => {
    offsets[i + 1] = offsets[i]! + c;
  });
  const average = lengths.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const docs = new Int32Array(offsets[counts.length]!);
  const weights = new Float64Array(docs.length);
  const filled = offsets.slice(0, counts.length);
  let doc = 0;
  pairTerms.forEach((term, i) => {
    while (i >= cardEnds[doc]!) doc += 1;
    const at = filled[term]!++;
    docs[at] = doc;
    weights[at] = bm25Weight(pairFrequencies[i]!, bm25Idf(n, counts[term]!), bm25Norm(lengths[doc]!, average, K1, B), K1);
  });
  return {
    score(question) {
      const scores = new Float64Array(n);
      for (const t of terms(question)) {
        const term = termIds.get(t);
        if (term === undefined) continue;
        for (let i = offsets[term]!; i < offsets[term + 1]!; i++) scores[docs[i]!]! += weights[i]!;
      }
      const out: Array<{ id: string; score: number }> = [];
      scores.forEach((s, i) => {
        if (s > 0) out.push({ id: ids[i]!, score: s });
      });
      return out.sort((a, b) => b.score - a.score);
    },
  };
}
