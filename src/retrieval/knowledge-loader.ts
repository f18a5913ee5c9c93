/**
 * Reads the knowledge folder into documents and passages. A file that cannot be read or parsed is
 * reported by path and reason and skipped; the rest still load.
 *
 * @example
 *   const { documents, failed } = await loadKnowledge({ knowledgeDir: './knowledge' });
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { chunkDocument, type ChunkOptions, type PassageDraft } from './law-chunker.js';
import { metaString, type FrontMatter } from './front-matter.js';
import { isKnowledgeFile, knowledgeFileHash, readKnowledgeFile } from './formats/index.js';

export interface KnowledgeDocument {
  /** Path relative to the knowledge folder, with / separators. */
  source: string;
  title: string;
  kind: string;
  effective: string | null;
  /** sha256 of the file's bytes: lets a re-index skip unchanged files. */
  contentHash: string;
  meta: FrontMatter;
  passages: PassageDraft[];
}

export interface FailedFile {
  path: string;
  reason: string;
}

/** Lists indexable files under `dir` (relative paths, sorted). READMEs describe folders; they are not knowledge. */
export async function listKnowledgeFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && isKnowledgeFile(e.name) && !/^readme\./i.test(e.name))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

export async function loadKnowledgeFile(knowledgeDir: string, source: string, chunk?: ChunkOptions): Promise<KnowledgeDocument> {
  const path = join(knowledgeDir, source);
  const bytes = await readFile(path);
  // .md, .txt, .docx, .pdf, .html: each read into the same article-per-line text (formats/).
  const { text: body, frontMatter } = await readKnowledgeFile(path, bytes, { displayPath: source });
  const meta = frontMatter as FrontMatter;
  const passages = await chunkDocument({ source, meta, body }, chunk);
  if (!passages.length) throw new Error('no text to index');
  const first = passages[0]!;
  return {
    source,
    title: first.title,
    kind: first.kind,
    effective: first.effective,
    contentHash: await knowledgeFileHash(path, bytes),
    meta: { ...meta, title: metaString(meta, 'title') ?? first.title },
    passages,
  };
}

export async function loadKnowledge({ knowledgeDir, chunk }: { knowledgeDir: string; chunk?: ChunkOptions }): Promise<{
  documents: KnowledgeDocument[];
  failed: FailedFile[];
}> {
  const documents: KnowledgeDocument[] = [];
  const failed: FailedFile[] = [];
  for (const source of await listKnowledgeFiles(knowledgeDir)) {
    try {
      documents.push(await loadKnowledgeFile(knowledgeDir, source, chunk));
    } catch (error) {
      const e = error as Error & { reason?: string };
      failed.push({ path: source, reason: e.reason ?? (e instanceof TypeError ? 'not valid UTF-8 text' : e.message) });
    }
  }
  return { documents, failed };
}
