import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../src/http/http-server.js';
import { createLogger } from '../../src/log.js';

describe('GET /healthz', () => {
  let http: HttpServer;
  let base: string;
  const lines: string[] = [];
  beforeAll(async () => {
    http = createHttpServer({ log: createLogger({ write: (l) => lines.push(l), secrets: ['s3cret-pass'] }) });
    http.health('database', async () => {
      throw new Error(
        'connection to server at "10.0.0.5", port 5432 failed: password "s3cret-pass" authentication failed for user "niangjia"',
      );
    });
    http.health('outbox', async () => ({ ok: true, pending: 0 }));
    base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
  });
  afterAll(async () => {
    await http.close();
  });

  it('says which check failed but not its raw error; the log has it, redacted', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({
      ok: false,
      database: { ok: false, error: 'check failed (see the service log)' },
      outbox: { ok: true, pending: 0 },
    });
    expect(body).not.toMatch(/10\.0\.0\.5|password|niangjia/);
    const logged = lines.join('\n');
    expect(logged).toContain('health.check_failed');
    expect(logged).toContain('10.0.0.5');
    expect(logged).not.toContain('s3cret-pass');
  });
});
