/**
 * The staff desk on Slack (Bolt). Events arrive over HTTP — `requestListener`, mounted by main.ts on the
 * shared server so Slack calls POST /slack/events on PORT — or over Socket Mode when `appToken` is set (no
 * public URL needed). Outgoing posts do not happen here: the outbox calls `desk` (the StaffDesk port).
 *
 * Listeners finish before Slack gets its answer (`processBeforeResponse`): they only write to the database,
 * so they are fast, and a failed write answers 500 and Slack sends the event again — a staff reply is never
 * acknowledged and then lost.
 *
 * Setting up the Slack app: create it from `app-manifest.json` (beside this file) after replacing
 * https://niangjia.example.org with the service's public URL — or set `socket_mode_enabled` and give an
 * app-level token (connections:write) as SLACK_APP_TOKEN — then invite the bot to SLACK_CASES_CHANNEL.
 *
 * @example
 *   const slack = createSlackDesk({ token, signingSecret, casesChannel: 'C0CASES', staffUserIds: ['U1'], adminUserIds: [], cases, translate, log });
 *   http.mount('/slack', slack.requestListener!);
 *   outbox.register(STAFF_DESK_CHANNEL, createStaffDeskDeliverer({ db, desk: slack.desk, log }), staffDeskHooks(log));
 *   await slack.start();
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type Logger as BoltLogger, HTTPReceiver, LogLevel, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Lang } from '../../assistant/types.js';
import { deskTexts } from '../../cases/case-text.js';
import type { ApplicationDecisions, CaseService, StaffDesk } from '../../cases/types.js';
import type { Translate } from '../../i18n/translator.js';
import type { ReportDesk } from '../../insights/report-deliverer.js';
import { type Logger, silentLogger } from '../../log.js';
import type { KnowledgeAdmin, ReportRequests } from './niangjia-command.js';
import { registerListeners } from './slack-listeners.js';
import { createSlackReportDesk } from './slack-report-desk.js';
import { createSlackStaffDesk } from './slack-staff-desk.js';
import { createStaffDirectory } from './staff-directory.js';

export type { KnowledgeAdmin, ReportRequests };

export interface SlackDeskOptions {
  token: string;
  /** HTTP mode: requests must be signed with it (Bolt rejects bad signatures and timestamps > 5 min old). */
  signingSecret?: string;
  /** Socket Mode (xapp-…): preferred when set. */
  appToken?: string;
  casesChannel: string;
  staffUserIds?: readonly string[];
  staffUsergroup?: string;
  adminUserIds?: readonly string[];
  /** Mentioned in SLA reminders. */
  ondutyUsergroup?: string;
  /** Web API root (SLACK_API_URL): tests and proxies. */
  apiUrl?: string;
  cases: CaseService;
  /** Approve / decline / ask for more on guided applications. */
  applications?: ApplicationDecisions;
  /** Channels of unions that receive routed applications (APPLICATION_ROUTES): the bot must be invited to them. */
  routedChannels?: readonly string[];
  admin?: KnowledgeAdmin;
  /** `/niangjia report [days]` asks for a listening report through it. */
  reports?: ReportRequests;
  translate: Translate;
  /** The union's time zone (UNION_TIME_ZONE) for dates in texts. */
  timeZone?: string;
  /** Language of the desk's labels. */
  lang?: Lang;
  command?: string;
  log?: Logger;
  clock?: () => Date;
}

export interface SlackDesk {
  /** The StaffDesk port, for the outbox deliverer of channel `staffdesk`. */
  desk: StaffDesk;
  /** Posts listening reports to the cases channel, for the outbox deliverer of channel `report`. */
  reports: ReportDesk;
  /** HTTP mode only: the listener for POST /slack/events (other paths answer 404). */
  requestListener?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Socket Mode: connects. HTTP mode: checks the token once (a wrong one is logged, not fatal). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export class SlackSetupError extends Error {
  override name = 'SlackSetupError';
}

/**
 * Bolt's logger interface over ours (redacting, structured). Bolt's and the WebClient's debug lines carry
 * whole request bodies — a worker's words on their way to a card — so they are dropped, whatever the level.
 */
function boltLogger(log: Logger): BoltLogger {
  const line = (msg: unknown[]) => ({
    msg: msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' '),
  });
  return {
    debug: () => {},
    info: (...msg) => log.info('slack.bolt', line(msg)),
    warn: (...msg) => log.warn('slack.bolt', line(msg)),
    error: (...msg) => log.error('slack.bolt', line(msg)),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

export function createSlackDesk({
  token,
  signingSecret,
  appToken,
  casesChannel,
  staffUserIds = [],
  staffUsergroup,
  adminUserIds = [],
  ondutyUsergroup,
  apiUrl,
  cases,
  applications,
  routedChannels,
  admin,
  reports,
  translate,
  timeZone,
  lang = 'zh',
  command = '/niangjia',
  log = silentLogger,
  clock = () => new Date(),
}: SlackDeskOptions): SlackDesk {
  if (!appToken && !signingSecret)
    throw new SlackSetupError('Slack desk: set SLACK_SIGNING_SECRET (HTTP events at /slack/events) or SLACK_APP_TOKEN (Socket Mode)');
  const logger = boltLogger(log.child({ component: 'slack' }));
  // The outbox owns retry: no WebClient retries, and a 429 comes back to us instead of being waited out.
  const clientOptions: webApi.WebClientOptions = {
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logger,
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
  };
  const client = new webApi.WebClient(token, clientOptions);
  const texts = deskTexts(translate, lang, timeZone);

  // Who the bot is (so Bolt ignores its own posts) is learnt once with auth.test. Events never wait for it:
  // when Slack's Web API is down, staff replies still arrive and are stored (our own relays carry bot_id
  // and are skipped anyway).
  let identity: { botId?: string; botUserId?: string } | undefined;
  let asking: Promise<void> | undefined;
  const learnIdentity = () =>
    (asking ??= client.auth
      .test()
      .then((r) => {
        identity = { botId: r.bot_id, botUserId: r.user_id };
      })
      .catch((error) => log.warn('slack.auth_test_failed', { error }))
      .finally(() => {
        asking = undefined;
      }));
  const authorize = async () => {
    if (!identity) void learnIdentity();
    return { botToken: token, ...identity };
  };

  const receiver = appToken
    ? new SocketModeReceiver({ appToken, logger, installerOptions: { clientOptions } })
    : new HTTPReceiver({ signingSecret: signingSecret!, endpoints: '/slack/events', processBeforeResponse: true, logger });
  const app = new App({ authorize, receiver, clientOptions, logger });
  app.error(async (error) => {
    log.error('slack.listener_failed', { error });
    throw error; // → HTTP 500: Slack sends the event again
  });

  const directory = createStaffDirectory({ client, staffUserIds, staffUsergroup, adminUserIds, clock, log });
  registerListeners(app, {
    client,
    cases,
    directory,
    casesChannel,
    texts,
    admin,
    reports,
    clock,
    log,
    command,
    applications,
    routedChannels,
  });

  const requestListener =
    receiver instanceof HTTPReceiver
      ? (req: IncomingMessage, res: ServerResponse) => {
          try {
            receiver.requestListener(req, res);
          } catch {
            // Bolt throws for paths it does not serve.
            res.writeHead(404).end();
          }
        }
      : undefined;

  return {
    desk: createSlackStaffDesk({ client, casesChannel, texts, ondutyUsergroup }),
    reports: createSlackReportDesk({ client, casesChannel, translate, lang }),
    requestListener,
    async start() {
      if (appToken) {
        await app.start();
        return;
      }
      await learnIdentity();
    },
    async stop() {
      if (appToken) await app.stop();
    },
  };
}
