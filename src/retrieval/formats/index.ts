export { readKnowledgeFile, knowledgeFileHash, isKnowledgeFile, knowledgeExtensions, type KnowledgeFile, type ReadKnowledgeFileOptions } from './read-knowledge-file.js';
export { FormatError } from './format-error.js';
export { noTextLayer } from './pdf-format.js';
export { isSidecar, type FrontMatter } from './sidecar-meta.js';
export { splitAtUnits, reflowLines, renderBlocks, type Block } from './document-layout.js';
