/**
 * The assistant: a worker's message (plus the conversation so far) in, a decision out — answer, escalate or
 * decline. Risk first: the rules in knowledge/policy decide before anything is retrieved, so an urgent
 * message gets safety information at once, whatever retrieval or the LLM do. A plain question is
 * retrieved and answered, extractively or by the LLM with checked citations; when retrieval is not
 * confident the reply says so and offers a person instead of guessing.
 *
 * @example
 *   const assistant = createAssistant({ retriever, rules: loadAssistantRules('knowledge') });
 *   const decision = await assistant.respond({ workerId: 7, text: '试用期最长可以约定多久？' });
 */
import { join } from 'node:path';
import type { Retriever, ScoredPassage } from '../retrieval/types.js';
import type { ChatModel } from '../llm/chat.js';
import type { ConversationStore, ConversationTurn } from '../store/conversation-store.js';
import { detectLang } from '../conversation/detect-lang.js';
import { silentLogger, type Logger } from '../log.js';
import type { Assistant, Decision, Lang, WorkerTurn } from './types.js';
import { createDecisionPolicy, loadDecisionRules, type DecisionPolicy, type Verdict } from './decision-policy.js';
import { loadReplyTexts, type ReplyTexts, type Topic } from './reply-texts.js';
import { keywords } from './keywords.js';
import { parseBasis } from './citations.js';
import { retrievalConfidence } from './confidence.js';
import { extractiveAnswer } from './extractive-answer.js';
import { caseSummary } from './case-summary.js';
import { combineWithPrevious, looksLikeFollowUp } from './follow-up.js';
import { condenseFollowUp, llmAnswer } from './llm-answer.js';
import type { Prompts } from './prompts.js';

/** The policy and its texts, loaded from knowledge/policy. */
export interface AssistantRules {
  policy: DecisionPolicy;
  texts: ReplyTexts;
}

export function loadAssistantRules(knowledgeDir: string): AssistantRules {
  const dir = join(knowledgeDir, 'policy');
  return { policy: createDecisionPolicy(loadDecisionRules(join(dir, 'decision-rules.json'))), texts: loadReplyTexts(dir) };
}

/** The conversation memory the assistant needs (implemented by store/conversation-store.ts). */
export type ConversationMemory = Pick<ConversationStore, 'append' | 'recent'>;

export interface AssistantLlm {
  chat: ChatModel;
  prompts: Prompts;
  /** Budget for one answer (LLM_TIMEOUT_MS); the extractive answer is used after it. */
  timeoutMs?: number;
}

export interface AssistantOptions {
  retriever: Retriever;
  rules: AssistantRules;
  llm?: AssistantLlm;
  conversations?: ConversationMemory;
  clock?: () => Date;
  log?: Logger;
  /** Passages retrieved per question. */
  k?: number;
}

interface Understood {
  query: string;
  followUp: boolean;
  topic?: Topic;
}

export function createAssistant({
  retriever, rules, llm, conversations, clock = () => new Date(), log = silentLogger, k = 8,
}: AssistantOptions): Assistant {
  const { policy, texts } = rules;

  function ruled(verdict: Verdict, text: string, lang: Lang): Decision {
    const t = texts.lang(lang);
    if (verdict.stage === 'urgent' || verdict.stage === 'escalate') {
      const priority = verdict.priority ?? (verdict.stage === 'urgent' ? 'urgent' : 'normal');
      const reply = (verdict.stage === 'urgent' ? t.urgent : t.escalate)[verdict.reply] ?? t.escalate['explicit_request']!;
      return {
        kind: 'escalate', lang, text: reply, citations: [], confidence: 1,
        escalation: { priority, category: verdict.category, summary: caseSummary({ text, category: verdict.category, priority, lang }) },
      };
    }
    return { kind: 'decline', lang, text: t.decline[verdict.reply] ?? t.decline['out_of_scope']!, citations: [], confidence: 1 };
  }

  async function understand(turn: WorkerTurn, lang: Lang, history: ConversationTurn[]): Promise<Understood> {
    const topic = texts.topicOf(turn.text);
    const previous = [...history].reverse().find((h) => h.role === 'worker' && h.decision === 'answer');
    if (!previous || !looksLikeFollowUp(turn.text, policy.followUp, Boolean(topic))) return { query: turn.text, followUp: false, topic };
    const before = previous.understood ?? previous.text;
    let query: string | undefined;
    if (llm) {
      query = await condenseFollowUp({
        chat: llm.chat, prompts: llm.prompts, lang, message: turn.text, log,
        history: history.map((h) => ({ role: h.role, text: h.role === 'worker' ? h.understood ?? h.text : h.text.slice(0, 300) })),
        timeoutMs: Math.min(4000, (llm.timeoutMs ?? 12_000) / 3),
      });
    }
    query ??= combineWithPrevious(turn.text, before);
    return { query, followUp: true, topic: topic ?? texts.topicOf(query) };
  }

  async function answer(turn: WorkerTurn, lang: Lang, u: Understood): Promise<Decision> {
    const t = texts.lang(lang);
    const english = detectLang(u.query) === 'en';
    // English questions are searched with the topic's Chinese words too: the corpus is Chinese.
    const search = english && u.topic?.hints ? `${u.query} ${u.topic.hints}` : u.query;
    const passages: ScoredPassage[] = await retriever.search(search, { k });
    const words = english ? keywords(u.topic?.hints ?? '') : keywords(u.query);
    const confidence = retrievalConfidence({ passages, words, topicBasis: u.topic ? parseBasis(u.topic.basis) : [] });
    const low = policy.lowConfidence;
    if (confidence < low.outOfScope && !u.topic && !policy.isAboutWork(u.query)) {
      return { kind: 'decline', lang, text: t.decline['out_of_scope']!, citations: [], confidence };
    }
    if (confidence < low.threshold && low.action === 'escalate') {
      return {
        kind: 'escalate', lang, text: t.escalate['low_confidence']!, citations: [], confidence,
        escalation: { priority: 'normal', category: 'low_confidence', summary: caseSummary({ text: turn.text, category: 'low_confidence', priority: 'normal', lang }) },
      };
    }
    const unsure = confidence < low.threshold;
    if (llm && !unsure) {
      const written = await llmAnswer({
        chat: llm.chat, prompts: llm.prompts, question: u.query, lang, passages: passages.slice(0, 6),
        timeoutMs: llm.timeoutMs ?? 12_000, disclaimer: t.answer.disclaimer, log,
      });
      if (written) return { kind: 'answer', lang, text: written.text, citations: written.citations, confidence };
    }
    const composed = extractiveAnswer({ lang, passages, texts, words, topic: u.topic, unsure, followUp: u.followUp });
    return { kind: 'answer', lang, text: composed.text, citations: composed.citations, confidence };
  }

  async function remember(turn: WorkerTurn, decision: Decision, understood?: string): Promise<void> {
    if (!conversations) return;
    const at = clock();
    try {
      await conversations.append({
        workerId: turn.workerId, role: 'worker', text: turn.text, lang: decision.lang, decision: decision.kind,
        understood: understood && understood !== turn.text ? understood : null, at,
      });
      await conversations.append({
        workerId: turn.workerId, role: 'assistant', text: decision.text, lang: decision.lang, decision: decision.kind,
        citations: decision.citations, at,
      });
    } catch (error) {
      // Memory is a convenience: the worker still gets the decision.
      log.warn('assistant.remember_failed', { workerId: turn.workerId, error });
    }
  }

  return {
    async respond(turn) {
      const started = performance.now();
      const lang: Lang = turn.lang ?? detectLang(turn.text) ?? 'zh';
      const verdict = policy.classify(turn.text);
      let decision: Decision;
      let understood: string | undefined;
      if (verdict) {
        decision = ruled(verdict, turn.text, lang);
      } else {
        const since = new Date(clock().getTime() - policy.followUp.withinMinutes * 60_000);
        const history = conversations ? await conversations.recent(turn.workerId, { limit: 6, since }) : [];
        const u = await understand(turn, lang, history);
        understood = u.query;
        decision = await answer(turn, lang, u);
      }
      await remember(turn, decision, understood);
      log.info('assistant.decision', {
        workerId: turn.workerId, kind: decision.kind, category: decision.escalation?.category ?? verdict?.category,
        rule: verdict?.ruleId, confidence: decision.confidence, citations: decision.citations.length,
        ms: Math.round(performance.now() - started),
      });
      return decision;
    },
  };
}
