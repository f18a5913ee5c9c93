/**
 * Delivery receipts, written by a thread of their own. On the embedded store every database query runs on the
 * main thread, so under load Telegram's answer waits there a hundred milliseconds or more before anything can
 * write it down — and a kill -9 in that time sends the message again. This thread is idle: it makes the
 * delivery's HTTP requests itself (`fetch`, for the channel's client) and writes an item's receipt the moment
 * the answer that accepts it arrives, one JSON line in a file in DATA_DIR. The next start marks those items
 * sent instead of sending them again (DeliveryReceipts in outbox.ts). What stays at-least-once is the request
 * on the wire when the process dies.
 *
 * @example
 *   const receipts = startReceiptThread(join(config.DATA_DIR, 'outbox-receipts.log'));
 *   const outbox = createOutbox({ db, receipts });
 *   const api = new Api(token, { fetch: receipts.fetch });
 *   await receipts.acceptance(item.id, () => api.sendMessage(chatId, text)); // a 2xx accepts item.id
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DeliveryReceipts } from './outbox.js';

export interface ReceiptThread extends DeliveryReceipts {
  /** A fetch whose requests run on the receipt thread (JSON bodies; anything else runs here). */
  fetch: typeof fetch;
  /** Runs `send`; a 2xx answer to a request it makes is the acceptance of outbox item `id`. */
  acceptance<T>(id: number, send: () => Promise<T>): Promise<T>;
  /** Writes what is queued, then ends the thread. */
  close(): Promise<void>;
}

// Plain JavaScript, evaluated in the worker: no loader, no imports but Node's own.
const threadSource = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const fd = fs.openSync(workerData.path, 'a'); // appends go to the end, also after a truncate
const open = new Set(workerData.open);
const requests = new Map();
let bytes = fs.fstatSync(fd).size;
const line = (id) => JSON.stringify({ id }) + '\\n';
const write = (text) => { fs.writeSync(fd, text); bytes += Buffer.byteLength(text); };
function accepted(id) {
  if (open.has(id)) return;
  write(line(id));
  open.add(id);
}
function recorded(id) {
  if (!open.delete(id)) return;
  if (open.size === 0 || bytes > ${256 * 1024}) {
    fs.ftruncateSync(fd, 0);
    bytes = 0;
    for (const rest of open) write(line(rest));
  }
}
async function request(m) {
  const controller = new AbortController();
  requests.set(m.req, controller);
  try {
    const headers = Object.fromEntries(Object.entries(m.headers).filter(([k]) => k.toLowerCase() !== 'connection'));
    const res = await fetch(m.url, { method: m.method, headers, body: m.body, signal: controller.signal });
    if (res.ok && m.acceptance !== undefined) accepted(m.acceptance); // the status line is the acceptance
    const body = await res.text();
    parentPort.postMessage({ type: 'response', req: m.req, status: res.status, statusText: res.statusText, headers: [...res.headers], body });
  } catch (error) {
    parentPort.postMessage({ type: 'error', req: m.req, name: error.name, message: error.message, code: error.cause && error.cause.code });
  } finally {
    requests.delete(m.req);
  }
}
parentPort.on('message', (m) => {
  if (m.type === 'accepted') accepted(m.id);
  else if (m.type === 'recorded') recorded(m.id);
  else if (m.type === 'fetch') void request(m);
  else if (m.type === 'abort') requests.get(m.req)?.abort();
  else if (m.type === 'close') { fs.closeSync(fd); parentPort.close(); }
});
`;

/** Receipts left by a process that ended before the database heard of them (a torn last line is skipped). */
function readReceipts(path: string): number[] {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    /* none yet */
  }
  const ids = new Set<number>();
  for (const raw of text.split('\n')) {
    try {
      const { id } = JSON.parse(raw) as { id: unknown };
      if (Number.isSafeInteger(id)) ids.add(id as number);
    } catch {
      /* blank, or cut short by the crash: that write never finished */
    }
  }
  return [...ids];
}

export function startReceiptThread(path: string): ReceiptThread {
  mkdirSync(dirname(path), { recursive: true });
  const found = readReceipts(path);
  const worker = new Worker(threadSource, { eval: true, workerData: { path, open: found } });
  const tag = new AsyncLocalStorage<number>();
  const pending = new Map<number, { resolve: (m: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  let seq = 0;
  let ended: Promise<void> | undefined;
  worker.on('message', (m: Record<string, unknown> & { req: number }) => {
    pending.get(m.req)?.resolve(m);
    pending.delete(m.req);
  });
  worker.on('error', (error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  });
  worker.unref();

  const threadFetch = (async (input: string | URL | Request, init: RequestInit = {}) => {
    if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') return fetch(input, init);
    const req = ++seq;
    const answer = new Promise<Record<string, unknown>>((resolve, reject) => pending.set(req, { resolve, reject }));
    worker.postMessage({
      type: 'fetch',
      req,
      url: String(input),
      method: init.method ?? 'GET',
      headers: { ...(init.headers as Record<string, string>) },
      body: init.body ?? undefined,
      acceptance: tag.getStore(),
    });
    init.signal?.addEventListener('abort', () => worker.postMessage({ type: 'abort', req }), { once: true });
    const m = await answer;
    if (m['type'] === 'error') {
      throw new TypeError(`fetch failed (${String(m['message'])})`, {
        cause: Object.assign(new Error(String(m['message'])), { name: m['name'], code: m['code'] }),
      });
    }
    return new Response(m['body'] as string, {
      status: m['status'] as number,
      statusText: m['statusText'] as string,
      headers: m['headers'] as [string, string][],
    });
  }) as typeof fetch;

  return {
    accepted: (id) => worker.postMessage({ type: 'accepted', id }),
    recorded: (id) => worker.postMessage({ type: 'recorded', id }),
    unrecorded: () => found,
    fetch: threadFetch,
    acceptance: (id, send) => tag.run(id, send),
    close() {
      ended ??= new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage({ type: 'close' });
      });
      return ended;
    },
  };
}
