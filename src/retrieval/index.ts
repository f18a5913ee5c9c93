/** The retrieval layer's public surface: ingestion, the index lifecycle and hybrid search. */
export type { Passage, ScoredPassage, SearchOptions, Retriever } from './types.js';
export { createRetriever, type RetrieverOptions, type FusionTuning, type HybridScoredPassage } from './hybrid-retriever.js';
export {
  buildIndex, ensureIndexed, checkEmbedder, IndexBuildError, IndexMismatchError,
  type BuildOptions, type BuildSummary, type BuildProgress,
} from './index-builder.js';
export { loadThesaurus, parseThesaurus, emptyThesaurus, ThesaurusError, type Thesaurus, type ThesaurusGroup } from './thesaurus.js';
export { loadKnowledge, loadKnowledgeFile, listKnowledgeFiles, type KnowledgeDocument, type FailedFile } from './knowledge-loader.js';
export { chunkDocument, ChunkError, type PassageDraft, type ChunkOptions } from './law-chunker.js';
export { parseFrontMatter, FrontMatterError, type FrontMatter } from './front-matter.js';
export { parseChineseNumber, parseArticleHeading } from './chinese-numerals.js';
export { tokenize, cjkBigrams } from '../text/tokenizer.js';
export { formatCitation } from './citation.js';
export { updateIndex, type UpdateIndexOptions, type ReindexEvent, type ReindexPhase, type ReindexSummary } from './index-update.js';
export { rollbackIndex, RollbackError } from './index-rollback.js';
export { isInForce, documentStatus } from './document-status.js';
export { readKnowledgeFile, FormatError, knowledgeExtensions } from './formats/index.js';
export { openKnowledge, type OpenKnowledgeOptions } from './open-knowledge.js';
