/** The assistant's public surface: one core function, its texts and settings from data, the LLM path, the eval. */
export type { Assistant, Decision, Citation, Escalation, Lang, WorkerTurn } from './types.js';
export {
  createAssistant, loadAssistantRules,
  type AssistantOptions, type AssistantRules, type AssistantLlm, type ConversationMemory, type IssueRetriever, type TriagePort,
} from './assistant.js';
export { loadReplyTexts, PolicyError, type ReplyTexts } from './reply-texts.js';
export { loadAnswerSettings, type AnswerSettings } from './answer-settings.js';
export { loadPrompts, formatPassages, type Prompts } from './prompts.js';
export { llmAnswer, checkCitations, condenseFollowUp } from './llm-answer.js';
export { bottomLineAnswer } from './bottom-line-answer.js';
export { articleLabel, citationOf, findCitedArticles } from './citations.js';
export { parseBehaviourCases, scoreBehaviour } from './behaviour-eval.js';
