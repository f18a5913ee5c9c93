/**
 * Reads the knowledge folder into documents and passages. A file that cannot be read or parsed is
 * reported by path and reason and skipped; the rest still load.
 *
 * @example
 *   const { documents, failed } = await loadKnowledge({ knowledgeDir: './knowledge' });
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { audienceErrors } from './audience.js';
import { isKnowledgeFile, knowledgeFileHash, readKnowledgeFile } from './formats/index.js';
import { type FrontMatter, metaString } from './front-matter.js';
import { cardsDocument, isIssueCardFile } from './issue-card-document.js';
import { type CorpusArticles, corpusArticles, type FailedCard, parseIssueCardFile } from './issue-cards.js';
import { type ChunkOptions, chunkDocument, type PassageDraft } from './law-chunker.js';

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
  /** Parts of the file that could not be used while the rest was (an issue card that cites a missing article). */
  failedParts?: FailedCard[];
}

export interface FailedFile {
  path: string;
  reason: string;
}

/** Lists indexable files under `dir` (relative paths, sorted). READMEs describe folders; they are not knowledge. */
export async function listKnowledgeFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .map((e) => ({ e, path: relative(dir, join(e.parentPath, e.name)).split(sep).join('/') }))
    .filter(({ e, path }) => e.isFile() && (isKnowledgeFile(e.name) || isIssueCardFile(path)) && !/^readme\./i.test(e.name))
    .map(({ path }) => path)
    .sort();
}

/** Per knowledge folder, the articles the corpus has, read once per run (cards are checked against them). */
export type ArticlesOf = (knowledgeDir: string) => Promise<CorpusArticles>;

export function articlesOnce(): ArticlesOf {
  const cache = new Map<string, Promise<CorpusArticles>>();
  return (dir) => {
    let p = cache.get(dir);
    if (!p) cache.set(dir, (p = corpusArticles(dir)));
    return p;
  };
}

export async function loadKnowledgeFile(
  knowledgeDir: string,
  source: string,
  chunk?: ChunkOptions,
  articles: ArticlesOf = articlesOnce(),
): Promise<KnowledgeDocument> {
  const path = join(knowledgeDir, source);
  const bytes = await readFile(path);
  if (isIssueCardFile(source)) {
    const { cards, failed } = parseIssueCardFile(
      source,
      new TextDecoder('utf-8', { fatal: true }).decode(bytes),
      await articles(knowledgeDir),
    );
    if (!cards.length)
      throw Object.assign(new Error(failed.map((f) => `${f.card}: ${f.reason}`).join('; ') || 'no cards'), {
        reason: failed[0]?.card === '(file)' ? failed[0].reason : `no valid card (${failed.length} failed)`,
      });
    return { ...cardsDocument(source, cards), contentHash: await knowledgeFileHash(path, bytes), failedParts: failed };
  }
  // .md, .txt, .docx, .pdf, .html: each read into the same article-per-line text (formats/).
  const { text: body, frontMatter } = await readKnowledgeFile(path, bytes, { displayPath: source });
  const meta = frontMatter as FrontMatter;
  const audience = audienceErrors(meta);
  if (audience.length) throw new Error(audience.join('; '));
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
  const articles = articlesOnce();
  for (const source of await listKnowledgeFiles(knowledgeDir)) {
    try {
      const doc = await loadKnowledgeFile(knowledgeDir, source, chunk, articles);
      documents.push(doc);
      failed.push(...partFailures(doc));
    } catch (error) {
      const e = error as Error & { reason?: string };
      failed.push({ path: source, reason: e.reason ?? (e instanceof TypeError ? 'not valid UTF-8 text' : e.message) });
    }
  }
  return { documents, failed };
}

/** A document's unusable parts as failed entries ("issues/x.yaml" · "card foo: cites …"). */
export function partFailures(doc: KnowledgeDocument): FailedFile[] {
  return (doc.failedParts ?? []).map((f) => ({ path: f.path, reason: `card ${f.card}: ${f.reason}` }));
}
