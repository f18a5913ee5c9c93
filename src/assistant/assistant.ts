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
import { type CalculatorContext, entitlementTools, type LocalFigures, runTool } from '../entitlements/index.js';
import { detectLang } from '../i18n/detect-lang.js';
import { DEFAULT_TIME_ZONE, formatDate } from '../i18n/union-time.js';
import type { ChatModel } from '../llm/chat.js';
import { type Logger, silentLogger } from '../log.js';
import type { Lookup } from '../retrieval/hybrid-retriever.js';
import type { IssueCard } from '../retrieval/issue-cards.js';
import type { SearchOptions } from '../retrieval/types.js';
import type { ConversationStore, ConversationTurn } from '../store/conversation-store.js';
import type { TriageResult } from '../triage/types.js';
import { type AnswerSettings, loadAnswerSettings } from './answer-settings.js';
import { bottomLineAnswer } from './bottom-line-answer.js';
import { answerConfidence } from './confidence.js';
import { combineWithPrevious, looksLikeFollowUp } from './follow-up.js';
import { condenseFollowUp, llmAnswer } from './llm-answer.js';
import type { Prompts } from './prompts.js';
import { loadReplyTexts, type ReplyTexts } from './reply-texts.js';
import type { Assistant, Decision, Lang, WorkerTurn } from './types.js';
import { type FigureStep, repeatQuestion, resumeFigure, workFigure } from './worked-figure.js';

/** A pending figure the worker's reply completes. */
type Resumed = NonNullable<ReturnType<typeof resumeFigure>>;

/** The calculators as tools the LLM may call (OpenAI function calling). */
const calculatorTools = entitlementTools.map((t) => t.function);

function runCalculator(name: string, args: string, context: CalculatorContext) {
  const outcome = runTool(name, args, context);
  return outcome.ok ? { output: outcome.result, basis: outcome.result.basis } : { output: { error: outcome.error }, basis: [] };
}

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
export type ConversationMemory = Pick<ConversationStore, 'append' | 'context' | 'setPending'>;

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
  /** Local figures for the calculators (average wage, minimum wage, …); unset ones are named in the answer. */
  localFigures?: LocalFigures;
  clock?: () => Date;
  /** The union's time zone (UNION_TIME_ZONE): what "today" is for the calculators' dates and deadlines. */
  timeZone?: string;
  log?: Logger;
  /** Passages retrieved per question. */
  k?: number;
}

/** A reply, not a new question: a few words or a number (the worker answering what was asked). */
function isShortReply(text: string): boolean {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = text.match(/[A-Za-z]+/g)?.length ?? 0;
  return han <= 14 && words <= 8 && !/[?？吗]|怎么|如何|\b(?:how|what|why|can)\b/i.test(text);
}

interface Understood {
  query: string;
  followUp: boolean;
}

export function createAssistant({
  retriever,
  triage,
  rules,
  llm,
  conversations,
  gists,
  localFigures,
  clock = () => new Date(),
  timeZone = DEFAULT_TIME_ZONE,
  log = silentLogger,
  k = 8,
}: AssistantOptions): Assistant {
  const { texts, settings } = rules;
  const figureContext = () => ({ local: localFigures, today: formatDate(clock(), timeZone) });

  function triaged(t: TriageResult, lang: Lang): Decision | undefined {
    if (t.outcome === 'answer') return undefined;
    if (t.outcome === 'decline')
      return { kind: 'decline', lang, text: texts.decline(lang, t.category), citations: [], confidence: t.confidence, reason: t.category };
    const priority = t.outcome === 'urgent' ? 'urgent' : 'normal';
    const reply = priority === 'urgent' ? texts.urgent(lang, t.category) : texts.escalate(lang, t.category);
    return {
      kind: 'escalate',
      lang,
      text: reply,
      citations: [],
      confidence: t.confidence,
      reason: t.category,
      escalation: { priority, category: t.category },
    };
  }

  async function understand(turn: WorkerTurn, lang: Lang, history: ConversationTurn[]): Promise<Understood> {
    const previous = [...history].reverse().find((h) => h.role === 'worker' && h.decision === 'answer');
    if (!previous || !looksLikeFollowUp(turn.text, settings.followUp, false)) return { query: turn.text, followUp: false };
    const before = previous.understood ?? previous.text;
    let query: string | undefined;
    if (llm) {
      query = await condenseFollowUp({
        chat: llm.chat,
        prompts: llm.prompts,
        lang,
        message: turn.text,
        log,
        history: history.map((h) => ({ role: h.role, text: h.role === 'worker' ? (h.understood ?? h.text) : h.text.slice(0, 300) })),
        timeoutMs: Math.min(4000, (llm.timeoutMs ?? 12_000) / 3),
      });
    }
    return { query: query ?? combineWithPrevious(turn.text, before), followUp: true };
  }

  /** Whether a pending question may be stored for the worker (false: clearing it would change nothing). */
  type Kept = { stored: boolean };

  async function answer(turn: WorkerTurn, lang: Lang, u: Understood, kept: Kept, resumed?: FigureStep): Promise<Decision> {
    const { passages, issues } = await retriever.lookup(u.query, { k });
    const confidence = answerConfidence({ issues, passages }, settings.confidence.model);
    const card: IssueCard | undefined = confidence >= settings.confidence.cardAtLeast ? issues[0]?.card : undefined;
    const unsure = confidence < settings.confidence.unsureBelow && !resumed;
    // The figure: the calculator the words ask for, else that of the issues spotted (sure or not).
    const candidates = issues.flatMap((m) => (m.card.calculator ? [m.card.calculator] : []));
    const figure = resumed ?? workFigure({ candidates, question: u.query, lang, context: figureContext() });
    if (figure?.pending !== undefined || kept.stored) {
      await conversations
        ?.setPending(turn.workerId, figure?.pending, clock())
        .then(() => {
          kept.stored = figure?.pending !== undefined;
        })
        .catch((error) => log.warn('assistant.pending_failed', { error }));
    }
    if (llm && !unsure) {
      const written = await llmAnswer({
        chat: llm.chat,
        prompts: llm.prompts,
        question: u.query,
        lang,
        passages: passages.slice(0, 6),
        cards: issues.filter((m) => m.strength >= 0.75).map((m) => m.card),
        tools: { list: calculatorTools, run: (name, args) => runCalculator(name, args, figureContext()) },
        timeoutMs: llm.timeoutMs ?? 12_000,
        disclaimer: texts.lang(lang).answer.disclaimer,
        log,
      });
      if (written)
        return { kind: 'answer', lang, text: written.text, citations: written.citations, confidence, issue: card?.id, topic: card?.area };
    }
    const composed = bottomLineAnswer({
      lang,
      question: u.query,
      passages,
      card,
      texts,
      unsure,
      followUp: u.followUp,
      gists,
      figure: figure?.headline,
      figureNotes: [figure?.working, figure?.notes].filter(Boolean).join('\n') || undefined,
      ask: figure?.ask?.question,
      figureCitations: figure?.citations,
    });
    return {
      kind: 'answer',
      lang,
      text: composed.text,
      citations: composed.citations,
      confidence,
      issue: card?.id,
      topic: card?.area,
      choices: figure?.ask?.choices,
    };
  }

  /**
   * A message while a fact is pending: the figure when it gives the fact; the question again when it is a
   * short reply that does not; nothing (the question is dropped) when the worker moved on to something else.
   */
  async function answerPending(
    turn: WorkerTurn,
    lang: Lang,
    pending: unknown,
    resumed: Resumed | undefined,
    kept: Kept,
  ): Promise<{ decision?: Decision; understood?: string }> {
    if (resumed) {
      const u = { query: resumed.state.question, followUp: false };
      return { decision: await answer(turn, lang, u, kept, resumed.figure), understood: u.query };
    }
    // A reply is a few words; a message of its own (a new question, a story) means the worker moved on.
    if (isShortReply(turn.text)) {
      const again = repeatQuestion(pending, lang);
      if (again) return { decision: { kind: 'answer', lang, text: again.question, citations: [], confidence: 1, choices: again.choices } };
    }
    await clearPending(turn.workerId, kept);
    return {};
  }

  /** Clears the worker's pending question; a failure leaves it (it expires after followUp.withinMinutes). */
  async function clearPending(workerId: number, kept: Kept): Promise<void> {
    await conversations
      ?.setPending(workerId, undefined)
      .then(() => {
        kept.stored = false;
      })
      .catch(() => {});
  }

  async function remember(turn: WorkerTurn, decision: Decision, understood?: string): Promise<void> {
    if (!conversations) return;
    const at = clock();
    try {
      await conversations.append([
        {
          workerId: turn.workerId,
          role: 'worker',
          text: turn.text,
          lang: decision.lang,
          decision: decision.kind,
          understood: understood && understood !== turn.text ? understood : null,
          at,
        },
        {
          workerId: turn.workerId,
          role: 'assistant',
          text: decision.text,
          lang: decision.lang,
          decision: decision.kind,
          citations: decision.citations,
          at,
        },
      ]);
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
      const since = new Date(clock().getTime() - settings.followUp.withinMinutes * 60_000);
      // The pending question and the recent turns in one read; a failed read means no pending question, as
      // before, and fails the answer only where the turns are needed (awaited again below).
      const read = conversations?.context(turn.workerId, { limit: 6, since });
      const context = await read?.catch(() => undefined);
      const pending = context?.pending;
      const kept: Kept = { stored: context?.stored ?? true };
      const resumed = pending && isShortReply(turn.text) ? resumeFigure(pending, turn.text, figureContext()) : undefined;
      // A reply that gives the pending fact ("6000", "3年") is that answer unless someone is in danger: a bare
      // figure tells triage too little to send it to a person or decline it.
      let decision = resumed && t.outcome !== 'urgent' ? undefined : triaged(t, lang);
      let understood: string | undefined;
      if (decision && pending) await clearPending(turn.workerId, kept);
      if (!decision && pending) ({ decision, understood } = await answerPending(turn, lang, pending, resumed, kept));
      if (!decision) {
        const history = read ? (await read).recent : [];
        const u = await understand(turn, lang, history);
        understood = u.query;
        decision = await answer(turn, lang, u, kept);
      }
      await remember(turn, decision, understood);
      log.info('assistant.decision', {
        workerId: turn.workerId,
        kind: decision.kind,
        category: decision.reason,
        triage: t.source,
        issue: decision.issue,
        confidence: decision.confidence,
        citations: decision.citations.length,
        ms: Math.round(performance.now() - started),
      });
      return decision;
    },
  };
}
