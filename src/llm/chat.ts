/**
 * Chat completions from any OpenAI-compatible endpoint (OpenAI, DeepSeek, Qwen, Ollama, vLLM) through the
 * `openai` SDK. One call, no SDK retries (the caller owns the time budget and falls back), and one typed
 * error per failure kind so the caller branches on `code`, never on message text.
 *
 * @example
 *   const chat = createChatModel({ baseURL: 'http://localhost:11434/v1', model: 'qwen2.5', timeoutMs: 8000 });
 *   const text = await chat.complete([{ role: 'user', content: '你好' }]);
 */
import OpenAI from 'openai';
import type { Config } from '../config.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A function the model may call (OpenAI function calling): its JSON schema, and how to run it. */
export interface ChatTool {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** Runs one tool call; the result (or error) goes back to the model as JSON. Never throws. */
export type RunTool = (name: string, argumentsJson: string) => unknown;

export interface CompleteOptions {
  signal?: AbortSignal;
  /** Tools the model may call before it answers; their results are sent back to it. */
  tools?: { list: readonly ChatTool[]; run: RunTool; maxRounds?: number };
}

export interface ChatModel {
  complete(messages: ChatMessage[], options?: CompleteOptions): Promise<string>;
}

export type ChatErrorCode = 'timeout' | 'unavailable' | 'rejected' | 'refused' | 'empty';

/** The chat endpoint failed; `code` says how. Never carries the prompt or the worker's text. */
export class ChatError extends Error {
  override name = 'ChatError';
  constructor(
    message: string,
    readonly code: ChatErrorCode,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface ChatModelOptions {
  model: string;
  baseURL?: string;
  apiKey?: string;
  timeoutMs?: number;
  temperature?: number;
  maxTokens?: number;
  /** Another fetch (tests, proxies). */
  fetch?: typeof globalThis.fetch;
}

export function createChatModel({
  model,
  baseURL,
  apiKey,
  timeoutMs = 12_000,
  temperature = 0.2,
  maxTokens = 900,
  fetch,
}: ChatModelOptions): ChatModel {
  // Local servers (Ollama, vLLM) need no key, but the SDK insists on one.
  const client = new OpenAI({ baseURL, apiKey: apiKey ?? 'not-needed', timeout: timeoutMs, maxRetries: 0, fetch });
  return {
    async complete(messages, { signal, tools } = {}) {
      const history: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [...messages];
      const offered = tools?.list.map((t) => ({
        type: 'function' as const,
        function: { name: t.name, description: t.description, parameters: t.parameters },
      }));
      // The model may call tools (the calculators) a few rounds before it answers; each result goes back to it.
      for (let round = 0; ; round++) {
        let completion: OpenAI.Chat.Completions.ChatCompletion;
        try {
          completion = await client.chat.completions.create(
            { model, messages: history, temperature, max_tokens: maxTokens, ...(offered?.length ? { tools: offered } : {}) },
            { signal },
          );
        } catch (error) {
          throw toChatError(error);
        }
        const choice = completion.choices[0];
        if (choice?.message.refusal || choice?.finish_reason === 'content_filter') {
          throw new ChatError('The chat model refused to answer', 'refused');
        }
        const calls = (choice?.message.tool_calls ?? []).filter((c) => c.type === 'function');
        if (calls.length && tools && round < (tools.maxRounds ?? 3)) {
          history.push({ role: 'assistant', content: choice?.message.content ?? null, tool_calls: calls });
          for (const c of calls)
            history.push({ role: 'tool', tool_call_id: c.id, content: JSON.stringify(tools.run(c.function.name, c.function.arguments)) });
          continue;
        }
        const text = choice?.message.content?.trim();
        if (!text) throw new ChatError('The chat model returned an empty reply', 'empty');
        return text;
      }
    },
  };
}

function toChatError(error: unknown): ChatError {
  if (error instanceof OpenAI.APIConnectionTimeoutError || error instanceof OpenAI.APIUserAbortError) {
    return new ChatError('The chat model did not answer in time', 'timeout', undefined, { cause: error });
  }
  if (error instanceof OpenAI.APIError) {
    const status = error.status;
    const code: ChatErrorCode = status === undefined || status >= 500 || status === 429 ? 'unavailable' : 'rejected';
    const hint = status === 401 ? ' (check OPENAI_API_KEY)' : status === 404 ? ' (check CHAT_MODEL and OPENAI_BASE_URL)' : '';
    return new ChatError(`The chat endpoint failed with status ${status ?? 'none'}${hint}`, code, status, { cause: error });
  }
  return new ChatError(`The chat endpoint could not be reached: ${(error as Error)?.name ?? 'error'}`, 'unavailable', undefined, {
    cause: error,
  });
}

/** The configured chat model, or undefined when CHAT_MODEL is not set (extractive answers). */
export function chatModelFromConfig(config: Config): ChatModel | undefined {
  if (!config.CHAT_MODEL) return undefined;
  return createChatModel({
    model: config.CHAT_MODEL,
    baseURL: config.OPENAI_BASE_URL,
    apiKey: config.OPENAI_API_KEY,
    timeoutMs: config.LLM_TIMEOUT_MS,
  });
}
