/**
 * The assistant: a worker's message (plus the conversation so far) in, a decision out — answer, escalate or
 * decline. Triage first (triage/): someone at risk now gets the safety instruction of that danger at once,
 * a request for a person or for the union to act goes to a person, what the bot must not serve is declined
 * politely. A question is read in context (a follow-up with the one before), its legal issue is spotted
 * among the issue cards, and the answer opens with that issue's bottom line, then the articles it rests on
 * and the next steps (extractive), or is written by the LLM from the same cards and articles with every
 * citation checked. When the evidence is weak the answer says so and offers a person.
 *
 * @example
 *   const assistant = createAssistant({ retriever, triage, rules: loadAssistantRules('knowledge') });
 *   const decision = await assistant.respond({ workerId: 7, text: '试用期最长可以约定多久？' });
 */
import { join } from 'node:path';
import type { Lookup } from '../retrieval/hybrid-retriever.js';
import type { SearchOptions } from '../retrieval/types.js';
import type { IssueCard } from '../retrieval/issue-cards.js';
import type { ChatModel } from '../llm/chat.js';
import type { ConversationStore, ConversationTurn } from '../store/conversation-store.js';
import type { TriageResult } from '../triage/types.js';
import { detectLang } from '../i18n/detect-lang.js';
import { silentLogger, type Logger } from '../log.js';
import type { Assistant, Decision, Lang, WorkerTurn } from './types.js';
import { loadReplyTexts, type ReplyTexts } from './reply-texts.js';
import { loadAnswerSettings, type AnswerSettings } from './answer-settings.js';
import { answerConfidence } from './confidence.js';
import { bottomLineAnswer } from './bottom-line-answer.js';
import { caseSummary } from './case-summary.js';
import { combineWithPrevious, looksLikeFollowUp } from './follow-up.js';
import { condenseFollowUp, llmAnswer } from './llm-answer.js';
import type { Prompts } from './prompts.js';

/** The texts and settings of knowledge/policy. */
export interface AssistantRules {
  texts: ReplyTexts;
  settings: AnswerSettings;
}

export function loadAssistantRules(knowledgeDir: string): AssistantRules {
  const dir = join(knowledgeDir, 'policy');
  return { texts: loadReplyTexts(dir), settings: loadAnswerSettings(dir) };
}

/** The conversation memory the assistant needs (implemented by store/conversation-store.ts). */
export type ConversationMemory = Pick<ConversationStore, 'append' | 'recent'>;

/** What the assistant needs of retrieval: articles ranked for a question, and the issue cards it matched. */
export interface IssueRetriever {
  lookup(query: string, options?: SearchOptions): Promise<Lookup>;
}

/** What the assistant needs of triage (triage/triage-source.ts, with the LLM pass when configured). */
export interface TriagePort {
  classify(text: string): Promise<TriageResult>;
}

export interface AssistantLlm {
  chat: ChatModel;
  prompts: Prompts;
  /** Budget for one answer (LLM_TIMEOUT_MS); the extractive answer is used after it. */
  timeoutMs?: number;
}

export interface AssistantOptions {
  retriever: IssueRetriever;
  triage: TriagePort;
  rules: AssistantRules;
  llm?: AssistantLlm;
  conversations?: ConversationMemory;
  /** English gists of articles (`title#article` → gist), shown under Chinese quotes in English answers. */
  gists?: ReadonlyMap<string, string>;
  clock?: () => Date;
  log?: Logger;
  /** Passages retrieved per question. */
  k?: number;
}

interface Understood {
  query: string;
  followUp: boolean;
}

export function createAssistant({
  retriever, triage, rules, llm, conversations, gists, clock = () => new Date(), log = silentLogger, k = 8,
}: AssistantOptions): Assistant {
  const { texts, settings } = rules;

  function triaged(t: TriageResult, text: string, lang: Lang): Decision | undefined {
    if (t.outcome === 'answer') return undefined;
    if (t.outcome === 'decline') return { kind: 'decline', lang, text: texts.decline(lang, t.category), citations: [], confidence: t.confidence, reason: t.category };
    const priority = t.outcome === 'urgent' ? 'urgent' : 'normal';
    const reply = priority === 'urgent' ? texts.urgent(lang, t.category) : texts.escalate(lang, t.category);
    return {
      kind: 'escalate', lang, text: reply, citations: [], confidence: t.confidence, reason: t.category,
      escalation: { priority, category: t.category, summary: caseSummary({ text, category: t.category, priority, lang }) },
    };
  }

  async function understand(turn: WorkerTurn, lang: Lang, history: ConversationTurn[]): Promise<Understood> {
    const previous = [...history].reverse().find((h) => h.role === 'worker' && h.decision === 'answer');
    if (!previous || !looksLikeFollowUp(turn.text, settings.followUp, false)) return { query: turn.text, followUp: false };
    const before = previous.understood ?? previous.text;
    let query: string | undefined;
    if (llm) {
      query = await condenseFollowUp({
        chat: llm.chat, prompts: llm.prompts, lang, message: turn.text, log,
        history: history.map((h) => ({ role: h.role, text: h.role === 'worker' ? h.understood ?? h.text : h.text.slice(0, 300) })),
        timeoutMs: Math.min(4000, (llm.timeoutMs ?? 12_000) / 3),
      });
    }
    return { query: query ?? combineWithPrevious(turn.text, before), followUp: true };
  }

  async function answer(turn: WorkerTurn, lang: Lang, u: Understood): Promise<Decision> {
    const { passages, issues } = await retriever.lookup(u.query, { k });
    const confidence = answerConfidence({ issues, passages }, settings.confidence.model);
    const card: IssueCard | undefined = confidence >= settings.confidence.cardAtLeast ? issues[0]?.card : undefined;
    const unsure = confidence < settings.confidence.unsureBelow;
    if (llm && !unsure) {
      const written = await llmAnswer({
        chat: llm.chat, prompts: llm.prompts, question: u.query, lang, passages: passages.slice(0, 6),
        cards: issues.filter((m) => m.strength >= 0.75).map((m) => m.card),
        timeoutMs: llm.timeoutMs ?? 12_000, disclaimer: texts.lang(lang).answer.disclaimer, log,
      });
      if (written) return { kind: 'answer', lang, text: written.text, citations: written.citations, confidence, issue: card?.id };
    }
    const composed = bottomLineAnswer({ lang, question: u.query, passages, card, texts, unsure, followUp: u.followUp, gists });
    return { kind: 'answer', lang, text: composed.text, citations: composed.citations, confidence, issue: card?.id };
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
      const t = turn.triage ?? (await triage.classify(turn.text));
      let decision = triaged(t, turn.text, lang);
      let understood: string | undefined;
      if (!decision) {
        const since = new Date(clock().getTime() - settings.followUp.withinMinutes * 60_000);
        const history = conversations ? await conversations.recent(turn.workerId, { limit: 6, since }) : [];
        const u = await understand(turn, lang, history);
        understood = u.query;
        decision = await answer(turn, lang, u);
      }
      await remember(turn, decision, understood);
      log.info('assistant.decision', {
        workerId: turn.workerId, kind: decision.kind, category: decision.reason, triage: t.source, issue: decision.issue,
        confidence: decision.confidence, citations: decision.citations.length, ms: Math.round(performance.now() - started),
      });
      return decision;
    },
  };
}
