/**
 * The triage of the live index version. A re-index trains the classifier for the version it builds
 * (`ensure`, called before the switch) and stores it beside the passages; the model is copied when its
 * inputs — lexicon, training lines, card phrasings — did not change. A version without a model (built
 * before triage existed, or by a tool that skipped it) gets one the first time it is used.
 *
 * @example
 *   const triage = createTriageSource({ db, knowledgeDir: 'knowledge', log });
 *   await updateIndex({ …, beforeSwitch: (version) => triage.ensure(version) });
 *   (await triage.live()).classify('车间着火了出不去');
 */
import { createHash } from 'node:crypto';
import { type Logger, silentLogger } from '../log.js';
import type { VersionExtras } from '../retrieval/index-update.js';
import { cardsOf } from '../retrieval/issue-card-document.js';
import type { Db } from '../store/db.js';
import { createKnowledgeStore } from '../store/knowledge-store.js';
import { createTriageStore } from '../store/triage-store.js';
import { FEATURES_VERSION } from './message-features.js';
import { cardQuestions, trainTriage } from './train-triage.js';
import { type Triage, type TriageBundle, triageFromBundle } from './triage.js';
import { readTriageKnowledge } from './triage-knowledge.js';

export interface TriageSource extends VersionExtras {
  /** Trains (or copies) the model of `versionId` unless it has one. */
  ensure(versionId: number): Promise<void>;
  /** The triage of the live version (reused for `liveCheckMs`). */
  live(): Promise<Triage>;
}

export function createTriageSource({
  db,
  knowledgeDir,
  log = silentLogger,
  liveCheckMs = 1000,
  now = () => performance.now(),
}: {
  db: Db;
  knowledgeDir: string;
  log?: Logger;
  liveCheckMs?: number;
  now?: () => number;
}): TriageSource {
  const knowledge = createKnowledgeStore(db);
  const models = createTriageStore(db);
  let current: { versionId: number; triage: Triage } | undefined;
  let checked: { versionId: number; at: number } | undefined;

  /** The training inputs for a version: the knowledge folder's triage data and the version's card phrasings. */
  async function inputs(versionId: number) {
    const source = await readTriageKnowledge(knowledgeDir);
    const questions = cardQuestions((await knowledge.listDocuments(versionId)).flatMap((d) => cardsOf(d.meta)));
    const inputsHash = createHash('sha256')
      .update(`features ${FEATURES_VERSION}\n`)
      .update(source.hash)
      .update(questions.join('\n'))
      .digest('hex');
    return { source, questions, inputsHash };
  }

  async function ensure(versionId: number): Promise<void> {
    if (await models.load(versionId)) return;
    const { source, questions, inputsHash } = await inputs(versionId);
    const live = await knowledge.liveVersion();
    if (
      live &&
      live.id !== versionId &&
      (await models.load(live.id))?.inputsHash === inputsHash &&
      (await models.copy(live.id, versionId))
    ) {
      log.info('triage.model_copied', { version: versionId, from: live.id });
      return;
    }
    const { bundle, stats } = trainTriage({ knowledge: source, questions });
    await models.save(versionId, { inputsHash, bundle, stats: { ...stats } });
    log.info('triage.model_trained', {
      version: versionId,
      lines: stats.lines,
      questions: stats.questions,
      features: stats.features,
      ms: stats.ms,
    });
  }

  return {
    ensure,
    build: ensure,
    async changed(liveVersionId) {
      const stored = await models.load(liveVersionId);
      return !stored || stored.inputsHash !== (await inputs(liveVersionId)).inputsHash;
    },
    async live() {
      let versionId = checked && now() - checked.at < liveCheckMs ? checked.versionId : undefined;
      if (versionId === undefined) {
        const live = await knowledge.liveVersion();
        if (!live) throw new Error('There is no live knowledge index yet: run npm run reindex');
        versionId = live.id;
        checked = { versionId, at: now() };
      }
      if (current?.versionId !== versionId) {
        let stored = await models.load(versionId);
        if (!stored) {
          await ensure(versionId);
          stored = await models.load(versionId);
        }
        current = { versionId, triage: triageFromBundle(stored!.bundle as TriageBundle) };
      }
      return current.triage;
    },
  };
}
