import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import type { AdminPort } from '../../../src/admin/admin-port.js';
import { deskTexts } from '../../../src/cases/case-text.js';
import type { CaseCard, CaseService } from '../../../src/cases/types.js';
import { cardBlocks, escapeMrkdwn } from '../../../src/channels/slack/case-blocks.js';
import { createSlackDesk, type KnowledgeAdmin, SlackSetupError } from '../../../src/channels/slack/slack-desk.js';
import { slackErrorCode, toDeliveryError } from '../../../src/channels/slack/slack-errors.js';
import { parseButtonValue, slackToPlain, toThreadReply } from '../../../src/channels/slack/slack-payloads.js';
import { translate } from '../../cases/case-fixtures.js';

// The re-index engineer's admin port plugs into the Slack command as it is (a compile-time check).
// biome-ignore lint/suspicious/noExportsInTest: a compile-time check, never imported
export const adminFits = (admin: AdminPort): KnowledgeAdmin => admin;

/** A Slack error as the WebClient raises it (its classes are not exported, only their codes). */
const slackError = (code: string, fields: Record<string, unknown>) => Object.assign(new Error(code), { code, ...fields });

describe('Slack errors become delivery errors', () => {
  it('429 → retry after Retry-After; 5xx and network → retry; refusals → give up', () => {
    expect(toDeliveryError(slackError(webApi.ErrorCode.RateLimitedError, { retryAfter: 3 }), 'x')).toMatchObject({
      retryable: true,
      retryAfterMs: 3000,
    });
    expect(toDeliveryError(slackError(webApi.ErrorCode.HTTPError, { statusCode: 503 }), 'x').retryable).toBe(true);
    expect(toDeliveryError(slackError(webApi.ErrorCode.HTTPError, { statusCode: 400 }), 'x').retryable).toBe(false);
    expect(toDeliveryError(slackError(webApi.ErrorCode.RequestError, {}), 'x').retryable).toBe(true);
    for (const reason of ['channel_not_found', 'invalid_auth', 'not_in_channel']) {
      const e = toDeliveryError(slackError(webApi.ErrorCode.PlatformError, { data: { ok: false, error: reason } }), 'posting');
      expect(e.retryable).toBe(false);
      expect(slackErrorCode(e)).toBe(reason);
    }
    expect(
      toDeliveryError(slackError(webApi.ErrorCode.PlatformError, { data: { ok: false, error: 'internal_error' } }), 'x').retryable,
    ).toBe(true);
  });
});

describe('Slack payloads in, plain data out', () => {
  const base = { type: 'message', channel: 'C1', thread_ts: '1.0', ts: '2.0', user: 'U1', text: 'hi' };
  it('takes a person’s thread reply in the cases channel and nothing else', () => {
    expect(toThreadReply(base, 'C1')).toEqual({ channel: 'C1', threadTs: '1.0', ts: '2.0', userId: 'U1', text: 'hi' });
    expect(toThreadReply({ ...base, channel: 'C2' }, 'C1')).toBeUndefined();
    expect(toThreadReply({ ...base, thread_ts: undefined }, 'C1')).toBeUndefined();
    expect(toThreadReply({ ...base, thread_ts: '2.0' }, 'C1')).toBeUndefined();
    expect(toThreadReply({ ...base, bot_id: 'B1' }, 'C1')).toBeUndefined();
    expect(toThreadReply({ ...base, subtype: 'message_changed' }, 'C1')).toBeUndefined();
    expect(toThreadReply({ ...base, text: '<@U2>' }, 'C1')).toBeUndefined();
  });
  it('turns mrkdwn into text a worker can read', () => {
    expect(slackToPlain('见 <https://www.12333.gov.cn|12333网站> &amp; <https://x.org> 问 <@U123> 在 <#C1|cases> &lt;重要&gt;')).toBe(
      '见 12333网站 (https://www.12333.gov.cn) & https://x.org 问  在 #cases <重要>',
    );
    expect(parseButtonValue('42:urgent')).toEqual({ caseId: 42, arg: 'urgent' });
    expect(parseButtonValue('x')).toBeUndefined();
  });
  it('escapes worker text in cards', () => {
    const card: CaseCard = {
      id: 7,
      status: 'open',
      priority: 'urgent',
      category: 'safety',
      worker: 'W-1 <!channel>',
      summary: '<!here> 老板打人',
      workerText: null,
      botReply: null,
      citations: [],
      facts: {},
      openedAt: new Date(0),
      slaDueAt: new Date(600_000),
      resolvedAt: null,
      rating: null,
      forgotten: false,
    };
    const json = JSON.stringify(cardBlocks(card, deskTexts(translate, 'zh')));
    expect(json).not.toContain('<!here>');
    expect(json).not.toContain('<!channel>');
    expect(json).toContain(escapeMrkdwn('<!here>'));
  });
});

describe('Slack desk set-up', () => {
  const cases = {} as CaseService;
  it('uses Socket Mode when an app token is given (no HTTP listener), HTTP otherwise, and says what is missing', () => {
    const socket = createSlackDesk({ token: 'xoxb-t', appToken: 'xapp-1-test', casesChannel: 'C1', cases, translate });
    expect(socket.requestListener).toBeUndefined();
    const http = createSlackDesk({ token: 'xoxb-t', signingSecret: 's', casesChannel: 'C1', cases, translate });
    expect(http.requestListener).toBeTypeOf('function');
    expect(() => createSlackDesk({ token: 'xoxb-t', casesChannel: 'C1', cases, translate })).toThrow(SlackSetupError);
  });
});
