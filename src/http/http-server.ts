/**
 * An HTTP server: the public one on `PORT` (the Telegram webhook, Slack events, health and metrics) and the
 * admin one on `ADMIN_HOST:ADMIN_PORT` (loopback by default) are both made with it. Channels mount Node
 * request listeners under a path prefix; nothing here knows about Telegram or Slack.
 *   GET /healthz         every check, with details (200, or 503 when one fails)
 *   GET /healthz/live    the process runs and answers (always 200): restart it when this fails
 *   GET /healthz/ready   the checks registered with `ready: true` (database, index, outbox): route work here
 *   GET /metrics         Prometheus text format (prom-client)
 *
 * @example
 *   const http = createHttpServer({ log, metrics });
 *   http.mount('/telegram', webhookListener);
 *   http.health('database', async () => ({ ok: true }), { ready: true });
 *   await http.listen(config.PORT);
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Logger, silentLogger } from '../log.js';
import { type Metrics, unreadMetrics } from '../metrics/metrics.js';

export type Listener = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
export type HealthCheck = () => Promise<{ ok: boolean; [detail: string]: unknown }>;

export interface HealthOptions {
  /** Part of /healthz/ready: the service cannot do its work while this fails (default false: /healthz only). */
  ready?: boolean;
}

export interface HttpServer {
  mount(prefix: string, listener: Listener): void;
  health(name: string, check: HealthCheck, options?: HealthOptions): void;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
  readonly server: Server;
}

export interface HttpServerOptions {
  log?: Logger;
  metrics?: Metrics;
  /** A health check that has not answered in this time fails (a database that hangs must not hang the probe). */
  checkTimeoutMs?: number;
}

export function createHttpServer({
  log = silentLogger,
  metrics = unreadMetrics,
  checkTimeoutMs = 5_000,
}: HttpServerOptions = {}): HttpServer {
  const mounts: Array<[string, Listener]> = [];
  const checks = new Map<string, { check: HealthCheck; ready: boolean }>();

  const inTime = <T>(work: Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${checkTimeoutMs} ms`)), checkTimeoutMs);
    });
    return Promise.race([work, late]).finally(() => clearTimeout(timer));
  };

  async function healthz(res: ServerResponse, readyOnly: boolean) {
    const chosen = [...checks].filter(([, c]) => !readyOnly || c.ready);
    const results = await Promise.all(
      chosen.map(async ([name, { check }]) => {
        try {
          return [name, await inTime(check())] as const;
        } catch (error) {
          // /healthz is public (load balancers, Telegram's side of the network): a database error names hosts,
          // users and schemas. The log keeps it, redacted; the answer only says which check failed.
          log.warn('health.check_failed', { check: name, error });
          return [name, { ok: false, error: 'check failed (see the service log)' }] as const;
        }
      }),
    );
    const ok = results.every(([, r]) => r.ok);
    send(res, ok ? 200 : 503, { ok, ...Object.fromEntries(results) });
  }

  async function scrape(res: ServerResponse) {
    const body = await metrics.registry.metrics();
    res.writeHead(200, { 'content-type': metrics.registry.contentType });
    res.end(body);
  }

  /** Fixed routes of the server itself; everything else goes to the mount with the longest matching prefix. */
  const own: Record<string, (res: ServerResponse) => void | Promise<void>> = {
    '/healthz': (res) => healthz(res, false),
    '/healthz/live': (res) => send(res, 200, { ok: true }),
    '/healthz/ready': (res) => healthz(res, true),
    '/metrics': scrape,
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const fixed = req.method === 'GET' ? own[path] : undefined;
    const found = fixed
      ? undefined
      : mounts.find(([prefix]) => path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`));
    const route = fixed ? path : (found?.[0] ?? 'other');
    res.once('finish', () => metrics.countHttpRequest(route, res.statusCode));
    if (!fixed && !found) return send(res, 404, { ok: false, error: 'not found' });
    Promise.resolve(fixed ? fixed(res) : found![1](req, res)).catch((error) => {
      log.error('http.handler_failed', { path, error });
      if (!res.headersSent) send(res, 500, { ok: false, error: 'internal error' });
      else res.end();
    });
  });
  server.keepAliveTimeout = 65_000;

  return {
    server,
    mount(prefix, listener) {
      mounts.push([prefix, listener]);
      mounts.sort((a, b) => b[0].length - a[0].length); // longest prefix wins
    },
    health(name, check, { ready = false } = {}) {
      checks.set(name, { check, ready });
    },
    listen(port, host = '0.0.0.0') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}

export function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** Reads a request body up to `limit` bytes. */
export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error('request body too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
