/**
 * The service's one HTTP server (`PORT`): the Telegram webhook, Slack events, the admin endpoint and
 * `GET /healthz` share it. Channels mount Node request listeners under a path prefix; nothing here knows
 * about Telegram or Slack.
 *
 * @example
 *   const http = createHttpServer({ log });
 *   http.mount('/telegram', webhookListener);
 *   http.health('database', async () => ({ ok: true }));
 *   await http.listen(config.PORT);
 */
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger, type Logger } from '../log.js';

export type Listener = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
export type HealthCheck = () => Promise<{ ok: boolean; [detail: string]: unknown }>;

export interface HttpServer {
  mount(prefix: string, listener: Listener): void;
  health(name: string, check: HealthCheck): void;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
  readonly server: Server;
}

export function createHttpServer({ log = silentLogger }: { log?: Logger } = {}): HttpServer {
  const mounts: Array<[string, Listener]> = [];
  const checks = new Map<string, HealthCheck>();

  async function healthz(res: ServerResponse) {
    const results: Record<string, unknown> = {};
    let ok = true;
    for (const [name, check] of checks) {
      try {
        results[name] = await check();
        ok &&= (results[name] as { ok: boolean }).ok;
      } catch (error) {
        results[name] = { ok: false, error: (error as Error).message };
        ok = false;
      }
    }
    send(res, ok ? 200 : 503, { ok, ...results });
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method === 'GET' && path === '/healthz') return void healthz(res);
    const found = mounts.find(([prefix]) => path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : prefix + '/'));
    if (!found) return send(res, 404, { ok: false, error: 'not found' });
    Promise.resolve(found[1](req, res)).catch((error) => {
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
    health(name, check) {
      checks.set(name, check);
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
