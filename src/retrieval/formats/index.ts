export { type Block, reflowLines, renderBlocks, splitAtUnits } from './document-layout.js';
export { FormatError } from './format-error.js';
export { noTextLayer } from './pdf-format.js';
export {
  isKnowledgeFile,
  type KnowledgeFile,
  knowledgeExtensions,
  knowledgeFileHash,
  type ReadKnowledgeFileOptions,
  readKnowledgeFile,
} from './read-knowledge-file.js';
export { type FrontMatter, isSidecar } from './sidecar-meta.js';
