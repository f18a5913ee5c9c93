/** The assistant's public surface: one core function, its texts and settings from data, the LLM path, the eval. */

export { type AnswerSettings, loadAnswerSettings } from './answer-settings.js';
export {
  type AssistantLlm,
  type AssistantOptions,
  type AssistantRules,
  type ConversationMemory,
  createAssistant,
  type IssueRetriever,
  loadAssistantRules,
  type TriagePort,
} from './assistant.js';
export { parseBehaviourCases, scoreBehaviour } from './behaviour-eval.js';
export { bottomLineAnswer } from './bottom-line-answer.js';
export { articleLabel, citationOf, findCitedArticles } from './citations.js';
export { checkCitations, condenseFollowUp, llmAnswer } from './llm-answer.js';
export { formatPassages, loadPrompts, type Prompts } from './prompts.js';
export { loadReplyTexts, PolicyError, type ReplyTexts } from './reply-texts.js';
export type { Assistant, Citation, Decision, Escalation, Lang, WorkerTurn } from './types.js';
