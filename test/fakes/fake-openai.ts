/**
 * A tiny OpenAI-compatible `/v1/chat/completions` server on 127.0.0.1 (port 0) for tests, driven by the real
 * `openai` client. Each request is recorded; `reply` decides what to answer: text, an HTTP status, a
 * refusal, or a delay longer than the client's timeout.
 *
 * @example
 *   const fake = await startFakeOpenAI({ reply: () => ({ text: '依据《中华人民共和国劳动合同法》第十九条…' }) });
 *   createChatModel({ baseURL: fake.baseURL, model: 'fake' });
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeChatRequest {
  model: string;
  messages: Array<{ role: string; content: string | null; tool_calls?: unknown[]; tool_call_id?: string }>;
  /** Names of the tools the client offered. */
  tools: string[];
  authorization?: string;
}

export interface FakeChatReply {
  text?: string;
  /** Answer with this HTTP status and an error body instead. */
  status?: number;
  /** Answer with a refusal (message.refusal). */
  refusal?: string;
  /** Wait this long before answering (longer than the client's timeout = a timeout). */
  delayMs?: number;
  /** Ask the client to call these tools (arguments as JSON text) instead of answering. */
  toolCalls?: Array<{ name: string; arguments: string }>;
}

export interface FakeOpenAI {
  baseURL: string;
  requests: FakeChatRequest[];
  /** Replaced freely between tests. `n` counts requests from 1. */
  reply: (request: FakeChatRequest, n: number) => FakeChatReply;
  close(): Promise<void>;
}

export async function startFakeOpenAI({
  reply = (): FakeChatReply => ({ text: 'ok' }),
}: {
  reply?: FakeOpenAI['reply'];
} = {}): Promise<FakeOpenAI> {
  const timers = new Set<NodeJS.Timeout>();
  const state: FakeOpenAI = { baseURL: '', requests: [], reply, close: async () => {} };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      const parsed = JSON.parse(body) as {
        model: string;
        messages: FakeChatRequest['messages'];
        tools?: Array<{ function: { name: string } }>;
      };
      const request: FakeChatRequest = {
        model: parsed.model,
        messages: parsed.messages,
        tools: (parsed.tools ?? []).map((t) => t.function.name),
        authorization: req.headers.authorization,
      };
      state.requests.push(request);
      const answer = state.reply(request, state.requests.length);
      const send = () => {
        if (res.destroyed) return;
        if (answer.status && answer.status >= 400) {
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message: 'fake failure', type: 'server_error' } }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: `chatcmpl-${state.requests.length}`,
            object: 'chat.completion',
            created: 0,
            model: parsed.model,
            choices: [
              answer.toolCalls
                ? {
                    index: 0,
                    finish_reason: 'tool_calls',
                    message: {
                      role: 'assistant',
                      content: null,
                      refusal: null,
                      tool_calls: answer.toolCalls.map((c, i) => ({
                        id: `call_${state.requests.length}_${i}`,
                        type: 'function',
                        function: c,
                      })),
                    },
                  }
                : {
                    index: 0,
                    finish_reason: 'stop',
                    message: { role: 'assistant', content: answer.refusal ? null : (answer.text ?? ''), refusal: answer.refusal ?? null },
                  },
            ],
            usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
          }),
        );
      };
      if (answer.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          send();
        }, answer.delayMs);
        timers.add(t);
      } else {
        send();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  state.close = () =>
    new Promise((resolve) => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
