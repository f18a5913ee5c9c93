/**
 * The answer without an LLM: a plain lead-in, the decisive article(s) quoted (trimmed to the sentences
 * that matter) and cited as 《title》第N条 with the effective date, a one-line explanation when the topic is
 * known, what to do next, and a note that this is legal information. English questions get the same
 * shape in English around the Chinese quote. Every text comes from knowledge/policy.
 *
 * @example
 *   const { text, citations } = extractiveAnswer({ question, lang: 'zh', passages, texts, words });
 */
import type { ScoredPassage } from '../retrieval/types.js';
import type { Citation, Lang } from './types.js';
import { citationOf, inBasis, parseBasis } from './citations.js';
import { coverage } from './keywords.js';
import { fill, type ReplyTexts, type Topic } from './reply-texts.js';

export interface ExtractiveInput {
  lang: Lang;
  passages: readonly ScoredPassage[];
  texts: ReplyTexts;
  /** Content words of the question, to pick and trim passages. */
  words: readonly string[];
  topic?: Topic;
  /** Below the threshold: say so first and point to a person. */
  unsure?: boolean;
  /** The question was read together with the previous one. */
  followUp?: boolean;
  /** How many articles to quote at most. */
  maxQuotes?: number;
  /** Longest quote in characters before it is trimmed to its relevant sentences. */
  maxQuoteChars?: number;
}

export interface ComposedAnswer {
  text: string;
  citations: Citation[];
}

/** Picks the passages to quote: the topic's basis articles first, then by rank and word coverage. */
export function choosePassages(passages: readonly ScoredPassage[], words: readonly string[], topic: Topic | undefined, max: number): ScoredPassage[] {
  const basis = topic ? parseBasis(topic.basis) : [];
  const citable = passages.slice(0, 6).filter((p) => p.articles.length > 0 || p.kind === 'union-guide');
  const rated = citable.map((p, rank) => ({
    p,
    value: (inBasis(p, basis) ? 1 : 0) + coverage(words, p.text) * 0.8 + (1 - rank / 6) * 0.6,
  }));
  rated.sort((a, b) => b.value - a.value);
  const best = rated[0];
  if (!best) return [];
  const chosen = [best.p];
  for (const r of rated.slice(1)) {
    if (chosen.length >= max) break;
    const duplicate = chosen.some((c) => c.title === r.p.title && c.articles.join() === r.p.articles.join());
    // A second article only when it is nearly as good: two weak quotes read worse than one strong one.
    if (!duplicate && r.value >= best.value * 0.8) chosen.push(r.p);
  }
  return chosen;
}

/** Trims a long article to its heading sentence and the sentences that carry the question's words. */
export function trimQuote(text: string, words: readonly string[], maxChars: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= maxChars) return clean;
  const sentences = clean.split(/(?<=[。；！？])/).filter((s) => s.trim());
  const scored = sentences.map((s, i) => ({ s, i, n: words.filter((w) => s.toLowerCase().includes(w)).length }));
  const keep = new Set<number>([0]);
  let length = sentences[0]?.length ?? 0;
  for (const c of [...scored].sort((a, b) => b.n - a.n || a.i - b.i)) {
    if (c.n === 0 || keep.has(c.i)) continue;
    if (length + c.s.length > maxChars && keep.size > 1) break;
    keep.add(c.i);
    length += c.s.length;
  }
  const ordered = [...keep].sort((a, b) => a - b);
  let out = '';
  ordered.forEach((i, k) => {
    if (k > 0 && i !== ordered[k - 1]! + 1) out += '……';
    out += sentences[i];
  });
  if (ordered.at(-1)! < sentences.length - 1) out += '……';
  return out.length > maxChars * 1.6 ? `${out.slice(0, maxChars)}……` : out;
}

export function extractiveAnswer({
  lang, passages, texts, words, topic, unsure = false, followUp = false, maxQuotes = 2, maxQuoteChars = 220,
}: ExtractiveInput): ComposedAnswer {
  const t = texts.lang(lang).answer;
  const chosen = choosePassages(passages, words, topic, maxQuotes);
  if (!chosen.length) return { text: [t.nothingFound, t.disclaimer].join('\n\n'), citations: [] };
  const citations = chosen.map(citationOf);
  const quotes = chosen.map((p, i) => {
    const c = citations[i]!;
    const label = fill(t.citation, { label: c.label, effective: c.effective ? fill(t.effective, { date: c.effective }) : '' });
    return `${label}\n“${trimQuote(p.text, words, maxQuoteChars)}”`;
  });
  const topicName = topic ? (lang === 'en' ? topic.en : topic.zh) : undefined;
  const summary = topic ? (lang === 'en' ? topic.summaryEn : topic.summaryZh) : undefined;
  const parts = [
    unsure ? t.unsure : undefined,
    followUp ? t.followUpFrom : undefined,
    topicName ? fill(t.leadInTopic, { topic: topicName }) : t.leadIn,
    quotes.join('\n\n'),
    unsure ? undefined : summary ? fill(t.inShort, { explanation: summary }) : t.noSummary || undefined,
    t.nextSteps,
    t.disclaimer,
  ];
  return { text: parts.filter(Boolean).join('\n\n'), citations };
}
