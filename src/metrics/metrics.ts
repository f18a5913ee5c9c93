/**
 * The service's Prometheus metrics (prom-client), served at `GET /metrics` by the HTTP server. Each app has
 * its own registry (tests start several apps in one process); modules record through the small typed
 * helpers below and never see prom-client. Gauges that read the store are collected on scrape
 * (store-gauges.ts).
 *
 * @example
 *   const metrics = createMetrics({ process: true });
 *   metrics.countMessage('telegram', 'in');
 *   metrics.observeDecision('escalate', 'legal_aid', 12.5);
 *   const text = await metrics.registry.metrics(); // the Prometheus text format
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export type Direction = 'in' | 'out';
export type DecisionKind = 'answer' | 'escalate' | 'decline';
export type DeliveryFailure = 'retry' | 'dead';

export interface Metrics {
  readonly registry: Registry;
  /** A worker's message reached the service (`in`), or the outbox delivered one on `channel` (`out`). */
  countMessage(channel: string, direction: Direction): void;
  /** One decision of the assistant: its kind, the triage category (`none` when there is none), how long it took. */
  observeDecision(kind: DecisionKind, category: string, ms: number): void;
  /** One retrieval (hybrid search, or a repeated question the retrieval cache answered) and how long it took. */
  observeRetrieval(ms: number, cached?: boolean): void;
  /** An outbox delivery failed: tried again later, or given up (a dead letter). */
  countDeliveryFailure(channel: string, outcome: DeliveryFailure): void;
  /** Cases that waited past their SLA and were reminded about. */
  countSlaBreaches(n: number): void;
  /** One HTTP request: `route` is the mount or fixed path it went to (never the full URL). */
  countHttpRequest(route: string, status: number): void;
}

const secondsBuckets = {
  // Retrieval is milliseconds; a decision with an LLM may take up to LLM_TIMEOUT_MS (12 s by default).
  retrieval: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  decision: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
};

export interface MetricsOptions {
  /** Also collect Node's process metrics (CPU, memory, event-loop lag, GC): the service does, tests need not. */
  process?: boolean;
}

export function createMetrics({ process = false }: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (process) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const messages = new Counter({
    name: 'niangjia_messages_total',
    help: 'Worker messages in and outbox deliveries out, by channel',
    labelNames: ['channel', 'direction'] as const,
    registers,
  });
  const decisions = new Counter({
    name: 'niangjia_decisions_total',
    help: 'Assistant decisions by kind (answer, escalate, decline) and triage category',
    labelNames: ['kind', 'category'] as const,
    registers,
  });
  const decisionSeconds = new Histogram({
    name: 'niangjia_decision_duration_seconds',
    help: "Time from a worker message to the assistant's decision",
    labelNames: ['kind'] as const,
    buckets: secondsBuckets.decision,
    registers,
  });
  const retrievalSeconds = new Histogram({
    name: 'niangjia_retrieval_duration_seconds',
    help: 'Time of one lookup in the knowledge index; cached: a repeated question answered by the retrieval cache',
    labelNames: ['cached'] as const,
    buckets: secondsBuckets.retrieval,
    registers,
  });
  const deliveryFailures = new Counter({
    name: 'niangjia_outbox_failures_total',
    help: 'Outbox deliveries that failed, by channel and outcome (retry, dead)',
    labelNames: ['channel', 'outcome'] as const,
    registers,
  });
  const slaBreaches = new Counter({
    name: 'niangjia_sla_breaches_total',
    help: 'Cases left unclaimed past their SLA (each reminded once)',
    registers,
  });
  const httpRequests = new Counter({
    name: 'niangjia_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['route', 'status'] as const,
    registers,
  });

  return {
    registry,
    countMessage: (channel, direction) => messages.inc({ channel, direction }),
    observeDecision(kind, category, ms) {
      decisions.inc({ kind, category });
      decisionSeconds.observe({ kind }, ms / 1000);
    },
    observeRetrieval: (ms, cached = false) => retrievalSeconds.observe({ cached: String(cached) }, ms / 1000),
    countDeliveryFailure: (channel, outcome) => deliveryFailures.inc({ channel, outcome }),
    countSlaBreaches: (n) => slaBreaches.inc(n),
    countHttpRequest: (route, status) => httpRequests.inc({ route, status: String(status) }),
  };
}

/** Metrics nobody scrapes: the default for modules built without the app's (tests, CLIs). */
export const unreadMetrics: Metrics = createMetrics();
