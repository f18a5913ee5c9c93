/**
 * Maps arbitrary character chunks of a law file to the articles they overlap, as the eval README §3
 * defines coverage: the text of article n runs from the line that starts with 第n条 up to the next
 * 第…条 line or the next `#` heading. Baselines that split text without knowing about articles are
 * scored through this.
 *
 * @example
 *   const spans = articleSpans(body);
 *   articlesOverlapping(spans, 1200, 2200) // [46, 47]
 */
import { parseArticleHeading } from '../../src/retrieval/chinese-numerals.js';

export interface ArticleSpan {
  article: number;
  /** Character offsets in the text, end exclusive. */
  start: number;
  end: number;
}

export function articleSpans(text: string): ArticleSpan[] {
  const spans: ArticleSpan[] = [];
  let open: ArticleSpan | undefined;
  let offset = 0;
  for (const line of text.split('\n')) {
    const heading = /^#{1,6}\s/.test(line);
    const article = heading ? undefined : parseArticleHeading(line.trim());
    if (open && (heading || article)) {
      open.end = offset;
      open = undefined;
    }
    if (article) {
      open = { article: article.article, start: offset, end: text.length };
      spans.push(open);
    }
    offset += line.length + 1;
  }
  return spans;
}

/** Articles whose span overlaps [start, end), in order, without duplicates. */
export function articlesOverlapping(spans: readonly ArticleSpan[], start: number, end: number): number[] {
  const out: number[] = [];
  for (const s of spans) if (s.start < end && start < s.end && !out.includes(s.article)) out.push(s.article);
  return out;
}

/**
 * Finds where each chunk sits in `text`: splitters return substrings in order, overlapping by less than
 * a chunk, so each is searched from just after the previous one's start.
 */
export function locateChunks(text: string, chunks: readonly string[]): { start: number; end: number }[] {
  let from = 0;
  return chunks.map((chunk) => {
    let at = text.indexOf(chunk, from);
    if (at === -1) at = text.indexOf(chunk);
    if (at === -1) return { start: 0, end: 0 }; // not a substring (should not happen): covers nothing
    from = at + 1;
    return { start: at, end: at + chunk.length };
  });
}
