/**
 * Warm-up before the first worker: a few dozen messages (WARM_UP_MESSAGES, default 60) through triage, retrieval
 * and the offline answer, so that V8 has compiled the hot paths and the database has the index's pages in memory
 * before traffic arrives. Cold, a message costs about ten times its warm CPU (75 ms against 7.5 ms, measured with
 * bench:telegram), so a service that took traffic cold built a backlog it took seconds to drain (at 100 msg/s on
 * PostgreSQL, 4.5–5 s without the warm-up, 2.3–4.9 s after 60 messages; 200 did no better and cost ~60 MB of RSS).
 *
 * The messages are the triage training lines (knowledge/policy/triage/training), spread over every file and
 * outcome, run through an assistant with no conversation memory and no LLM: nothing is written and nothing is
 * sent. Their lookups stay in the retrieval and triage caches as the oldest entries, which the caches drop
 * before any worker's.
 *
 * @example
 *   const { messages, ms } = await warmUp({ assistant: dry, knowledgeDir: 'knowledge', count: 60 });
 */
import { parseTrainingLines, readTrainingFiles } from '../triage/triage-knowledge.js';
import type { Assistant } from './types.js';

export interface WarmUpOptions {
  /** An assistant without conversation memory or LLM. */
  assistant: Assistant;
  knowledgeDir: string;
  /** How many messages (0: none). */
  count: number;
}

/** One message at a time: eight at once warmed no better and raised the peak RSS by ~240 MB (measured on PostgreSQL). */
export async function warmUp({ assistant, knowledgeDir, count }: WarmUpOptions): Promise<{ messages: number; ms: number }> {
  const started = performance.now();
  const texts = count > 0 ? await warmUpTexts(knowledgeDir, count) : [];
  for (const text of texts) await assistant.respond({ workerId: 0, text });
  return { messages: texts.length, ms: performance.now() - started };
}

/** `count` training lines at an even stride, mostly questions (the costliest path), some of every other outcome. */
export async function warmUpTexts(knowledgeDir: string, count: number): Promise<string[]> {
  const lines = (await readTrainingFiles(knowledgeDir)).flatMap(({ name, text }) => parseTrainingLines(name, text));
  const questions = lines.filter((l) => l.label.startsWith('answer:'));
  const others = lines.filter((l) => !l.label.startsWith('answer:'));
  const pick = <T>(from: T[], n: number): T[] => {
    const step = from.length / Math.max(1, n);
    return Array.from({ length: Math.min(n, from.length) }, (_, i) => from[Math.floor(i * step)]!);
  };
  const fromOthers = Math.round(count / 5);
  return [...pick(questions, count - fromOthers), ...pick(others, fromOthers)].map((l) => l.text);
}
