/**
 * One entry point for every knowledge format. Each reader returns markdown-like text the law chunker already
 * understands (`# title`, `## 第X章`, each 第X条 starting a line) plus front matter, so policies in .docx or .pdf
 * get article-level citations like the Markdown laws.
 *
 * @example
 *   const { text, frontMatter } = await readKnowledgeFile('knowledge/policy/wages.docx', bytes, { displayPath: 'policy/wages.docx' });
 */

import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { parseFrontMatter } from '../front-matter.js';
import { type Block, firstHeading, renderBlocks, startsWithUnit } from './document-layout.js';
import { docxBlocks } from './docx-format.js';
import { FormatError } from './format-error.js';
import { readHtml } from './html-format.js';
import { pdfBlocks } from './pdf-format.js';
import { type FrontMatter, isSidecar, type ReadOptionalFile, readOptionalFile, readSidecar, sidecarBytes } from './sidecar-meta.js';

export interface KnowledgeFile {
  /** Markdown-like text, front matter removed. */
  text: string;
  /** From the file's own front matter (Markdown) or its sidecar; `title` is always set. */
  frontMatter: FrontMatter;
}

export interface ReadKnowledgeFileOptions {
  /** How the file is named in errors and reports (e.g. relative to the knowledge folder). Default: `path`. */
  displayPath?: string;
  /** Reads sidecars; the file system by default. */
  readFile?: ReadOptionalFile;
}

/** Extensions the index reads; anything else in the knowledge folder is ignored (README.md is a document). */
export const knowledgeExtensions = ['.md', '.markdown', '.txt', '.docx', '.pdf', '.html', '.htm'] as const;

export function isKnowledgeFile(path: string): boolean {
  return !isSidecar(path) && (knowledgeExtensions as readonly string[]).includes(extname(path).toLowerCase());
}

export async function readKnowledgeFile(
  path: string,
  bytes: Uint8Array,
  { displayPath = path, readFile = readOptionalFile }: ReadKnowledgeFileOptions = {},
): Promise<KnowledgeFile> {
  const ext = extname(path).toLowerCase();
  const fallbackTitle = basename(path, extname(path));
  if (isMarkdown(path)) return readMarkdown(bytes, displayPath, fallbackTitle);
  if (!isKnowledgeFile(path)) throw new FormatError(displayPath, `unsupported file type "${ext}" (use ${knowledgeExtensions.join(' ')})`);
  let sidecar = await readSidecar(path, displayPath, readFile);
  let blocks: Block[];
  let title: string | undefined;
  if (ext === '.docx') {
    blocks = await docxBlocks(bytes, displayPath);
  } else if (ext === '.pdf') {
    blocks = await pdfBlocks(bytes, displayPath);
  } else if (ext === '.txt') {
    // A .txt may carry Markdown-style front matter; it wins over a sidecar.
    const { meta, body } = parseFrontMatter(decodeText(bytes, displayPath), displayPath);
    sidecar = { ...sidecar, ...meta };
    blocks = textBlocks(body);
  } else {
    const html = readHtml(bytes, displayPath);
    ({ blocks, title } = html);
  }
  if (!blocks.some((b) => b.text.trim())) throw new FormatError(displayPath, 'the document has no text');
  const named = stringOr(sidecar['title']) ?? firstHeading(blocks) ?? title;
  const lead = named ? undefined : titleLine(blocks);
  const finalTitle = named ?? lead ?? fallbackTitle;
  const body = lead ? blocks.slice(1) : blocks;
  return { text: renderBlocks(body, finalTitle), frontMatter: { ...sidecar, title: finalTitle } };
}

function readMarkdown(bytes: Uint8Array, displayPath: string, fallbackTitle: string): KnowledgeFile {
  const { meta, body } = parseFrontMatter(decodeText(bytes, displayPath), displayPath);
  const heading = /^#\s+(.+)$/m.exec(body)?.[1]?.trim();
  return { text: body, frontMatter: { ...meta, title: stringOr(meta['title']) ?? heading ?? fallbackTitle } };
}

/**
 * sha256 of the file's bytes — and of its sidecar's, when it has one, since a changed sidecar (say, now
 * `repealed: true`) changes the document. Without a sidecar it is the plain sha256 of the file.
 */
export async function knowledgeFileHash(path: string, bytes: Uint8Array, read: ReadOptionalFile = readOptionalFile): Promise<string> {
  const hash = createHash('sha256').update(bytes);
  const sidecar = isMarkdown(path) ? undefined : await sidecarBytes(path, read);
  if (sidecar) hash.update('\0sidecar\0').update(sidecar);
  return hash.digest('hex');
}

const isMarkdown = (path: string) => ['.md', '.markdown'].includes(extname(path).toLowerCase());

/** Plain text: each line is a paragraph (the layout step still splits glued articles). */
function textBlocks(text: string): Block[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim())
    .map((line) => ({ kind: 'paragraph', text: line }));
}

/** A first paragraph that looks like a title (short, not a sentence, not an article) names the document. */
function titleLine(blocks: Block[]): string | undefined {
  const first = blocks[0]?.text.trim();
  if (!first || first.length > 60 || /[。.;；:：]$/.test(first) || startsWithUnit(first)) return undefined;
  return first;
}

function decodeText(bytes: Uint8Array, displayPath: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new FormatError(displayPath, 'not UTF-8 text (save it as UTF-8)', { cause: error });
  }
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
