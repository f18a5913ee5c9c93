/**
 * The local admin endpoint, mounted by the lead on the shared HTTP server at /admin:
 *   POST /admin/reindex[?dryRun=1&full=1]  streams NDJSON: {"event":…} lines, then {"summary":…,"text":"…"}
 *                                          (or {"error":"…"}); 409 when a re-index is already running
 *   GET  /admin/sources                    {"text":"…"}
 *   POST /admin/rollback                   {"text":"…"}; 409 when there is nothing to roll back to
 *   GET  /admin/outbox                     {"text":"…"}: the dead letters, without workers' personal data
 *   POST /admin/outbox/retry?id=N | ?all=1 {"text":"…"}: puts one dead letter, or all, back in the outbox
 *   GET  /admin/report?days=N              {"report":{…}}: the listening report of the last N days (npm run report)
 * Every request needs `Authorization: Bearer <ADMIN_TOKEN or DATA_DIR/admin.token>`.
 *
 * @example
 *   http.mount('/admin', adminListener({ admin, token: await ensureAdminToken({ configured, dataDir }) }));
 */
import type { ServerResponse } from 'node:http';
import { type Listener, send } from '../http/http-server.js';
import { type Logger, silentLogger } from '../log.js';
import { type Admin, RollbackError } from './admin-port.js';
import { bearerMatches } from './admin-token.js';
import { ReindexBusyError } from './reindex-lock.js';
import { formatSummary } from './reindex-report.js';

export interface AdminListenerOptions {
  admin: Admin;
  token: string;
  log?: Logger;
}

export function adminListener({ admin, token, log = silentLogger }: AdminListenerOptions): Listener {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
    if (!bearerMatches(req.headers.authorization, token)) {
      log.warn('admin.unauthorized', { route });
      return send(res, 401, { ok: false, error: 'missing or wrong bearer token (ADMIN_TOKEN or DATA_DIR/admin.token)' });
    }
    try {
      if (route === 'POST /admin/reindex') return await streamReindex(admin, url, res, log);
      if (route === 'GET /admin/sources') return send(res, 200, { ok: true, text: await admin.sources() });
      if (route === 'POST /admin/rollback') return send(res, 200, { ok: true, text: await admin.rollback() });
      if (route === 'GET /admin/outbox') return send(res, 200, { ok: true, text: await admin.deadLetters() });
      if (route === 'GET /admin/report') {
        const days = Number(url.searchParams.get('days') ?? 7);
        if (!Number.isSafeInteger(days) || days < 1 || days > 366)
          return send(res, 400, { ok: false, error: 'days: a whole number from 1 to 366' });
        return send(res, 200, { ok: true, report: await admin.listeningReport(days) });
      }
      if (route === 'POST /admin/outbox/retry') {
        const which = retryTarget(url);
        if (which === undefined)
          return send(res, 400, { ok: false, error: 'say which: POST /admin/outbox/retry?id=<outbox id> or ?all=1' });
        return send(res, 200, { ok: true, text: await admin.retryDeadLetters(which) });
      }
      return send(res, 404, {
        ok: false,
        error:
          'not found: use POST /admin/reindex, GET /admin/sources, POST /admin/rollback, GET /admin/outbox, POST /admin/outbox/retry, GET /admin/report?days=N',
      });
    } catch (error) {
      if (error instanceof ReindexBusyError || error instanceof RollbackError) {
        return send(res, 409, { ok: false, error: error.message });
      }
      // Index errors say what to fix (paths and reasons, never secrets): the admin should read them.
      log.error('admin.failed', { route, error });
      if (!res.headersSent) return send(res, 500, { ok: false, error: (error as Error).message });
      throw error;
    }
  };
}

function retryTarget(url: URL): number | 'all' | undefined {
  if (url.searchParams.get('all') === '1') return 'all';
  const id = Number(url.searchParams.get('id'));
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

async function streamReindex(admin: Admin, url: URL, res: ServerResponse, log: Logger): Promise<void> {
  const flag = (name: string) => ['1', 'true', 'yes'].includes(url.searchParams.get(name) ?? '');
  // Headers go out with the first event, so a run refused at once (busy) can still answer 409.
  const open = () => {
    if (res.headersSent) return;
    res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
  };
  const line = (value: unknown) => {
    open();
    res.write(`${JSON.stringify(value)}\n`);
  };
  try {
    const summary = await admin.run((event) => line({ event }), { dryRun: flag('dryRun'), full: flag('full') });
    line({ summary, text: formatSummary(summary) });
  } catch (error) {
    if (!res.headersSent) throw error;
    log.error('admin.reindex_failed', { error });
    line({ error: (error as Error).message });
  }
  res.end();
}
