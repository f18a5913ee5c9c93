/**
 * The LLM triage pass (with CHAT_MODEL): the model reads the masked message and says whether someone is in
 * danger now and whether a person must act. It can only add caution: an answer or a decline may become an
 * escalation, an escalation may become urgent — never the other way. It runs within its own share of
 * LLM_TIMEOUT_MS; a timeout, an error or a reply that is not the JSON asked for leaves the decision as it was.
 *
 * @example
 *   const triage = withLlmTriage(base, { chat, prompt: (lang, message) => prompts.render('triage', lang, { message }), timeoutMs: 4000 });
 *   await triage.classify('我在井下，喊老王他不答应');
 */

import { detectLang } from '../i18n/detect-lang.js';
import type { ChatModel } from '../llm/chat.js';
import { withDeadline } from '../llm/deadline.js';
import { type Logger, silentLogger } from '../log.js';
import { maskPersonalData } from '../privacy/mask.js';
import { DANGER_CATEGORIES, type TriageResult } from './types.js';

export interface TriageService {
  classify(text: string): Promise<TriageResult>;
}

const reasons = ['explicit_request', 'union_action', 'callback', 'legal_aid', 'hardship', 'join_union', 'personal_case'];

export interface LlmVerdict {
  urgent: boolean;
  category?: string;
  needsPerson: boolean;
  reason?: string;
}

/** Reads the model's one line of JSON; undefined when it is anything else. */
export function parseLlmVerdict(reply: string): LlmVerdict | undefined {
  const json = /\{[^{}]*\}/.exec(reply)?.[0];
  if (!json) return undefined;
  try {
    const v = JSON.parse(json) as Record<string, unknown>;
    if (typeof v['urgent'] !== 'boolean' || typeof v['needs_person'] !== 'boolean') return undefined;
    return {
      urgent: v['urgent'],
      category: typeof v['category'] === 'string' ? v['category'] : undefined,
      needsPerson: v['needs_person'],
      reason: typeof v['reason'] === 'string' ? v['reason'] : undefined,
    };
  } catch {
    return undefined;
  }
}

/** The caution the model adds to `base`: never less than `base`. */
export function raise(base: TriageResult, v: LlmVerdict): TriageResult {
  if (base.outcome === 'urgent') return base;
  if (v.urgent) {
    const category = (DANGER_CATEGORIES as readonly string[]).includes(v.category ?? '') ? v.category! : 'medical';
    return { ...base, outcome: 'urgent', category, source: 'llm' };
  }
  if (v.needsPerson && base.outcome !== 'escalate') {
    return { ...base, outcome: 'escalate', category: reasons.includes(v.reason ?? '') ? v.reason! : 'personal_case', source: 'llm' };
  }
  return base;
}

export interface LlmTriageOptions {
  chat: ChatModel;
  /** The triage prompt (prompts/triage.{zh,en}.md) for a message already masked and wrapped as data. */
  prompt: (lang: 'zh' | 'en', message: string) => string;
  timeoutMs: number;
  log?: Logger;
}

export function withLlmTriage(
  base: { classify(text: string): TriageResult | Promise<TriageResult> },
  { chat, prompt: render, timeoutMs, log = silentLogger }: LlmTriageOptions,
): TriageService {
  return {
    async classify(text) {
      const first = await base.classify(text);
      if (first.outcome === 'urgent') return first;
      try {
        const lang = detectLang(text) ?? 'zh';
        const prompt = render(lang, maskPersonalData(text).replace(/</g, '＜').replace(/>/g, '＞'));
        const reply = await withDeadline(Date.now() + timeoutMs, (signal) =>
          chat.complete([{ role: 'user', content: prompt }], { signal }),
        );
        const verdict = parseLlmVerdict(reply);
        if (!verdict) {
          log.warn('triage.llm_unreadable');
          return first;
        }
        const raised = raise(first, verdict);
        if (raised !== first) log.info('triage.llm_raised', { from: first.outcome, to: raised.outcome, category: raised.category });
        return raised;
      } catch (error) {
        log.warn('triage.llm_failed', { error });
        return first;
      }
    },
  };
}
