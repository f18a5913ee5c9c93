/** SQL for the triage model stored with each index version (see triage/train-triage.ts). */
import type { Db } from './db.js';

export interface StoredTriage {
  versionId: number;
  inputsHash: string;
  bundle: unknown;
  stats: Record<string, unknown>;
}

export function createTriageStore(db: Db) {
  return {
    async load(versionId: number): Promise<StoredTriage | undefined> {
      const [row] = await db.query<StoredTriage>(
        `select version_id as "versionId", inputs_hash as "inputsHash", bundle, stats from triage_models where version_id = $1`,
        [versionId],
      );
      return row;
    },

    async save(versionId: number, t: { inputsHash: string; bundle: unknown; stats: Record<string, unknown> }): Promise<void> {
      await db.query(
        `insert into triage_models (version_id, inputs_hash, bundle, stats) values ($1, $2, $3, $4)
         on conflict (version_id) do update set inputs_hash = excluded.inputs_hash, bundle = excluded.bundle,
           stats = excluded.stats, trained_at = now()`,
        [versionId, t.inputsHash, JSON.stringify(t.bundle), JSON.stringify(t.stats)],
      );
    },

    /** Copies the model of one version to another (the inputs did not change). */
    async copy(fromVersion: number, toVersion: number): Promise<boolean> {
      const rows = await db.query(
        `insert into triage_models (version_id, inputs_hash, bundle, stats)
         select $2, inputs_hash, bundle, stats from triage_models where version_id = $1
         on conflict (version_id) do nothing returning version_id`,
        [fromVersion, toVersion],
      );
      return rows.length > 0;
    },
  };
}
