/** The retrieval layer's public surface: ingestion, the index lifecycle and hybrid search. */

export { cjkBigrams, tokenize } from '../text/tokenizer.js';
export { parseArticleHeading, parseChineseNumber } from './chinese-numerals.js';
export { formatCitation } from './citation.js';
export { documentStatus, isInForce } from './document-status.js';
export { FormatError, knowledgeExtensions, readKnowledgeFile } from './formats/index.js';
export { type FrontMatter, FrontMatterError, parseFrontMatter } from './front-matter.js';
export { createRetriever, type FusionTuning, type HybridScoredPassage, type RetrieverOptions } from './hybrid-retriever.js';
export {
  type BuildOptions,
  type BuildProgress,
  type BuildSummary,
  buildIndex,
  checkEmbedder,
  ensureIndexed,
  IndexBuildError,
  IndexMismatchError,
} from './index-builder.js';
export { RollbackError, rollbackIndex } from './index-rollback.js';
export { type ReindexEvent, type ReindexPhase, type ReindexSummary, type UpdateIndexOptions, updateIndex } from './index-update.js';
export { type FailedFile, type KnowledgeDocument, listKnowledgeFiles, loadKnowledge, loadKnowledgeFile } from './knowledge-loader.js';
export { ChunkError, type ChunkOptions, chunkDocument, type PassageDraft } from './law-chunker.js';
export { type OpenKnowledgeOptions, openKnowledge } from './open-knowledge.js';
export { emptyThesaurus, loadThesaurus, parseThesaurus, type Thesaurus, ThesaurusError, type ThesaurusGroup } from './thesaurus.js';
export type { Passage, Retriever, ScoredPassage, SearchOptions } from './types.js';
