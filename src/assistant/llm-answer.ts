/**
 * The answer written by an LLM, kept honest: personal data is masked before anything is sent, passages go
 * in numbered and wrapped as data, every 《…》第N条 in the reply is checked against them (one regeneration,
 * then unsupported ones are removed), and the whole thing runs within one time budget. Any failure returns
 * undefined and the caller uses the extractive answer — the worker is never left waiting.
 *
 * @example
 *   const answer = await llmAnswer({ chat, prompts, question, lang: 'zh', passages, timeoutMs: 8000 });
 *   if (!answer) // fall back to extractiveAnswer(...)
 */

import type { ChatMessage, ChatModel, ChatTool } from '../llm/chat.js';
import { withDeadline } from '../llm/deadline.js';
import { type Logger, silentLogger } from '../log.js';
import { maskPersonalData } from '../privacy/mask.js';
import type { IssueCard } from '../retrieval/issue-cards.js';
import type { ScoredPassage } from '../retrieval/types.js';
import type { ComposedAnswer } from './bottom-line-answer.js';
import { citationOf, findCitedArticles, sameTitle } from './citations.js';
import { asData, formatPassages, type Prompts } from './prompts.js';
import type { Citation, Lang } from './types.js';

export interface LlmAnswerInput {
  chat: ChatModel;
  prompts: Prompts;
  question: string;
  lang: Lang;
  passages: readonly ScoredPassage[];
  /** The issue cards the question matched: their bottom line is what the answer opens with. */
  cards?: readonly IssueCard[];
  /** The calculators the model may call, so it never does the arithmetic itself. */
  tools?: { list: readonly ChatTool[]; run: (name: string, args: string) => ToolRun };
  /** The whole budget, both attempts included. */
  timeoutMs: number;
  /** Appended when the model left it out. */
  disclaimer?: string;
  log?: Logger;
}

/**
 * Checks the reply's citations against the passages (and the articles the calculators it called rest on):
 * the supported ones, and the raw text of the others.
 */
export function checkCitations(
  reply: string,
  passages: readonly ScoredPassage[],
  calculated: ReadonlyArray<{ title: string; article: number }> = [],
): { supported: Citation[]; unsupported: string[] } {
  const supported: Citation[] = [];
  const unsupported: string[] = [];
  for (const cited of findCitedArticles(reply)) {
    const p = passages.find((x) => sameTitle(x.title, cited.title) && x.articles.includes(cited.article));
    const basis = calculated.find((b) => sameTitle(b.title, cited.title) && b.article === cited.article);
    if (!p && basis) {
      if (!supported.some((c) => c.title === basis.title && c.article === basis.article)) {
        supported.push({ title: basis.title, article: basis.article, label: cited.raw, effective: null });
      }
      continue;
    }
    if (!p) {
      unsupported.push(cited.raw);
      continue;
    }
    if (!supported.some((c) => c.passageId === p.id && c.article === cited.article)) {
      supported.push({ ...citationOf(p), article: cited.article, label: cited.raw });
    }
  }
  return { supported, unsupported };
}

/** A tool call's outcome as the model sees it, and the articles a successful calculation rests on. */
export interface ToolRun {
  output: unknown;
  basis: ReadonlyArray<{ title: string; article: number }>;
}

export async function llmAnswer({
  chat,
  prompts,
  question,
  lang,
  passages,
  cards = [],
  tools,
  timeoutMs,
  disclaimer,
  log = silentLogger,
}: LlmAnswerInput): Promise<ComposedAnswer | undefined> {
  // What the calculators the model called rest on counts as supported: it cites them with the figure.
  const calculated: Array<{ title: string; article: number }> = [];
  const offered = tools && {
    list: tools.list,
    run: (name: string, args: string) => {
      const r = tools.run(name, args);
      calculated.push(...r.basis);
      log.info('assistant.llm_tool', { tool: name, ok: r.basis.length > 0 });
      return r.output;
    },
  };
  const deadline = Date.now() + timeoutMs;
  const system = prompts.render('system', lang);
  const messages: ChatMessage[] = [
    { role: 'system', content: system },
    {
      role: 'user',
      content: prompts.render('answer', lang, {
        issues: formatCards(cards, lang),
        passages: formatPassages(passages),
        question: maskPersonalData(question),
      }),
    },
  ];
  try {
    for (let attempt = 1; attempt <= 2; attempt++) {
      const reply = await withDeadline(deadline, (signal) => chat.complete(messages, { signal, tools: offered }));
      if (leaksSystemPrompt(reply, system)) {
        log.warn('assistant.llm_guard', { reason: 'system_prompt_leak' });
        return undefined;
      }
      const { supported, unsupported } = checkCitations(reply, passages, calculated);
      if (!unsupported.length && supported.length) return finish(reply, supported, disclaimer);
      if (attempt === 1 && Date.now() < deadline) {
        log.info('assistant.llm_regenerate', { unsupported: unsupported.length, supported: supported.length });
        messages.push({ role: 'assistant', content: reply }, { role: 'user', content: regenerateNote(lang, unsupported) });
        continue;
      }
      if (!supported.length) return undefined;
      let cleaned = reply;
      for (const raw of unsupported) cleaned = cleaned.split(raw).join('');
      return finish(cleaned, supported, disclaimer);
    }
  } catch (error) {
    log.warn('assistant.llm_fallback', { error });
  }
  return undefined;
}

/** The matched issue cards as data: the issue, the bottom line, what it depends on, next steps. */
export function formatCards(cards: readonly IssueCard[], lang: Lang): string {
  if (!cards.length) return '<issues></issues>';
  const body = cards.map((c, i) =>
    [
      `<issue n="${i + 1}">`,
      `${lang === 'zh' ? '问题' : 'issue'}: ${asData(c.issue[lang])}`,
      `${lang === 'zh' ? '结论' : 'bottom line'}: ${asData(c.bottomLine[lang])}`,
      `${lang === 'zh' ? '取决于' : 'depends on'}: ${c.dependsOn.map((d) => asData(d[lang])).join('; ')}`,
      `${lang === 'zh' ? '下一步' : 'next steps'}: ${c.nextSteps.map((d) => asData(d[lang])).join('; ')}`,
      ...c.employerClaims
        .slice(0, 2)
        .map((e) => `${lang === 'zh' ? '单位常说' : 'employer says'}: ${asData(e.claim[lang])} → ${asData(e.answer[lang])}`),
      '</issue>',
    ].join('\n'),
  );
  return `<issues>\n${body.join('\n')}\n</issues>`;
}

function finish(reply: string, citations: Citation[], disclaimer?: string): ComposedAnswer {
  const text = disclaimer && !reply.includes(disclaimer.slice(0, 8)) ? `${reply}\n\n${disclaimer}` : reply;
  return { text, citations };
}

function regenerateNote(lang: Lang, unsupported: string[]): string {
  const list = unsupported.join('、') || '—';
  return lang === 'zh'
    ? `你的回答引用了资料中没有的条文（${list}），或没有引用任何条文。请只依据 <passages> 重写回答，并用《法规名称》第N条引用其中的条文。`
    : `Your reply cited provisions that are not in the material (${list}), or cited none. Rewrite it using only <passages>, citing them as 《title》第N条.`;
}

/** A reply that repeats a long stretch of the system prompt is an extraction that got through. */
function leaksSystemPrompt(reply: string, system: string): boolean {
  const lines = system
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length >= 24);
  return lines.some((l) => reply.includes(l.slice(0, 24)));
}

/** Rewrites a follow-up into a standalone question with the model; undefined on any failure. */
export async function condenseFollowUp({
  chat,
  prompts,
  lang,
  history,
  message,
  timeoutMs,
  log = silentLogger,
}: {
  chat: ChatModel;
  prompts: Prompts;
  lang: Lang;
  history: Array<{ role: 'worker' | 'assistant'; text: string }>;
  message: string;
  timeoutMs: number;
  log?: Logger;
}): Promise<string | undefined> {
  const who = lang === 'zh' ? { worker: '职工', assistant: '助手' } : { worker: 'Worker', assistant: 'Assistant' };
  const historyText = history.map((t) => `${who[t.role]}: ${maskPersonalData(t.text).slice(0, 400)}`).join('\n');
  try {
    const out = await withDeadline(Date.now() + timeoutMs, (signal) =>
      chat.complete(
        [{ role: 'user', content: prompts.render('condense', lang, { history: historyText, message: maskPersonalData(message) }) }],
        { signal },
      ),
    );
    const line = out
      .split('\n')
      .map((s) => s.trim())
      .find(Boolean);
    return line && line.length <= 300 ? line : undefined;
  } catch (error) {
    log.warn('assistant.condense_fallback', { error });
    return undefined;
  }
}
