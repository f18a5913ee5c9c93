/**
 * Baseline (c): the standard LangChain pipeline — RecursiveCharacterTextSplitter (1000 / 200) over each
 * file's text, MemoryVectorStore, dense similarity search — with the SAME local embedder as ours wrapped
 * as a LangChain Embeddings (fitted on these chunks, as ours is fitted on its passages). Chunks know
 * nothing of articles; they are scored by the article spans they overlap (eval README §3).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MemoryVectorStore } from '@langchain/classic/vectorstores/memory';
import { Document } from '@langchain/core/documents';
import { Embeddings } from '@langchain/core/embeddings';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import { type Embedder, isCorpusFitted } from '../../src/llm/embedder.js';
import { parseFrontMatter } from '../../src/retrieval/front-matter.js';
import { listKnowledgeFiles } from '../../src/retrieval/knowledge-loader.js';
import type { CoveringPassage, RankingSearch } from '../../src/retrieval/retrieval-metrics.js';
import { articleSpans, articlesOverlapping, locateChunks } from './article-spans.js';

/** Any of our Embedders, seen through LangChain's interface. */
export class EmbedderAsLangChain extends Embeddings {
  constructor(private readonly embedder: Embedder) {
    super({});
  }
  async embedDocuments(texts: string[]): Promise<number[][]> {
    return (await this.embedder.embed(texts)).map((v) => Array.from(v));
  }
  async embedQuery(text: string): Promise<number[]> {
    return (await this.embedDocuments([text]))[0]!;
  }
}

export async function buildLangChainDense({
  knowledgeDir,
  embedder,
}: {
  knowledgeDir: string;
  embedder: Embedder;
}): Promise<RankingSearch & { chunks: number }> {
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 1000, chunkOverlap: 200 });
  const docs: Document[] = [];
  for (const source of await listKnowledgeFiles(knowledgeDir)) {
    const raw = await readFile(join(knowledgeDir, source), 'utf8');
    let title = source;
    let body = raw;
    try {
      const parsed = parseFrontMatter(raw, source);
      body = parsed.body;
      if (typeof parsed.meta['title'] === 'string') title = parsed.meta['title'];
    } catch {
      // A file without front matter is split as it is, under its path.
    }
    const pieces = await splitter.splitText(body);
    const spans = articleSpans(body);
    locateChunks(body, pieces).forEach(({ start, end }, i) => {
      docs.push(new Document({ pageContent: pieces[i]!, metadata: { title, articles: articlesOverlapping(spans, start, end) } }));
    });
  }
  const fitted = isCorpusFitted(embedder) ? (await embedder.fit(docs.map((d) => d.pageContent))).embedder : embedder;
  const store = await MemoryVectorStore.fromDocuments(docs, new EmbedderAsLangChain(fitted));
  return {
    chunks: docs.length,
    async search(query, { k }) {
      const hits = await store.similaritySearch(query, k);
      return hits.map((d): CoveringPassage => ({ title: d.metadata['title'] as string, articles: d.metadata['articles'] as number[] }));
    },
  };
}
