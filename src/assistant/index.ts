/** The assistant's public surface: one core function, its rules and texts from data, the LLM path, the eval. */
export type { Assistant, Decision, Citation, Escalation, Lang, WorkerTurn } from './types.js';
export {
  createAssistant, loadAssistantRules,
  type AssistantOptions, type AssistantRules, type AssistantLlm, type ConversationMemory,
} from './assistant.js';
export { createDecisionPolicy, loadDecisionRules, parseDecisionRules, PolicyError, type DecisionPolicy, type Verdict } from './decision-policy.js';
export { loadReplyTexts, type ReplyTexts } from './reply-texts.js';
export { loadPrompts, formatPassages, type Prompts } from './prompts.js';
export { llmAnswer, checkCitations, condenseFollowUp } from './llm-answer.js';
export { extractiveAnswer } from './extractive-answer.js';
export { caseSummary } from './case-summary.js';
export { articleLabel, citationOf, findCitedArticles } from './citations.js';
export { parseBehaviourCases, scoreBehaviour } from './behaviour-eval.js';
