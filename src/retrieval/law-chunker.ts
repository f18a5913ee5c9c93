/**
 * Splits one knowledge document into passages. Texts with 第X条 lines become one passage per article
 * (an over-long article is split with overlap but every piece is still cited as that article); texts
 * without articles (notices, typical cases, union guides) are split by heading, then by size.
 *
 * @example
 *   const passages = await chunkDocument({ source: 'laws/labor-contract-law.md', meta, body });
 *   passages[46].articles // [47]
 */
import { parseArticleHeading } from './chinese-numerals.js';
import { type FrontMatter, metaString } from './front-matter.js';
import type { Passage } from './types.js';

/** A passage before it is stored: `text` is shown and quoted; `searchText` is what is embedded and indexed. */
export interface PassageDraft extends Omit<Passage, 'id'> {
  /** Title, English title and heading path, then the text. */
  searchText: string;
}

export interface ChunkOptions {
  /** Articles longer than this many characters are split (default 900). */
  maxArticleChars?: number;
  /** Size of pieces for documents without articles and for over-long articles (default 600). */
  chunkChars?: number;
  overlapChars?: number;
}

interface Section {
  path: string[];
  lines: string[];
}

export class ChunkError extends Error {
  override name = 'ChunkError';
}

export async function chunkDocument(
  { source, meta, body }: { source: string; meta: FrontMatter; body: string },
  { maxArticleChars = 900, chunkChars = 600, overlapChars = 100 }: ChunkOptions = {},
): Promise<PassageDraft[]> {
  const title = metaString(meta, 'title') ?? /^#\s+(.+)$/m.exec(body)?.[1]?.trim();
  if (!title) throw new ChunkError('no title: add "title:" to the front matter or a "# Title" line');
  const kind = metaString(meta, 'kind') ?? 'guide';
  const effective =
    ['version_effective', 'effective', 'last_amended', 'promulgated']
      .map((k) => metaString(meta, k))
      .find((v) => v && /^\d{4}-\d{2}-\d{2}$/.test(v)) ?? null;
  const titleEn = metaString(meta, 'title_en');
  // Loaded when a document is cut, not with the service: LangChain (and LangSmith under it) is ~25 MB of a
  // process that, started on an indexed database, may never re-index.
  const { RecursiveCharacterTextSplitter } = await import('@langchain/textsplitters');
  const splitter = new RecursiveCharacterTextSplitter({
    chunkSize: chunkChars,
    chunkOverlap: overlapChars,
    separators: ['\n\n', '\n', '。', '；', '，', ' ', ''],
  });
  const make = (path: string[], articles: number[], text: string): PassageDraft => ({
    title,
    kind,
    path,
    articles,
    effective,
    source,
    text,
    searchText: `${[title, titleEn, ...path].filter(Boolean).join(' ')}\n${text}`,
  });

  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const hasArticles = lines.some((l) => parseArticleHeading(l.trim()));
  const notes = articleNotes(meta);
  const out: PassageDraft[] = [];
  if (hasArticles) {
    for (const a of splitArticles(lines)) {
      const note = notes.get(a.article);
      const text = a.lines.join('\n').trim() + (note ? `\n（注：${note}）` : '');
      if (text.length <= maxArticleChars) {
        out.push(make(a.path, [a.article], text));
        continue;
      }
      // Each piece repeats the article label so a quoted fragment still says which article it is.
      const label = parseArticleHeading(text)?.label ?? '';
      const pieces = await splitter.splitText(text);
      for (const [i, piece] of pieces.entries()) out.push(make(a.path, [a.article], i === 0 || !label ? piece : `${label}（续）${piece}`));
    }
    return out;
  }
  for (const section of splitSections(lines)) {
    const text = section.lines.join('\n').trim();
    if (!text) continue;
    for (const piece of await splitter.splitText(text)) out.push(make(section.path, [], piece));
  }
  return out;
}

/**
 * Notes the admin attaches to single articles in front matter — what a later text repealed or changed:
 * `article_notes: ["32: 第一款自2025年9月1日起由……第二十一条废止"]`. The note is part of the passage, so a
 * quote of the article always carries it.
 */
function articleNotes(meta: FrontMatter): Map<number, string> {
  const raw = meta['article_notes'];
  const out = new Map<number, string>();
  for (const item of Array.isArray(raw) ? raw : []) {
    const m = typeof item === 'string' ? /^\s*(\d+)\s*[:：]\s*(.+)$/.exec(item) : null;
    if (m) out.set(Number(m[1]), m[2]!.trim());
  }
  return out;
}

/** Heading level of a markdown line (## → 2), or 0. */
function headingLevel(line: string): number {
  const m = /^(#{1,6})\s+\S/.exec(line);
  return m ? m[1]!.length : 0;
}

function updatePath(path: string[], line: string): string[] {
  const level = headingLevel(line);
  // The single # heading is the document title, already on every passage.
  if (level <= 1) return [];
  const next = path.slice(0, level - 2);
  next[level - 2] = line.replace(/^#+\s+/, '').trim();
  return next.filter((p) => p !== undefined);
}

function splitArticles(lines: string[]): { path: string[]; article: number; lines: string[] }[] {
  const articles: { path: string[]; article: number; lines: string[] }[] = [];
  let path: string[] = [];
  let current: { path: string[]; article: number; lines: string[] } | undefined;
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (headingLevel(line)) {
      path = updatePath(path, line);
      current = undefined; // an article runs to the next heading
      continue;
    }
    const heading = parseArticleHeading(line.trim());
    if (heading) {
      current = { path, article: heading.article, lines: [line.trim()] };
      articles.push(current);
    } else if (current && line.trim()) {
      current.lines.push(line.trim());
    }
  }
  return articles;
}

function splitSections(lines: string[]): Section[] {
  const sections: Section[] = [];
  let path: string[] = [];
  let current: Section = { path, lines: [] };
  sections.push(current);
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (headingLevel(line)) {
      path = updatePath(path, line);
      current = { path, lines: [] };
      sections.push(current);
    } else {
      current.lines.push(line);
    }
  }
  return sections;
}
