/**
 * `npm run ask -- "问题" [--k 5]`: prints the issue cards the question matched and the top passages with
 * citations and scores.
 * Builds the index first when there is none yet.
 */
import { parseArgs } from 'node:util';
import { loadConfig, readEnvironment, secretValues } from '../config.js';
import { createLogger } from '../log.js';
import { openStore } from '../store/open-store.js';
import { formatCitation, openKnowledge } from './index.js';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { k: { type: 'string', default: '5' } } });
  const question = positionals.join(' ').trim();
  if (!question) throw new Error('usage: npm run ask -- "公司拖欠工资怎么办" [--k 5]');
  const config = loadConfig(readEnvironment());
  const log = createLogger({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, secrets: secretValues(config) });
  const db = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const { retriever, built } = await openKnowledge({ db, config, log });
    if (built) process.stderr.write('ask: indexed the knowledge folder first\n');
    const started = performance.now();
    const { passages: hits, issues } = await retriever.lookup(question, { k: Number(values.k) || 5 });
    const ms = performance.now() - started;
    for (const m of issues) {
      console.log(
        `issue ${m.card.id}  strength ${m.strength.toFixed(2)} (similarity ${m.similarity?.toFixed(3) ?? '-'}) ← “${m.matched.slice(0, 60)}”`,
      );
    }
    hits.forEach((h, i) => {
      const s = h.scores;
      console.log(
        `${i + 1}. ${formatCitation(h)}  score ${h.score.toFixed(4)}` +
          ` (vector ${s.vector?.toFixed(3) ?? '-'}, lexical ${s.lexical?.toFixed(2) ?? '-'}, card ${s.card?.toFixed(2) ?? '-'})${h.effective ? `  effective ${h.effective}` : ''}`,
      );
      console.log(`   ${h.text.replace(/\s+/g, ' ').slice(0, 160)}`);
    });
    console.log(`(${hits.length} passages in ${ms.toFixed(1)} ms)`);
  } finally {
    await db.close();
  }
}

main().catch((error: Error) => {
  console.error(`ask failed: ${error.message}`);
  process.exitCode = 1;
});
