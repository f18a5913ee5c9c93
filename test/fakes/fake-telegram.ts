/**
 * A local fake of the Telegram Bot API, for tests and the benchmark: grammY talks to it through
 * `client.apiRoot`. It records every call, can be told to fail the next N calls (429 with retry_after,
 * 5xx, 403/400) or never to answer them, and serves `getUpdates` from a queue with long-polling semantics (offset confirms).
 *
 * @example
 *   const tg = await startFakeTelegram();
 *   const bot = new Bot(FAKE_TOKEN, { client: { apiRoot: tg.apiRoot } });
 *   tg.failNext('sendMessage', 1, { status: 429, retryAfter: 1 });
 *   await tg.waitFor((c) => c.method === 'sendMessage');
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UserFromGetMe } from 'grammy/types';

export const FAKE_TOKEN = '123456:TEST-token_for-the-fake';
export const FAKE_BOT: UserFromGetMe = {
  id: 123456,
  is_bot: true,
  first_name: 'Niangjia',
  username: 'niangjia_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
  /** performance.now() when the call arrived. */
  at: number;
}

export interface Failure {
  status: 429 | 500 | 502 | 503 | 400 | 403;
  retryAfter?: number;
  description?: string;
}

export interface FakeTelegram {
  readonly apiRoot: string;
  readonly calls: RecordedCall[];
  /** Calls of one method, optionally only those to one chat. */
  sent(method: string, chatId?: number | string): RecordedCall[];
  /** The next `n` calls of `method` ('*' = any) fail like this. */
  failNext(method: string, n: number, failure: Failure): void;
  /** Calls to this chat always fail with 403 (the worker blocked the bot). */
  block(chatId: number | string): void;
  /** The next `n` calls of `method` are taken and never answered (an unreachable or hung Bot API). */
  stall(method: string, n: number): void;
  /** Queues updates for getUpdates (polling mode). */
  pushUpdates(...updates: object[]): void;
  /** Resolves with the first recorded call (past or future) that matches, or rejects after `timeoutMs`. */
  waitFor(match: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** Called synchronously on every recorded call (the benchmark's clock). */
  onCall?: (call: RecordedCall) => void;
  close(): Promise<void>;
}

export async function startFakeTelegram({ token = FAKE_TOKEN }: { token?: string } = {}): Promise<FakeTelegram> {
  const calls: RecordedCall[] = [];
  const failures: Array<{ method: string; left: number; failure: Failure }> = [];
  const blocked = new Set<string>();
  const stalls: Array<{ method: string; left: number }> = [];
  const held = new Set<ServerResponse>();
  let queue: Array<{ update_id: number }> = [];
  let pollWaiters: Array<() => void> = [];
  const watchers = new Set<{ match: (c: RecordedCall) => boolean; resolve: (c: RecordedCall) => void }>();
  let messageId = 1000;
  let closed = false;

  function takeFailure(method: string): Failure | undefined {
    const entry = failures.find((f) => f.left > 0 && (f.method === method || f.method === '*'));
    if (!entry) return undefined;
    entry.left -= 1;
    return entry.failure;
  }

  function reply(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  async function getUpdates(payload: Record<string, unknown>): Promise<unknown[]> {
    const offset = Number(payload['offset'] ?? 0);
    const limit = Number(payload['limit'] ?? 100);
    if (offset > 0) queue = queue.filter((u) => u.update_id >= offset);
    if (queue.length === 0 && !closed) {
      // Long polling, capped at 1 s so a stopping bot is never held up for long.
      const waitMs = Math.min(Number(payload['timeout'] ?? 0), 1) * 1000;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        pollWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return queue.slice(0, limit);
  }

  function result(method: string, payload: Record<string, unknown>): unknown {
    switch (method) {
      case 'getMe':
        return FAKE_BOT;
      case 'sendMessage':
        return {
          message_id: ++messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(payload['chat_id']), type: 'private' },
          text: payload['text'],
        };
      case 'getFile':
        return { file_id: payload['file_id'], file_unique_id: 'u', file_size: 1, file_path: 'photos/file.jpg' };
      case 'editMessageReplyMarkup':
        return true;
      default:
        return true;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec((req.url ?? '').split('?')[0]!);
    if (!match) return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (match[1] !== token) return reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2]!;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const payload = raw && (req.headers['content-type'] ?? '').includes('json') ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const call: RecordedCall = { method, payload, at: performance.now() };
    const stall = stalls.find((st) => st.left > 0 && st.method === method);
    if (stall) {
      stall.left -= 1;
      held.add(res);
      return;
    }

    const failure =
      takeFailure(method) ??
      (blocked.has(String(payload['chat_id']))
        ? { status: 403 as const, description: 'Forbidden: bot was blocked by the user' }
        : undefined);
    if (failure) {
      const description =
        failure.description ??
        (failure.status === 429 ? `Too Many Requests: retry after ${failure.retryAfter ?? 1}` : 'Internal Server Error');
      return reply(res, failure.status, {
        ok: false,
        error_code: failure.status,
        description,
        ...(failure.retryAfter !== undefined ? { parameters: { retry_after: failure.retryAfter } } : {}),
      });
    }
    if (method === 'getUpdates') return reply(res, 200, { ok: true, result: await getUpdates(payload) });

    calls.push(call);
    fake.onCall?.(call);
    for (const w of watchers)
      if (w.match(call)) {
        watchers.delete(w);
        w.resolve(call);
      }
    reply(res, 200, { ok: true, result: result(method, payload) });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => reply(res, 500, { ok: false, error_code: 500, description: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeTelegram = {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    sent: (method, chatId) =>
      calls.filter((c) => c.method === method && (chatId === undefined || String(c.payload['chat_id']) === String(chatId))),
    failNext(method, n, failure) {
      failures.push({ method, left: n, failure });
    },
    block(chatId) {
      blocked.add(String(chatId));
    },
    stall(method, n) {
      stalls.push({ method, left: n });
    },
    pushUpdates(...updates) {
      queue.push(...(updates as Array<{ update_id: number }>));
      const waiters = pollWaiters;
      pollWaiters = [];
      for (const w of waiters) w();
    },
    waitFor(match, timeoutMs = 10_000) {
      const found = calls.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const watcher = {
          match,
          resolve: (c: RecordedCall) => {
            clearTimeout(timer);
            resolve(c);
          },
        };
        const timer = setTimeout(() => {
          watchers.delete(watcher);
          reject(new Error('fake Telegram: no matching call in time'));
        }, timeoutMs);
        watchers.add(watcher);
      });
    },
    close() {
      closed = true;
      for (const w of pollWaiters) w();
      pollWaiters = [];
      for (const res of held) res.destroy();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return fake;
}
