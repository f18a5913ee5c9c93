/**
 * `--rollback`: makes the previous retained version live again, in one transaction (the current one becomes
 * retired, so a later re-index or another rollback can still reach it).
 *
 * @example
 *   const { from, to } = await rollbackIndex({ db, embedder });
 */

import type { Embedder } from '../llm/embedder.js';
import type { Db } from '../store/db.js';
import { createKnowledgeStore } from '../store/knowledge-store.js';
import { createReindexStore } from '../store/reindex-store.js';
import { checkEmbedder } from './index-builder.js';

/** There is no earlier version to go back to, or it cannot serve with this embedder. */
export class RollbackError extends Error {
  override name = 'RollbackError';
}

export async function rollbackIndex({ db, embedder }: { db: Db; embedder: Embedder }): Promise<{ from: number; to: number }> {
  const store = createKnowledgeStore(db);
  const live = await store.liveVersion();
  if (!live) throw new RollbackError('There is no live index to roll back from: run npm run reindex');
  const to = await createReindexStore(db).previousVersion(live.id);
  if (to === undefined) {
    throw new RollbackError(`No earlier index version is kept (version ${live.id} is the oldest); nothing to roll back to`);
  }
  const target = (await store.listVersions()).find((v) => v.id === to)!;
  try {
    checkEmbedder(target, embedder);
  } catch (error) {
    throw new RollbackError(`Version ${to} was built with ${target.embedder}, not the configured embedder: ${(error as Error).message}`);
  }
  await store.activate(to, target.stats);
  return { from: live.id, to };
}
