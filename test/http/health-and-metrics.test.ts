/**
 * /healthz, /healthz/live, /healthz/ready and /metrics on the real HTTP server, with the outbox check and the
 * store's gauges over a real store (both kinds), as src/app.ts wires them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../src/http/http-server.js';
import { registerStoreGauges } from '../../src/http/store-gauges.js';
import { createMetrics, type Metrics } from '../../src/metrics/metrics.js';
import { DeliveryError } from '../../src/outbox/delivery-error.js';
import { createOutbox, type Outbox } from '../../src/outbox/outbox.js';
import { outboxHealthCheck } from '../../src/outbox/outbox-health.js';
import { requeueDeadLetters } from '../../src/store/outbox-store.js';
import { anEscalation, aWorker, caseRig } from '../cases/case-fixtures.js';
import { storeKinds, useStore } from '../support/stores.js';

describe('health endpoints', () => {
  let http: HttpServer;
  let base: string;
  let ready = true;

  beforeAll(async () => {
    http = createHttpServer({ checkTimeoutMs: 200 });
    http.health('database', async () => ({ ok: ready }), { ready: true });
    http.health('telegram', async () => ({ ok: false, mode: 'webhook' }));
    base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
  });
  afterAll(() => http?.close());

  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('live always answers; ready runs only the ready checks; /healthz runs them all', async () => {
    expect(await get('/healthz/live')).toEqual({ status: 200, body: { ok: true } });
    expect(await get('/healthz/ready')).toEqual({ status: 200, body: { ok: true, database: { ok: true } } });
    expect(await get('/healthz')).toMatchObject({ status: 503, body: { ok: false, database: { ok: true }, telegram: { ok: false } } });
    ready = false;
    expect(await get('/healthz/ready')).toMatchObject({ status: 503, body: { ok: false, database: { ok: false } } });
    expect((await get('/healthz/live')).status).toBe(200);
    ready = true;
  });

  it('fails a check that does not answer in time instead of hanging the probe', async () => {
    http.health('index', () => new Promise(() => {}), { ready: true });
    const started = performance.now();
    expect(await get('/healthz/ready')).toMatchObject({
      status: 503,
      body: { index: { ok: false, error: 'check failed (see the service log)' } },
    });
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe.each(storeKinds)('outbox health and /metrics on %s', (kind) => {
  const store = useStore(kind);
  let http: HttpServer;
  let base: string;
  let metrics: Metrics;
  let outbox: Outbox;
  let later = 0; // ms the health check's clock is ahead of now
  const limits = { deadLettersMax: 1, backlogMaxSeconds: 600 };

  beforeAll(async () => {
    metrics = createMetrics();
    outbox = createOutbox({ db: store.db, metrics });
    outbox.register('ok', async () => ({ sent: true }));
    outbox.register('refused', async () => {
      throw new DeliveryError('chat not found', { retryable: false });
    });
    http = createHttpServer({ metrics });
    const clock = () => new Date(Date.now() + later);
    http.health('outbox', outboxHealthCheck({ db: store.db, clock, ...limits }), { ready: true });
    registerStoreGauges(metrics, { db: store.db, clock });
    base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
  });
  afterAll(() => http?.close());

  const health = async (path = '/healthz') => {
    const res = await fetch(`${base}${path}`);
    return { status: res.status, outbox: ((await res.json()) as { outbox: Record<string, unknown> }).outbox };
  };
  const scrape = async () => (await fetch(`${base}/metrics`)).text();
  const enqueue = (channel: string, text: string) =>
    outbox.enqueue({ channel, stream: `${channel}:${text}`, kind: 'message', payload: { text } });

  it('reports the outbox unhealthy once dead letters pass OUTBOX_DEAD_LETTERS_MAX, and well again after a retry', async () => {
    await enqueue('ok', 'a');
    await enqueue('refused', 'b');
    await outbox.drain();
    expect(await health()).toMatchObject({ status: 200, outbox: { ok: true, dead: 1, recentDead: 1 } });

    await enqueue('refused', 'c');
    await outbox.drain();
    for (const path of ['/healthz', '/healthz/ready']) {
      const { status, outbox: o } = await health(path);
      expect(status).toBe(503);
      expect(o).toMatchObject({ ok: false, dead: 2, recentDead: 2 });
      expect(String(o['problems'])).toMatch(
        /2 dead letters in the last hour, more than OUTBOX_DEAD_LETTERS_MAX=1: .*npm run outbox -- --list/,
      );
    }
    // Dead letters of more than an hour ago no longer count (they stay listed for admins).
    later = 61 * 60_000;
    expect(await health()).toMatchObject({ status: 200, outbox: { ok: true, dead: 2, recentDead: 0 } });
    later = 0;

    expect(await requeueDeadLetters(store.db, 'all', new Date())).toHaveLength(2);
    outbox.register('refused', async () => ({ sent: 'now' }));
    await outbox.drain();
    expect(await health()).toMatchObject({ status: 200, outbox: { ok: true, dead: 0, pending: 0 } });
  });

  it('reports a backlog older than OUTBOX_BACKLOG_MAX_SECONDS', async () => {
    await enqueue('nobody-delivers', 'd'); // no deliverer: stays pending
    expect(await health('/healthz/ready')).toMatchObject({ status: 200, outbox: { ok: true, pending: 1 } });
    later = 601_000;
    const { status, outbox: o } = await health('/healthz/ready');
    later = 0;
    expect(status).toBe(503);
    expect(o['backlogSeconds']).toBeGreaterThanOrEqual(600);
    expect(String(o['problems'])).toMatch(/more than OUTBOX_BACKLOG_MAX_SECONDS=600/);
  });

  it('serves Prometheus metrics: messages, failures, decisions, latencies, and the store read on scrape', async () => {
    const { cases } = caseRig(store.db);
    await cases.openCase(anEscalation((await aWorker(store.db)).id));
    metrics.countMessage('telegram', 'in');
    metrics.observeDecision('escalate', 'legal_aid', 40);
    metrics.countSlaBreaches(2);
    metrics.observeRetrieval(12, false); // what the retriever's onSearch hook reports (app.ts)
    metrics.observeRetrieval(0.1, true);

    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('niangjia_messages_total{channel="ok",direction="out"} 1');
    expect(text).toContain('niangjia_messages_total{channel="refused",direction="out"} 2');
    expect(text).toContain('niangjia_messages_total{channel="telegram",direction="in"} 1');
    expect(text).toContain('niangjia_outbox_failures_total{channel="refused",outcome="dead"} 2');
    expect(text).toContain('niangjia_decisions_total{kind="escalate",category="legal_aid"} 1');
    expect(text).toContain('niangjia_decision_duration_seconds_bucket{le="0.05",kind="escalate"} 1');
    expect(text).toContain('niangjia_retrieval_duration_seconds_count{cached="false"} 1');
    expect(text).toContain('niangjia_retrieval_duration_seconds_count{cached="true"} 1');
    expect(text).toContain('niangjia_sla_breaches_total 2');
    expect(text).toContain('niangjia_outbox_items{status="pending"} 3'); // the stuck one, the new case's card and notice
    expect(text).toContain('niangjia_outbox_items{status="dead"} 0');
    expect(text).toMatch(/niangjia_outbox_oldest_undelivered_seconds \d/);
    expect(text).toContain('niangjia_cases{status="open"} 1');
    expect(text).toMatch(/niangjia_http_requests_total\{route="\/healthz\/ready",status="503"\} \d/);
    expect(await scrape()).toContain('niangjia_http_requests_total{route="/metrics",status="200"} 1');
  });

  it('still serves the rest of /metrics when the store does not answer', async () => {
    const broken = createMetrics();
    broken.countMessage('telegram', 'in');
    registerStoreGauges(broken, {
      db: {
        ...store.db,
        query: async () => {
          throw new Error('database gone');
        },
      },
    });
    const text = await broken.registry.metrics();
    expect(text).toContain('niangjia_messages_total{channel="telegram",direction="in"} 1');
    expect(text).not.toMatch(/niangjia_outbox_items\{/);
  });
});
