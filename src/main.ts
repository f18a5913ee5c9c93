/** Composition root: config → store → embedder/llm → retrieval → assistant → cases → channels. */
import { loadConfig, readEnvironment } from './config.js';

const config = loadConfig(readEnvironment());
console.log(`Niangjia: nothing wired yet (store: ${config.DATABASE_URL ? 'postgres' : 'pglite'})`);
