/**
 * The answer without an LLM, bottom line first: what the worker asked, answered in one to three plain
 * sentences (the spotted issue card's bottom line, after the worked-out figure when a calculator had the
 * facts), then at most two articles trimmed to the sentence that matters and cited once as 《title》第N条,
 * then the next steps of that issue, then a one-line note. It fits a phone's first screen: the text before
 * the first quote stays short. An English question gets English throughout, the quoted article in Chinese
 * with an English gist. With no card to stand on, it says what the closest article says and offers a person.
 *
 * @example
 *   const { text, citations } = bottomLineAnswer({ lang: 'zh', question, passages, card, texts });
 */

import type { IssueCard } from '../retrieval/issue-cards.js';
import { withoutPlaceholders } from '../retrieval/placeholders.js';
import type { ScoredPassage } from '../retrieval/types.js';
import { articleLabel, citationOf, sameTitle } from './citations.js';
import { keywords } from './keywords.js';
import { fill, type ReplyTexts } from './reply-texts.js';
import type { Citation, Lang } from './types.js';

export interface BottomLineInput {
  lang: Lang;
  /** The question as understood (a follow-up is read with the one before). */
  question: string;
  passages: readonly ScoredPassage[];
  /** The issue the question is about, when issue spotting is sure enough. */
  card?: IssueCard;
  texts: ReplyTexts;
  /** Said first when the answer may be wrong (calibrated confidence below the threshold). */
  unsure?: boolean;
  followUp?: boolean;
  /** The worked-out figure in a line, in the worker's language, shown before the bottom line. */
  figure?: string;
  /** The whole working, the assumptions and the legal basis of the figure, shown after the quotes. */
  figureNotes?: string;
  /** The one question to ask the worker (a fact the figure still needs), shown after the bottom line. */
  ask?: string;
  /** Citations of the figure's legal basis, besides the quotes. */
  figureCitations?: readonly Citation[];
  /** English gists of articles, keyed `title#article`. */
  gists?: ReadonlyMap<string, string>;
  maxQuotes?: number;
}

export interface ComposedAnswer {
  text: string;
  citations: Citation[];
}

const key = (title: string, article: number) => `${title}#${article}`;

/**
 * The passages to quote: the card's article that retrieval ranked highest for this question (so the one that
 * fits the worker's facts comes first), then the best-ranked other article; else the best-ranked citable passage.
 */
export function quotedPassages(passages: readonly ScoredPassage[], card: IssueCard | undefined, max: number): ScoredPassage[] {
  const citable = passages.filter((p) => p.articles.length > 0);
  if (card) {
    const out: ScoredPassage[] = [];
    const same = (a: ScoredPassage, b: ScoredPassage) => a.title === b.title && a.articles.join() === b.articles.join();
    for (const p of citable) {
      const onCard = card.articles.some((a) => sameTitle(a.title, p.title) && p.articles.includes(a.article));
      if (onCard && !out.some((o) => same(o, p))) out.push(p);
      if (out.length) break;
    }
    // The second quote: the best-ranked other article (measured on the dev sets: more answers cite a relevant
    // article than with a second article of the same card).
    const other = out.length ? citable.find((p) => !out.some((o) => same(o, p))) : undefined;
    if (other && max > 1) out.push(other);
    if (out.length) return out;
  }
  return citable.slice(0, 1);
}

/**
 * The first sentences of `text` that fit in `max` characters; a first sentence too long by itself is cut at
 * its last clause break (or word) that fits, with an ellipsis.
 */
export function fitSentences(text: string, max: number): string {
  if (text.length <= max) return text;
  const sentences = text.split(/(?<=[。；！？!?;]|\.\s)/);
  let out = sentences[0]!;
  if (out.length > max) {
    const window = out.slice(0, max - 1);
    const cut = Math.max(...['，', ',', '；', ';', '：', ':', '、'].map((c) => window.lastIndexOf(c)));
    const at = cut > max / 3 ? cut : window.lastIndexOf(' ') > max / 3 ? window.lastIndexOf(' ') : max - 1;
    return `${out.slice(0, at).trim()}…`;
  }
  for (const s of sentences.slice(1)) {
    if (out.length + s.length > max) break;
    out += s;
  }
  return out.trim();
}

/** What may come before the first quote: it must fit the first screen of a phone. */
export const MAX_BEFORE_QUOTE = 350;

/** The sentence (or two) of an article that carry most of the answer's words; the 第N条 heading is dropped. */
export function decisiveSentence(text: string, words: readonly string[], maxChars = 160): string {
  const body = text
    .replace(/^第[零〇一二两三四五六七八九十百千\d]+条(?:之[一二三四五六七八九十]+)?\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (body.length <= maxChars) return body;
  const sentences = body
    .split(/(?<=[。；])/)
    .map((s) => s.trim())
    .filter(Boolean);
  const score = (s: string) => words.filter((w) => s.includes(w)).length;
  let best = 0;
  sentences.forEach((s, i) => {
    if (score(s) > score(sentences[best]!)) best = i;
  });
  let out = sentences[best]!;
  const next = sentences[best + 1];
  if (next && out.length + next.length <= maxChars && score(next) > 0) out += next;
  if (out.length > maxChars * 1.5) out = `${out.slice(0, maxChars)}…`;
  return `${best > 0 ? '……' : ''}${out}${best + 1 < sentences.length && !out.endsWith('…') ? '……' : ''}`;
}

export function bottomLineAnswer({
  lang,
  question,
  passages,
  card,
  texts,
  unsure = false,
  followUp = false,
  figure,
  figureNotes,
  ask,
  figureCitations = [],
  gists,
  maxQuotes = 2,
}: BottomLineInput): ComposedAnswer {
  const t = texts.lang(lang).answer;
  const quotes = quotedPassages(passages, card, maxQuotes);
  if (!quotes.length && !card) return { text: [t.nothingAtAll, t.disclaimer].join('\n\n'), citations: [] };
  const words = keywords([card?.bottomLine.zh, card?.issue.zh, lang === 'zh' ? question : ''].filter(Boolean).join(' '));
  const citations: Citation[] = [];
  const quoteBlocks = quotes.map((p) => {
    const article = card?.articles.find((a) => sameTitle(a.title, p.title) && p.articles.includes(a.article))?.article ?? p.articles[0]!;
    citations.push({ ...citationOf(p), article, label: articleLabel(p.title, article) });
    const label = fill(t.citation, {
      label: articleLabel(p.title, article),
      effective: p.effective ? fill(t.effective, { date: p.effective }) : '',
    });
    const gist = lang === 'en' ? (gists?.get(key(p.title, article)) ?? card?.issue.en) : undefined;
    return [label, `“${decisiveSentence(p.text, words)}”`, gist ? fill(t.gist, { gist }) : ''].filter(Boolean).join('\n');
  });
  const lead = [unsure ? t.unsure : '', followUp ? t.followUpFrom : '', figure ?? ''].filter(Boolean).join('\n');
  // A worked-out figure (or the question for its missing fact) needs no "nothing found" beside it: the
  // calculator's basis is cited with it.
  const bottom = card ? card.bottomLine[lang] : figure || ask ? '' : t.nothingFound;
  // The first screen: the lead, then as much of the bottom line as fits (its first sentence at least, unless
  // a worked-out figure already fills the screen).
  // What stands between the head and the first quote mark: the intro and the first citation's label.
  const beforeFirstQuote = quoteBlocks.length ? t.articleIntro.length + quoteBlocks[0]!.indexOf('“') + 3 : 0;
  const room = MAX_BEFORE_QUOTE - lead.length - (ask?.length ?? 0) - 4 - beforeFirstQuote;
  const fitted = bottom && (figure && room < 40 ? '' : fitSentences(bottom, Math.max(40, room)));
  const head = [lead, fitted, ask ?? ''].filter(Boolean).join('\n');
  const steps = card ? card.nextSteps.slice(0, 4).map((s) => `• ${s[lang]}`) : [`• ${t.defaultSteps}`];
  const parts = [
    head,
    quoteBlocks.length ? `${t.articleIntro}\n${quoteBlocks.join('\n\n')}` : '',
    figureNotes ?? '',
    `${t.nextStepsTitle}\n${steps.join('\n')}`,
    t.disclaimer,
  ];
  for (const c of figureCitations) if (!citations.some((q) => q.title === c.title && q.article === c.article)) citations.push(c);
  return { text: withoutPlaceholders(parts.filter(Boolean).join('\n\n'), lang), citations };
}
