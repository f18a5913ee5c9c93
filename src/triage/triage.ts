/**
 * Triage: every worker message first. Layers, each only able to add caution to the one before (the voice rule only declines what no danger sign made urgent):
 *  1. the danger lexicon — a danger sign that no past or hypothetical frame governs is urgent, whatever
 *     else the message says (errors go toward the person);
 *  2. the employer's voice asking how to avoid a duty, or an order to drop the bot's rules: a decline
 *     (message-features.ts, `voices`);
 *  3. the worker's own request that the union act (a lawyer, a call, hardship help, their case): an escalation
 *     where the classifier would answer;
 *  4. the classifier, trained at index time on the labelled lines of knowledge/policy/triage and the
 *     issue cards' phrasings — urgent when the danger classes together are likely enough, else the most
 *     likely outcome, with ties toward a person;
 *  5. with CHAT_MODEL, an LLM pass (llm-triage.ts) that may raise an answer or a decline to an escalation
 *     and an escalation to urgent, never the other way.
 *
 * @example
 *   const triage = createTriage({ lexicon: createDangerLexicon(data), model });
 *   triage.classify('工友触电了叫不醒') // → { outcome: 'urgent', category: 'electricity', source: 'lexicon', … }
 */

import { deepFreeze, Lru } from '../lru.js';
import { createDangerLexicon, type DangerHit, type DangerLexicon, type DangerLexiconData } from './danger-lexicon.js';
import { type LinearModel, predict, restoreModel, type StoredLinearModel } from './linear-model.js';
import { messageFeatures } from './message-features.js';
import { DANGER_CATEGORIES, OUTCOMES, type Outcome, outcomeOf, type TriageResult } from './types.js';

/** How sure the classifier must be before it sends a message away from an answer. */
export interface TriageThresholds {
  /** Urgent when the urgent labels together reach this (low on purpose: a missed danger is the worst error). */
  urgent: number;
  /** Escalate when the escalation labels together reach this. */
  escalate: number;
  /** Decline only when the decline labels together reach this; below it the bot answers. */
  decline: number;
}

// Urgent at 0.15 (0.2 before round 14's lines): with ~1,000 more lines of declines and escalations, 0.2 let 6
// more urgent development messages through; 0.15 keeps urgent recall where it was (cross-validation, the lexicon
// blind: 0.933 → 0.942) for one point more false urgent (0.038 → 0.048). Errors go toward the person.
export const defaultThresholds: TriageThresholds = { urgent: 0.15, escalate: 0.3, decline: 0.4 };

/** What a re-index stores with the version: the lexicon it was trained with and the model. */
export interface TriageBundle {
  lexicon: DangerLexiconData;
  model: StoredLinearModel;
  thresholds?: Partial<TriageThresholds>;
}

export interface Triage {
  classify(text: string): TriageResult;
}

export function createTriage({
  lexicon,
  model,
  thresholds = {},
  cacheSize = 1000,
}: {
  lexicon: DangerLexicon;
  model: LinearModel;
  thresholds?: Partial<TriageThresholds>;
  /** Results kept for texts seen again (0: none); each is shared and frozen. */
  cacheSize?: number;
}): Triage {
  const t = { ...defaultThresholds, ...thresholds };
  // A triage depends on the text alone: a message sent again ("转人工", "加班费怎么算") is not classified again.
  const recent = new Lru<string, TriageResult>(cacheSize);
  return {
    classify(text) {
      const known = recent.get(text);
      if (known) return known;
      const result = classifyUncached(text);
      recent.set(text, deepFreeze(result));
      return result;
    },
  };

  function classifyUncached(text: string): TriageResult {
    const scan = lexicon.scan(text);
    const features = messageFeatures(text, scan);
    const ranked = predict(model, features);
    const outcomes = sumByOutcome(ranked);
    // Whether a message speaks of work at all (D:none) is evidence about its scope, none about a danger: the urgent
    // decision is read from the model without it, so a cry for help with no word of work is not weighed as off-topic.
    // Not for a few characters (很多人, 四口人 — an application step's answer): so little says nothing of a danger
    // either way, and read without D:none it leans on the priors alone.
    const cautious =
      features.includes('D:none') && !features.includes('len:short')
        ? predict(
            model,
            features.filter((f) => f !== 'D:none'),
          )
        : ranked;
    const caution = sumByOutcome(cautious);
    const best = (outcome: Outcome, from = ranked) => from.find((r) => outcomeOf(r.label) === outcome);
    const evidence = {
      danger: [...new Set(scan.hits.map((h) => `${h.category}:${h.term}${h.framed ? ' (framed)' : ''}`))],
      frames: scan.frames,
      label: ranked[0]?.label ?? '',
      outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, Math.round(outcomes[o] * 1000) / 1000])) as Record<Outcome, number>,
    };
    const result = (outcome: Outcome, category: string, confidence: number, source: TriageResult['source']): TriageResult => ({
      outcome,
      category,
      confidence: Math.round(confidence * 1000) / 1000,
      source,
      evidence,
    });

    if (scan.urgent.length) return result('urgent', dangerCategory(scan.urgent, best('urgent')?.label), 1, 'lexicon');
    if (caution.urgent >= t.urgent) return result('urgent', best('urgent', cautious)!.label.split(':')[1]!, caution.urgent, 'classifier');
    // The employer's side asking how to avoid a duty (有个员工…怎么操作可以不给补偿, "I'm HR, how can we
    // avoid…") is declined whatever its words of law make the classifier think.
    if (features.includes('V:employer') && features.includes('V:evade')) return result('decline', 'employer_evasion', 1, 'voice');
    // Telling the bot to drop its rules is manipulation by definition, whatever else the message asks.
    if (features.includes('V:override')) return result('decline', 'injection', 1, 'voice');
    const top = ranked[0] ? outcomeOf(ranked[0].label) : 'answer';
    // A worker asking the union itself to act — a lawyer, a call to the boss, hardship help, news of their
    // own case — goes to a person even when the classifier reads the words of law in it as a question.
    const asked = !speaksForOthers(features) && requests.find(([voice]) => features.includes(voice));
    if (asked && top === 'answer' && outcomes.decline < t.decline) return result('escalate', asked[1], 1, 'voice');
    if (outcomes.escalate >= t.escalate || (top === 'escalate' && outcomes.escalate >= outcomes.answer)) {
      return result('escalate', best('escalate')!.label.split(':')[1]!, outcomes.escalate, 'classifier');
    }
    const declined = best('decline')?.label.split(':')[1];
    // Evasion is asked from the employer's side: a worker telling what was done to them (老板叫我签…, 我该怎么维权,
    // "my boss made me…") asks a question, whatever words it shares with the classifier's evasion lines.
    const ownCase = declined === 'employer_evasion' && features.includes('V:own_case') && !features.includes('V:employer');
    // A decline also needs the model to prefer it to an answer: turning a worker away is not where errors go.
    if (outcomes.decline >= t.decline && outcomes.decline >= outcomes.answer && !ownCase)
      return result('decline', declined!, outcomes.decline, 'classifier');
    return result('answer', best('answer')?.label.split(':')[1] ?? 'legal_question', outcomes.answer, 'classifier');
  }
}

function sumByOutcome(ranked: ReadonlyArray<{ label: string; p: number }>): Record<Outcome, number> {
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const r of ranked) outcomes[outcomeOf(r.label)] += r.p;
  return outcomes;
}

/** The worker's own requests of the union (message-features.ts, `voices`), with the escalation they are. */
const requests: Array<[string, string]> = [
  ['V:ask_lawyer', 'legal_aid'],
  ['V:ask_act', 'union_action'],
  ['V:ask_aid', 'hardship'],
  ['V:followup', 'personal_case'],
  ['V:ask_person', 'explicit_request'],
  ['V:broke', 'hardship'],
];

/** Someone else's authority, data or the employer's side, or how a service works: not a worker asking for themselves. */
function speaksForOthers(features: string[]): boolean {
  return ['V:authority', 'V:others_data', 'V:employer', 'V:service_info'].some((v) => features.includes(v));
}

/**
 * The category whose safety instruction comes first: an acute sign before an event word; among those, the
 * classifier's own urgent category when it is one of them, else the first in the lexicon's order.
 */
function dangerCategory(hits: DangerHit[], classifierLabel: string | undefined): string {
  const acute = hits.filter((h) => h.strength === 'acute');
  const pool = acute.length ? acute : hits;
  const fromClassifier = classifierLabel?.split(':')[1];
  if (fromClassifier && pool.some((h) => h.category === fromClassifier)) return fromClassifier;
  return [...pool].sort((a, b) => DANGER_CATEGORIES.indexOf(a.category) - DANGER_CATEGORIES.indexOf(b.category))[0]!.category;
}

/** The triage stored with an index version, ready to classify. */
export function triageFromBundle(bundle: TriageBundle): Triage {
  return createTriage({ lexicon: createDangerLexicon(bundle.lexicon), model: restoreModel(bundle.model), thresholds: bundle.thresholds });
}
