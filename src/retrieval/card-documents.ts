/**
 * Each issue card as one document: its issue line and every way workers put it, pooled, scored against a
 * question with BM25 (words and Chinese character bigrams). The card pool's search matches the question
 * to the single nearest phrasing; a long story rarely resembles any one of them, but its legal words are
 * spread over a card's phrasings together, while its side words are spread over many cards (low IDF). Kept
 * in memory per index version (~550 cards: ~3 MB of heap, ~0.5 s to build): no statement, ~0.3 ms per question.
 *
 * @example
 *   const docs = cardDocuments(cards);
 *   docs.score('干了5个月没签合同，老板说签不签都一样')[0] // → { id: 'contract-double-wage-no-contract', score: 35.9 }
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

/**
 * Postings packed (compressed sparse rows: one offset per term into typed arrays of cards and frequencies):
 * as nested arrays the ~550 cards' postings took ~30 MB of heap, packed they take a few.
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
  for (const card of cards) {
    ids.push(card.id);
    const tf = new Map<string, number>();
    for (const text of [card.issue.zh, card.issue.en, ...card.asked.zh, ...card.asked.en]) {
      for (const t of terms(text)) tf.set(t, (tf.get(t) ?? 0) + 1);
    }
    for (const [t, f] of tf) {
      let id = termIds.get(t);
      if (id === undefined) termIds.set(t, (id = counts.push(0) - 1));
      counts[id]! += 1;
      pairTerms.push(id);
      pairFrequencies.push(f);
    }
    cardEnds.push(pairTerms.length);
  }
  const n = ids.length;
  const offsets = new Int32Array(counts.length + 1);
  counts.forEach((c, i) => {
    offsets[i + 1] = offsets[i]! + c;
  });
  const docs = new Int32Array(offsets[counts.length]!);
  const tfs = new Uint16Array(docs.length);
  const filled = offsets.slice(0, counts.length);
  const lengths = new Float64Array(n);
  let doc = 0;
  pairTerms.forEach((term, i) => {
    while (i >= cardEnds[doc]!) doc += 1;
    const at = filled[term]!++;
    docs[at] = doc;
    tfs[at] = pairFrequencies[i]!;
    lengths[doc]! += pairFrequencies[i]!;
  });
  const average = lengths.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const norm = Array.from(lengths, (l) => K1 * (1 - B + (B * l) / (average || 1)));
  return {
    score(question) {
      const scores = new Float64Array(n);
      for (const t of terms(question)) {
        const term = termIds.get(t);
        if (term === undefined) continue;
        const from = offsets[term]!;
        const to = offsets[term + 1]!;
        const idf = Math.log(1 + (n - (to - from) + 0.5) / (to - from + 0.5));
        for (let i = from; i < to; i++) {
          const tf = tfs[i]!;
          scores[docs[i]!]! += (idf * tf * (K1 + 1)) / (tf + norm[docs[i]!]!);
        }
      }
      const out: Array<{ id: string; score: number }> = [];
      scores.forEach((s, i) => {
        if (s > 0) out.push({ id: ids[i]!, score: s });
      });
      return out.sort((a, b) => b.score - a.score);
    },
  };
}
