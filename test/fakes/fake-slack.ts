/**
 * A local fake of the Slack Web API, for tests and the benchmark: Bolt's WebClient talks to it through
 * `clientOptions.slackApiUrl`. It keeps the messages it was sent per channel, records every call (with the
 * HTTP status it answered), and can be told to fail: the next N calls, or every call while a condition holds
 * (an outage on an injected clock), with 5xx, 429 + Retry-After, or a Slack platform error.
 * It also serves `response_url`s (`fake.responseUrl('x')`) so slash-command `respond()` can be observed, and
 * the three steps of a file upload (files.getUploadURLExternal, the upload URL, files.completeUploadExternal),
 * keeping each file with its bytes and where it was shared (`files`).
 *
 * @example
 *   const slack = await startFakeSlack({ users: { U1: '李娟' } });
 *   const client = new WebClient(FAKE_SLACK_TOKEN, { slackApiUrl: slack.apiUrl });
 *   slack.failWhile('*', { status: 503 }, () => clock() < outageEnd);
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// Like Slack's, message timestamps are unique (per channel, here across every fake in the process).
let lastMicros = 0;
function uniqueTs(): string {
  lastMicros = Math.max(lastMicros + 1, Date.now() * 1000);
  return `${Math.floor(lastMicros / 1e6)}.${String(lastMicros % 1e6).padStart(6, '0')}`;
}

/** The file's bytes from an upload body: the first part of a multipart form, or the body itself. */
function uploadedBytes(body: Buffer, type: string | undefined): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type ?? '');
  if (!boundary) return body;
  const mark = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const start = body.indexOf('\r\n\r\n', body.indexOf(mark)) + 4;
  const end = body.indexOf(Buffer.concat([Buffer.from('\r\n'), mark]), start);
  return body.subarray(start, end < 0 ? undefined : end);
}

export const FAKE_SLACK_TOKEN = 'xoxb-fake-0000-test-token';
export const FAKE_BOT = { user_id: 'UBOT', bot_id: 'BBOT', team_id: 'TFAKE', team: 'Union', user: 'niangjia' };

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  /** HTTP status the fake answered; `ok` is Slack's own flag in the body. */
  status: number;
  ok: boolean;
  /** performance.now() when the call arrived. */
  at: number;
}

export interface SlackMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
  user?: string;
  deleted?: boolean;
}

export interface SlackFile {
  id: string;
  filename: string;
  title?: string;
  /** The bytes that reached the upload URL. */
  bytes?: Buffer;
  /** Set when files.completeUploadExternal shared it. */
  channel?: string;
  thread_ts?: string;
}

export interface SlackFailure {
  status?: 429 | 500 | 502 | 503;
  /** Seconds, with status 429. */
  retryAfter?: number;
  /** A platform error answered with HTTP 200 and ok:false, e.g. 'channel_not_found'. */
  error?: string;
}

export interface FakeSlack {
  readonly apiUrl: string;
  readonly calls: SlackCall[];
  /** Messages by ts, as chat.postMessage / chat.update left them. */
  readonly messages: Map<string, SlackMessage>;
  /** Uploaded files by id. */
  readonly files: Map<string, SlackFile>;
  /** Successful calls of one method. */
  ok(method: string): SlackCall[];
  failNext(method: string, n: number, failure: SlackFailure): void;
  failWhile(method: string, failure: SlackFailure, active: () => boolean): void;
  heal(): void;
  /** A URL for slash-command payloads; what is POSTed there is kept in `responses`. */
  responseUrl(id: string): string;
  readonly responses: Array<{ id: string; body: Record<string, unknown> }>;
  waitFor(match: (call: SlackCall) => boolean, timeoutMs?: number): Promise<SlackCall>;
  onCall?: (call: SlackCall) => void;
  close(): Promise<void>;
}

export interface FakeSlackOptions {
  token?: string;
  /** Slack user ids and their display names (users.info). */
  users?: Record<string, string>;
  /** User group id → member ids (usergroups.users.list). */
  usergroups?: Record<string, string[]>;
  /** When given, other channels answer channel_not_found. */
  channels?: string[];
}

export async function startFakeSlack({
  token = FAKE_SLACK_TOKEN,
  users = {},
  usergroups = {},
  channels,
}: FakeSlackOptions = {}): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const messages = new Map<string, SlackMessage>();
  const files = new Map<string, SlackFile>();
  let base = '';
  const responses: FakeSlack['responses'] = [];
  let failures: Array<{ method: string; left: number; failure: SlackFailure; active?: () => boolean }> = [];
  const watchers = new Set<{ match: (c: SlackCall) => boolean; resolve: (c: SlackCall) => void }>();
  let seq = 0;
  const nextTs = uniqueTs;

  function methods(args: Record<string, string | unknown>): Record<string, () => Record<string, unknown>> {
    const channelOk = (c: unknown) => !channels || channels.includes(String(c)) || String(c).startsWith('U') || String(c).startsWith('D');
    const guard = (c: unknown, f: () => Record<string, unknown>) => (channelOk(c) ? f() : { ok: false, error: 'channel_not_found' });
    return {
      'auth.test': () => ({ ok: true, url: 'https://union.slack.com/', ...FAKE_BOT }),
      'chat.postMessage': () =>
        guard(args.channel, () => {
          const ts = nextTs();
          const m: SlackMessage = {
            channel: String(args.channel),
            ts,
            text: args.text as string,
            blocks: args.blocks as unknown[],
            user: FAKE_BOT.user_id,
          };
          if (args.thread_ts) m.thread_ts = String(args.thread_ts);
          messages.set(ts, m);
          return { ok: true, channel: m.channel, ts, message: { ...m, bot_id: FAKE_BOT.bot_id } };
        }),
      'chat.update': () =>
        guard(args.channel, () => {
          const m = messages.get(String(args.ts));
          if (!m) return { ok: false, error: 'message_not_found' };
          Object.assign(m, { text: args.text ?? m.text, blocks: args.blocks ?? m.blocks });
          return { ok: true, channel: m.channel, ts: m.ts };
        }),
      'chat.delete': () => {
        const m = messages.get(String(args.ts));
        if (!m) return { ok: false, error: 'message_not_found' };
        m.deleted = true;
        return { ok: true, channel: m.channel, ts: m.ts };
      },
      'files.getUploadURLExternal': () => {
        const id = `F${++seq}`;
        files.set(id, { id, filename: String(args.filename) });
        return { ok: true, file_id: id, upload_url: `${base}/upload/${id}` };
      },
      'files.completeUploadExternal': () =>
        guard(args.channel_id, () => {
          const listed = (typeof args.files === 'string' ? JSON.parse(args.files) : args.files) as Array<{ id: string; title?: string }>;
          if (listed.some((f) => !files.get(f.id)?.bytes)) return { ok: false, error: 'file_not_found' };
          for (const f of listed)
            Object.assign(files.get(f.id)!, {
              title: f.title,
              channel: String(args.channel_id),
              ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}),
            });
          return { ok: true, files: listed.map((f) => ({ id: f.id, title: f.title })) };
        }),
      'chat.postEphemeral': () => guard(args.channel, () => ({ ok: true, message_ts: nextTs() })),
      'views.publish': () => ({ ok: true, view: { id: `V${++seq}`, ...(args.view as object) } }),
      'views.open': () =>
        args.trigger_id ? { ok: true, view: { id: `V${++seq}`, ...(args.view as object) } } : { ok: false, error: 'invalid_trigger_id' },
      'users.info': () => {
        const id = String(args.user);
        return users[id] !== undefined
          ? {
              ok: true,
              user: { id, name: id.toLowerCase(), real_name: users[id], profile: { display_name: users[id], real_name: users[id] } },
            }
          : { ok: false, error: 'user_not_found' };
      },
      'usergroups.users.list': () => {
        const members = usergroups[String(args.usergroup)];
        return members ? { ok: true, users: members } : { ok: false, error: 'no_such_subteam' };
      },
    };
  }

  function parseBody(raw: string, type: string | undefined): Record<string, unknown> {
    if (type?.includes('application/json')) return raw ? JSON.parse(raw) : {};
    const out: Record<string, unknown> = {};
    for (const [k, v] of new URLSearchParams(raw)) {
      out[k] = /^[[{]/.test(v)
        ? (() => {
            try {
              return JSON.parse(v);
            } catch {
              return v;
            }
          })()
        : v;
    }
    return out;
  }

  function record(call: SlackCall) {
    calls.push(call);
    fake.onCall?.(call);
    for (const w of watchers)
      if (w.match(call)) {
        watchers.delete(w);
        w.resolve(call);
      }
  }

  function takeFailure(method: string): SlackFailure | undefined {
    const f = failures.find((x) => (x.method === '*' || x.method === method) && (x.active ? x.active() : x.left > 0));
    if (f && !f.active) f.left--;
    failures = failures.filter((x) => x.active || x.left > 0);
    return f?.failure;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '').split('?')[0]!;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };
    if (path.startsWith('/upload/')) {
      const file = files.get(path.slice('/upload/'.length));
      if (!file) return send(404, { ok: false });
      file.bytes = uploadedBytes(Buffer.concat(chunks), req.headers['content-type']);
      record({ method: 'upload', args: { id: file.id, length: file.bytes.length }, status: 200, ok: true, at: performance.now() });
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end(`OK - ${file.bytes.length}`);
    }
    if (path.startsWith('/response/')) {
      responses.push({ id: path.slice('/response/'.length), body: parseBody(raw, req.headers['content-type']) });
      return send(200, { ok: true });
    }
    const method = path.replace(/^\/api\//, '');
    const args = parseBody(raw, req.headers['content-type']);
    const at = performance.now();
    const failure = takeFailure(method);
    if (failure?.status) {
      record({ method, args, status: failure.status, ok: false, at });
      return send(
        failure.status,
        { ok: false, error: 'fake_outage' },
        failure.retryAfter ? { 'retry-after': String(failure.retryAfter) } : {},
      );
    }
    if (failure?.error) {
      record({ method, args, status: 200, ok: false, at });
      return send(200, { ok: false, error: failure.error });
    }
    if (req.headers.authorization !== `Bearer ${token}` && args.token !== token) {
      record({ method, args, status: 200, ok: false, at });
      return send(200, { ok: false, error: 'invalid_auth' });
    }
    const run = methods(args)[method];
    const body = run ? run() : { ok: false, error: 'unknown_method' };
    record({ method, args, status: 200, ok: body.ok === true, at });
    send(200, body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  const fake: FakeSlack = {
    apiUrl: `${base}/api/`,
    calls,
    messages,
    files,
    responses,
    ok: (method) => calls.filter((c) => c.method === method && c.ok),
    failNext(method, n, failure) {
      failures.push({ method, left: n, failure });
    },
    failWhile(method, failure, active) {
      failures.push({ method, left: 0, failure, active });
    },
    heal() {
      failures = [];
    },
    responseUrl: (id) => `${base}/response/${id}`,
    waitFor(match, timeoutMs = 10_000) {
      const past = calls.find(match);
      if (past) return Promise.resolve(past);
      return new Promise((resolve, reject) => {
        const w = {
          match,
          resolve: (c: SlackCall) => {
            clearTimeout(timer);
            resolve(c);
          },
        };
        const timer = setTimeout(() => {
          watchers.delete(w);
          reject(new Error('fake slack: no matching call in time'));
        }, timeoutMs);
        watchers.add(w);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return fake;
}
