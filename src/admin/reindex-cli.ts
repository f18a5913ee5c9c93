/**
 * `npm run reindex`: a full rebuild of the knowledge index into a new version, switched in atomically.
 * Progress goes to stderr, the summary to stdout.
 */
import { loadConfig, readEnvironment, secretValues } from '../config.js';
import { createLogger } from '../log.js';
import { openStore } from '../store/open-store.js';
import { createEmbedder } from '../llm/embedder.js';
import { buildIndex, type BuildProgress } from '../retrieval/index.js';

async function main(): Promise<void> {
  const config = loadConfig(readEnvironment());
  const log = createLogger({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, secrets: secretValues(config) });
  const db = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  let last = '';
  const onProgress = ({ phase, done, total }: BuildProgress) => {
    const line = `${phase} ${done}/${total}`;
    if (line !== last && (done === total || done % 10 === 0 || phase === 'embed')) process.stderr.write(`reindex: ${line}\n`);
    last = line;
  };
  try {
    const s = await buildIndex({
      db,
      embedder: createEmbedder(config),
      knowledgeDir: config.KNOWLEDGE_DIR,
      log,
      onProgress,
      keep: config.INDEX_VERSIONS_KEPT,
    });
    console.log(`index version ${s.version} is live${s.retired ? ` (version ${s.retired} retired)` : ''}: ` +
      `${s.documents} documents, ${s.passages} passages, ${s.failed.length} failed, ${(s.ms / 1000).toFixed(1)} s`);
    for (const f of s.failed) console.log(`  skipped ${f.path}: ${f.reason}`);
  } finally {
    await db.close();
  }
}

main().catch((error: Error) => {
  console.error(`reindex failed: ${error.message}`);
  process.exitCode = 1;
});
