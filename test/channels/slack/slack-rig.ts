/**
 * The real Bolt app on a local port (mounted on the service's shared HTTP server at /slack/events), its Web
 * API client pointed at the fake Slack, and the case service with its outbox on a real store. Requests are
 * signed here exactly as Slack signs them (v0 HMAC-SHA256 over `v0:<timestamp>:<body>`).
 */
import { createHmac } from 'node:crypto';
import { createStaffDeskDeliverer, STAFF_DESK_CHANNEL, staffDeskHooks } from '../../../src/cases/staff-desk.js';
import { createSlackDesk, type KnowledgeAdmin, type SlackDesk } from '../../../src/channels/slack/slack-desk.js';
import { createHttpServer, type HttpServer } from '../../../src/http/http-server.js';
import { type Logger, silentLogger } from '../../../src/log.js';
import type { RetryPolicy } from '../../../src/outbox/delivery-error.js';
import type { Db } from '../../../src/store/db.js';
import { type CaseRig, caseRig, translate } from '../../cases/case-fixtures.js';
import { FAKE_SLACK_TOKEN, type FakeSlack, startFakeSlack } from '../../fakes/fake-slack.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const CASES_CHANNEL = 'C_CASES';
export const STAFF = { id: 'U_STAFF_A', name: '李娟' };
export const GROUP_STAFF = { id: 'U_STAFF_B', name: '王强' };
export const OUTSIDER = { id: 'U_OUTSIDER', name: '路人甲' };
export const ADMIN = { id: 'U_ADMIN', name: '管理员' };

export function startTestSlack(): Promise<FakeSlack> {
  return startFakeSlack({
    users: { [STAFF.id]: STAFF.name, [GROUP_STAFF.id]: GROUP_STAFF.name, [OUTSIDER.id]: OUTSIDER.name, [ADMIN.id]: ADMIN.name },
    usergroups: { S_STAFF: [GROUP_STAFF.id] },
    channels: [CASES_CHANNEL, 'C_ADMIN'],
  });
}

export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SlackRig extends CaseRig {
  slack: FakeSlack;
  desk: SlackDesk;
  http: HttpServer;
  url: string;
  /** POSTs a signed body to /slack/events; returns status and body text. */
  post(
    body: string,
    contentType: string,
    opts?: { timestamp?: number; secret?: string; retryNum?: number },
  ): Promise<{ status: number; text: string }>;
  event(event: Record<string, unknown>, opts?: { eventId?: string; retryNum?: number }): Promise<{ status: number; text: string }>;
  click(user: string, actionId: string, value: string, opts?: { messageTs?: string }): Promise<{ status: number; text: string }>;
  /** The "Send to worker" message shortcut, used by `user` on a message of the cases channel. */
  shortcut(
    user: string,
    message: { ts: string; thread_ts?: string; text: string; user?: string; bot_id?: string },
  ): Promise<{ status: number; text: string }>;
  command(user: string, text: string): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

export async function startSlackRig(
  db: Db,
  {
    clock,
    retry,
    admin,
    log = silentLogger,
    pollMs,
    slack: given,
  }: { clock?: () => Date; retry?: RetryPolicy; admin?: KnowledgeAdmin; log?: Logger; pollMs?: number; slack?: FakeSlack } = {},
): Promise<SlackRig> {
  const slack = given ?? (await startTestSlack());
  const rig = caseRig(db, { clock, retry, pollMs });
  const desk = createSlackDesk({
    token: FAKE_SLACK_TOKEN,
    signingSecret: SIGNING_SECRET,
    casesChannel: CASES_CHANNEL,
    staffUserIds: [STAFF.id],
    staffUsergroup: 'S_STAFF',
    adminUserIds: [ADMIN.id],
    ondutyUsergroup: 'S_ONDUTY',
    apiUrl: slack.apiUrl,
    cases: rig.cases,
    admin,
    translate,
    log,
    clock,
  });
  rig.outbox.register(STAFF_DESK_CHANNEL, createStaffDeskDeliverer({ db, desk: desk.desk, clock, log }), staffDeskHooks(log));
  const http = createHttpServer({ log });
  http.mount('/slack', desk.requestListener!);
  const port = await http.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/slack/events`;
  rig.outbox.start();
  let n = 0;

  const post: SlackRig['post'] = async (body, contentType, { timestamp = Math.floor(Date.now() / 1000), secret, retryNum } = {}) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': sign(body, timestamp, secret),
        ...(retryNum ? { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
      },
      body,
    });
    return { status: res.status, text: await res.text() };
  };

  return {
    ...rig,
    slack,
    desk,
    http,
    url,
    post,
    event: (event, { eventId = `Ev${++n}`, retryNum } = {}) =>
      post(
        JSON.stringify({
          token: 'legacy',
          team_id: 'TFAKE',
          api_app_id: 'AFAKE',
          type: 'event_callback',
          event_id: eventId,
          event_time: Math.floor(Date.now() / 1000),
          event,
        }),
        'application/json',
        { retryNum },
      ),
    click: (user, actionId, value, { messageTs = '1.1' } = {}) =>
      post(
        `payload=${encodeURIComponent(
          JSON.stringify({
            type: 'block_actions',
            user: { id: user, team_id: 'TFAKE' },
            team: { id: 'TFAKE' },
            api_app_id: 'AFAKE',
            channel: { id: CASES_CHANNEL },
            container: { type: 'message', message_ts: messageTs, channel_id: CASES_CHANNEL },
            message: { ts: messageTs, type: 'message' },
            trigger_id: `t${++n}`,
            response_url: slack.responseUrl(`a${n}`),
            actions: [{ type: 'button', action_id: actionId, block_id: 'b', value, action_ts: String(Date.now() / 1000) }],
          }),
        )}`,
        'application/x-www-form-urlencoded',
      ),
    shortcut: (user, message) =>
      post(
        `payload=${encodeURIComponent(
          JSON.stringify({
            type: 'message_action',
            callback_id: 'send_to_worker',
            trigger_id: `t${++n}`,
            action_ts: String(Date.now() / 1000),
            user: { id: user, team_id: 'TFAKE' },
            team: { id: 'TFAKE' },
            channel: { id: CASES_CHANNEL, name: 'cases' },
            message: { type: 'message', user: message.user ?? user, ...message },
            message_ts: message.ts,
            response_url: slack.responseUrl(`s${n}`),
          }),
        )}`,
        'application/x-www-form-urlencoded',
      ),
    command: (user, text) =>
      post(
        new URLSearchParams({
          token: 'legacy',
          team_id: 'TFAKE',
          channel_id: 'C_ADMIN',
          user_id: user,
          command: '/niangjia',
          text,
          api_app_id: 'AFAKE',
          response_url: slack.responseUrl(`c${++n}`),
          trigger_id: `t${n}`,
        }).toString(),
        'application/x-www-form-urlencoded',
      ),
    async close() {
      await rig.outbox.stop();
      await http.close();
      if (!given) await slack.close();
    },
  };
}
