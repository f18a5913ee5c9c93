/**
 * The assistant as every entry point needs it (the service, eval:behaviour, eval:answers): the knowledge
 * index (built on first use, the triage model with it), the hybrid retriever, triage (with the LLM pass
 * when CHAT_MODEL is set), the texts of knowledge/policy and the prompts.
 *
 * @example
 *   const { assistant, retriever, triage } = await openAssistant({ db, config, log });
 */
import { type Config, localFiguresFromConfig } from '../config.js';
import { chatModelFromConfig } from '../llm/chat.js';
import { type Logger, silentLogger } from '../log.js';
import { type BuildProgress, openKnowledge } from '../retrieval/index.js';
import type { Db } from '../store/db.js';
import { withLlmTriage } from '../triage/llm-triage.js';
import { createTriageSource } from '../triage/triage-source.js';
import { loadArticleGists } from './article-gists.js';
import { type ConversationMemory, createAssistant, loadAssistantRules } from './assistant.js';
import { loadPrompts } from './prompts.js';
import { warmUp } from './warm-up.js';

export interface OpenAssistantOptions {
  db: Db;
  config: Config;
  log?: Logger;
  onProgress?: (progress: BuildProgress) => void;
  rebuild?: boolean;
  conversations?: ConversationMemory;
  clock?: () => Date;
  /** Told the time of every search (the retrieval-latency metric). */
  onSearch?: (ms: number, cached: boolean) => void;
}

export async function openAssistant({
  db,
  config,
  log = silentLogger,
  onProgress,
  rebuild,
  conversations,
  clock,
  onSearch,
}: OpenAssistantOptions) {
  const source = createTriageSource({ db, knowledgeDir: config.KNOWLEDGE_DIR, log });
  const { embedder, retriever, built } = await openKnowledge({ db, config, log, onProgress, rebuild, extras: source, onSearch });
  const chat = chatModelFromConfig(config);
  const prompts = loadPrompts(config.PROMPTS_DIR);
  const base = { classify: async (text: string) => (await source.live()).classify(text) };
  // The triage pass gets a third of the LLM budget: the answer still has time after it.
  const triage = chat
    ? withLlmTriage(base, {
        chat,
        prompt: (lang, message) => prompts.render('triage', lang, { message }),
        timeoutMs: Math.min(4000, config.LLM_TIMEOUT_MS / 3),
        log,
      })
    : base;
  const rules = loadAssistantRules(config.KNOWLEDGE_DIR);
  const common = {
    retriever,
    rules,
    clock,
    log,
    timeZone: config.UNION_TIME_ZONE,
    gists: await loadArticleGists(config.KNOWLEDGE_DIR),
    localFigures: localFiguresFromConfig(config),
  };
  const assistant = createAssistant({
    ...common,
    triage,
    conversations,
    llm: chat ? { chat, prompts, timeoutMs: config.LLM_TIMEOUT_MS } : undefined,
  });
  /** Warms the offline paths (see warm-up.ts): an assistant of the same parts with no memory and no LLM. */
  const warm = (count: number) =>
    warmUp({ assistant: createAssistant({ ...common, triage: base }), knowledgeDir: config.KNOWLEDGE_DIR, count });
  return { embedder, retriever, triage, triageSource: source, assistant, rules, chat, prompts, built, warm };
}
