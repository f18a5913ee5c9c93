/**
 * The composition root: config → store → embedder/llm → retrieval → assistant → cases → channels.
 * Every default is chosen here, once; every module below takes its I/O seams as options. Tests and
 * benchmarks start the same app with their own settings (fake servers, temp data directories).
 *
 * @example
 *   const app = await startApp({ config: loadConfig({ DATA_DIR: '/tmp/nj' }), log });
 *   await app.consoleDone; // console mode: resolves at the end of input
 *   await app.stop();
 */
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { createAdmin } from './admin/admin.js';
import { adminListener } from './admin/admin-listener.js';
import type { Admin } from './admin/admin-port.js';
import { ensureAdminToken } from './admin/admin-token.js';
import type { Assistant } from './assistant/index.js';
import { openAssistant } from './assistant/open-assistant.js';
import { createCaseService } from './cases/case-service.js';
import { startSlaClock } from './cases/sla-clock.js';
import { createStaffDeskDeliverer, STAFF_DESK_CHANNEL, staffDeskHooks } from './cases/staff-desk.js';
import type { CaseService } from './cases/types.js';
import { runConsoleChat } from './channels/console/console-chat.js';
import { createConsoleDesk } from './channels/console/console-desk.js';
import type { SlackDesk } from './channels/slack/slack-desk.js';
import { createTelegramChannel, type TelegramChannel } from './channels/telegram/telegram-channel.js';
import type { Config } from './config.js';
import type { WorkerService } from './conversation/types.js';
import { createWorkerService } from './conversation/worker-service.js';
import { createHttpServer, type HttpServer } from './http/http-server.js';
import { registerStoreGauges } from './http/store-gauges.js';
import { loadTranslator } from './i18n/translator.js';
import { buildListeningReport, reportPeriod } from './insights/listening-report.js';
import { createReportDeliverer } from './insights/report-deliverer.js';
import { REPORT_CHANNEL, requestReport, startReportSchedule } from './insights/report-schedule.js';
import { type Logger, silentLogger } from './log.js';
import { createMetrics, type Metrics } from './metrics/metrics.js';
import { createOutbox, type Outbox } from './outbox/outbox.js';
import { outboxHealthCheck } from './outbox/outbox-health.js';
import { startReceiptThread } from './outbox/receipt-thread.js';
import type { BuildProgress, Retriever } from './retrieval/index.js';
import { openApplications } from './services/open-applications.js';
import { createConversationStore, forgetConversation, lastExchange } from './store/conversation-store.js';
import type { Db } from './store/db.js';
import { createErasureVacuum } from './store/erasure-vacuum.js';
import { startInboundRetention } from './store/inbound-retention.js';
import { createKnowledgeStore } from './store/knowledge-store.js';
import { openStore } from './store/open-store.js';

export interface StartAppOptions {
  config: Config;
  log?: Logger;
  /** Console channel I/O (used when Telegram is not configured). */
  input?: Readable;
  output?: Writable;
  /** Where first-start indexing progress goes. */
  progress?: Writable;
  clock?: () => Date;
  /** Run the console chat when Telegram is not configured (default true). */
  console?: boolean;
  /** Host the HTTP server binds; default all interfaces when a channel needs it, else loopback. */
  host?: string;
  /** Served at GET /metrics; default a registry of its own, with Node's process metrics. */
  metrics?: Metrics;
}

export interface App {
  db: Db;
  outbox: Outbox;
  retriever: Retriever;
  assistant: Assistant;
  cases: CaseService;
  workers: WorkerService;
  admin: Admin;
  http: HttpServer;
  metrics: Metrics;
  /** The port the HTTP server listens on (undefined when it could not bind in console mode). */
  port?: number;
  /** The port of the admin listener (ADMIN_HOST:ADMIN_PORT; undefined when it could not bind). */
  adminPort?: number;
  telegram?: TelegramChannel;
  slack?: SlackDesk;
  /** Console mode: resolves when the input has ended and every reply was printed. */
  consoleDone?: Promise<void>;
  stop(): Promise<void>;
}

export async function startApp({
  config,
  log = silentLogger,
  input = process.stdin,
  output = process.stdout,
  progress = process.stderr,
  clock = () => new Date(),
  console: consoleEnabled = true,
  host,
  metrics = createMetrics({ process: true }),
}: StartAppOptions): Promise<App> {
  const db = await openStore({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
  });
  const stops: Array<() => Promise<void>> = [() => db.close()];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch((error) => log.error('app.stop_failed', { error }));
  };
  try {
    const translate = loadTranslator();

    // Knowledge: index on first start (with the triage model), else check the index matches the embedder.
    const conversations = createConversationStore(db);
    const { embedder, retriever, triage, triageSource, assistant, rules, built, warm } = await openAssistant({
      db,
      config,
      log,
      onProgress: firstStartProgress(progress),
      conversations,
      clock,
      onSearch: (ms, cached) => metrics.observeRetrieval(ms, cached),
    });
    if (built) progress.write('Knowledge indexed.\n');
    // Warm the index's pages, the triage model and the compiled code before any channel starts, so that the first
    // workers do not wait behind a cold service (WARM_UP_MESSAGES=0: one message only).
    const warmed = await warm(config.WARM_UP_MESSAGES || 1);
    log.info('app.warmed', { messages: warmed.messages, ms: Math.round(warmed.ms) });

    // After /forget, the erased values are vacuumed out of the database files too.
    const vacuum = createErasureVacuum({ db, log });
    stops.push(() => vacuum.stop());
    const receipts = config.DATA_DIR.startsWith('memory://') ? undefined : startReceiptThread(join(config.DATA_DIR, 'outbox-receipts.log'));
    if (receipts) stops.push(() => receipts.close());
    const outbox = createOutbox({
      db,
      log,
      metrics,
      clock,
      receipts,
      leaseMs: config.OUTBOX_LEASE_SECONDS * 1000,
      onErased: vacuum.request,
    });
    stops.push(() => outbox.stop());
    const cases = createCaseService({
      db,
      outbox,
      translate,
      clock,
      log,
      reopenDays: config.CASE_REOPEN_DAYS,
      signature: config.STAFF_SIGNATURE,
      followUpDays: config.FOLLOW_UP_DAYS,
      sla: { urgentMinutes: config.SLA_URGENT_MINUTES, normalMinutes: config.SLA_NORMAL_MINUTES },
    });
    const { applications, decisions, routedChannels } = openApplications({ db, outbox, cases, translate, triage, config, clock, log });
    const workers = createWorkerService({
      db,
      outbox,
      assistant,
      triage,
      safetyReply: rules.texts.urgent,
      cases,
      translate,
      log,
      metrics,
      clock,
      unsureBelow: rules.settings.confidence.unsureBelow,
      forgetConversation: (id) => forgetConversation(db, id),
      applications,
      vacuum: vacuum.request,
      lastExchange: (id) => lastExchange(conversations, id, new Date(clock().getTime() - 24 * 60 * 60_000)),
    });
    const admin = createAdmin({
      db,
      embedder,
      knowledgeDir: config.KNOWLEDGE_DIR,
      versionsKept: config.INDEX_VERSIONS_KEPT,
      maxFileBytes: config.KNOWLEDGE_MAX_FILE_MB * 2 ** 20,
      log,
      extras: triageSource,
      outbox,
      clock,
      timeZone: config.UNION_TIME_ZONE,
    });

    const http = createHttpServer({ log, metrics });
    http.health('database', async () => (await db.query('select 1 as ok'), { ok: true, kind: db.kind }), { ready: true });
    http.health(
      'index',
      async () => {
        const live = await createKnowledgeStore(db).liveVersion();
        // Unfilled {{PLACEHOLDERS}} do not make the service unhealthy (answers leave them out), but the admin must see them.
        const placeholders = (live?.stats['placeholders'] as Array<{ path: string; names: string[] }> | undefined) ?? [];
        return {
          ok: Boolean(live),
          version: live?.id,
          embedder: live?.embedder,
          unfilledPlaceholders: Object.fromEntries(placeholders.map((p) => [p.path, p.names])),
        };
      },
      { ready: true },
    );
    http.health(
      'outbox',
      outboxHealthCheck({
        db,
        clock,
        deadLettersMax: config.OUTBOX_DEAD_LETTERS_MAX,
        backlogMaxSeconds: config.OUTBOX_BACKLOG_MAX_SECONDS,
      }),
      { ready: true },
    );
    registerStoreGauges(metrics, { db, clock, log });
    // /admin never shares the public port: its own listener, on loopback unless ADMIN_HOST says otherwise.
    const adminHttp = createHttpServer({ log });
    adminHttp.mount(
      '/admin',
      adminListener({ admin, token: await ensureAdminToken({ configured: config.ADMIN_TOKEN, dataDir: config.DATA_DIR }), log }),
    );

    // Staff desk: Slack when configured, else the console.
    let slack: SlackDesk | undefined;
    let staffCommand: ((line: string) => Promise<string>) | undefined;
    if (config.SLACK_BOT_TOKEN) {
      // Loaded only when configured: Bolt and, behind it, the report's chart renderer weigh tens of MB.
      const { createSlackDesk } = await import('./channels/slack/slack-desk.js');
      slack = createSlackDesk({
        token: config.SLACK_BOT_TOKEN,
        signingSecret: config.SLACK_SIGNING_SECRET,
        appToken: config.SLACK_APP_TOKEN,
        casesChannel: config.SLACK_CASES_CHANNEL!,
        staffUserIds: config.SLACK_STAFF_USER_IDS,
        staffUsergroup: config.SLACK_STAFF_USERGROUP,
        adminUserIds: config.SLACK_ADMIN_USER_IDS,
        ondutyUsergroup: config.SLACK_ONDUTY_USERGROUP,
        apiUrl: config.SLACK_API_URL,
        cases,
        applications: decisions,
        routedChannels,
        admin,
        translate,
        log,
        clock,
        timeZone: config.UNION_TIME_ZONE,
        reports: {
          request: async (days, key) => void (await requestReport(outbox, { days, key, timeZone: config.UNION_TIME_ZONE, now: clock() })),
        },
      });
      if (slack.requestListener) http.mount('/slack', slack.requestListener);
      outbox.register(STAFF_DESK_CHANNEL, createStaffDeskDeliverer({ db, desk: slack.desk, clock, log }), staffDeskHooks(log));
      outbox.register(REPORT_CHANNEL, createReportDeliverer({ db, desk: slack.reports, log }));
      http.health('slack', async () => ({ ok: true, mode: config.SLACK_APP_TOKEN ? 'socket' : 'http' }));
    } else {
      const consoleDesk = createConsoleDesk({
        cases,
        applications: decisions,
        translate,
        write: (text) => output.write(text),
        clock,
        timeZone: config.UNION_TIME_ZONE,
        report: (days) => buildListeningReport(db, reportPeriod(clock(), days, config.UNION_TIME_ZONE, { untilNow: true })),
      });
      staffCommand = consoleDesk.command;
      outbox.register(STAFF_DESK_CHANNEL, createStaffDeskDeliverer({ db, desk: consoleDesk.desk, clock, log }), staffDeskHooks(log));
      outbox.register(REPORT_CHANNEL, createReportDeliverer({ db, desk: consoleDesk.reports, log }));
    }
    const reports = startReportSchedule({
      db,
      outbox,
      timeZone: config.UNION_TIME_ZONE,
      weekday: config.REPORT_WEEKDAY,
      hour: config.REPORT_HOUR,
      keepDays: config.UNANSWERED_KEEP_DAYS,
      clock,
      log,
    });
    stops.push(() => reports.stop());
    const sla = startSlaClock({
      check: async () => {
        const breaches = await cases.checkSla();
        metrics.countSlaBreaches(breaches);
        return breaches;
      },
      log,
    });
    stops.push(() => sla.stop());
    // Personal fields of closed applications go after APPLICATION_RETENTION_DAYS (checked hourly).
    const applicationRetention = startSlaClock({ check: () => applications.sweep(), everyMs: 3_600_000, log });
    stops.push(() => applicationRetention.stop());
    const retention = startInboundRetention({ db, days: config.INBOUND_RETENTION_DAYS, log, clock });
    stops.push(() => retention.stop());

    // Worker channel: Telegram when configured, else the console.
    let telegram: TelegramChannel | undefined;
    if (config.TELEGRAM_BOT_TOKEN) {
      const webhook = config.TELEGRAM_WEBHOOK_URL
        ? { url: config.TELEGRAM_WEBHOOK_URL, secret: config.TELEGRAM_WEBHOOK_SECRET! }
        : undefined;
      telegram = createTelegramChannel({
        token: config.TELEGRAM_BOT_TOKEN,
        workers,
        db,
        outbox,
        log,
        translate,
        clock,
        webhook,
        apiRoot: config.TELEGRAM_API_ROOT,
        floodLimitPerMinute: config.FLOOD_LIMIT_PER_MINUTE,
        timeZone: config.UNION_TIME_ZONE,
        wire: receipts,
      });
      if (telegram.webhookListener) http.mount(new URL(config.TELEGRAM_WEBHOOK_URL!).pathname, telegram.webhookListener);
      http.health('telegram', telegram.health);
    }

    const public_ = Boolean(telegram?.webhookListener || slack?.requestListener);
    const port = await http.listen(config.PORT, host ?? (public_ ? '0.0.0.0' : '127.0.0.1')).catch((error: NodeJS.ErrnoException) => {
      if (public_) throw error;
      // Console mode only needs HTTP for /healthz and the local re-index CLI: say so and go on.
      log.warn('http.not_listening', { port: config.PORT, code: error.code });
      return undefined;
    });
    if (port !== undefined) stops.push(() => http.close());
    const adminPort = await adminHttp.listen(config.ADMIN_PORT, config.ADMIN_HOST).catch((error: NodeJS.ErrnoException) => {
      // The service works without it; only the local re-index CLI and scripts need it.
      log.warn('admin.not_listening', { host: config.ADMIN_HOST, port: config.ADMIN_PORT, code: error.code });
      return undefined;
    });
    if (adminPort !== undefined) stops.push(() => adminHttp.close());

    outbox.start();
    if (slack) {
      await slack.start();
      stops.push(() => slack!.stop());
    }
    if (telegram) {
      await telegram.start();
      stops.push(() => telegram!.stop());
    }
    const consoleDone =
      !telegram && consoleEnabled ? runConsoleChat({ db, outbox, workers, translate, input, output, staffCommand, log }) : undefined;
    log.info('app.started', {
      store: db.kind,
      embedder: embedder.id,
      llm: config.llmEnabled,
      port,
      adminPort,
      worker_channel: telegram ? `telegram/${telegram.state().mode}` : 'console',
      staff_desk: slack ? 'slack' : 'console',
    });
    return { db, outbox, retriever, assistant, cases, workers, admin, http, metrics, port, adminPort, telegram, slack, consoleDone, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Progress lines for the first start's indexing (a fresh clone must show it is working, not hung). */
function firstStartProgress(out: Writable): (p: BuildProgress) => void {
  let last = '';
  return ({ phase, done, total }) => {
    const pct = total ? Math.floor((done / total) * 4) * 25 : 100;
    const line = `Indexing knowledge (first start): ${phase} ${pct}%`;
    if (line !== last) out.write(`${line}\n`);
    last = line;
  };
}
