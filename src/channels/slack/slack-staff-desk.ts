/**
 * The StaffDesk port on Slack: case cards go to SLACK_CASES_CHANNEL, everything about a case into the
 * card's thread, SLA reminders into the channel mentioning the on-duty user group. Failures come back as
 * DeliveryError so the outbox retries (or gives up) by the one policy.
 */
import type { webApi } from '@slack/bolt';
import type { DeskTexts } from '../../cases/case-text.js';
import type { StaffDesk } from '../../cases/types.js';
import { cardBlocks, cardFallback, deskMessageText } from './case-blocks.js';
import { slackCall, slackErrorCode } from './slack-errors.js';

export interface SlackStaffDeskOptions {
  client: webApi.WebClient;
  casesChannel: string;
  texts: DeskTexts;
  ondutyUsergroup?: string;
}

export function createSlackStaffDesk({ client, casesChannel, texts, ondutyUsergroup }: SlackStaffDeskOptions): StaffDesk {
  return {
    async postCard(card) {
      // An application routed to a union with its own channel goes there (APPLICATION_ROUTES).
      const channel = card.application?.deskChannel ?? casesChannel;
      const result = await slackCall(`posting the card of case ${card.id}`, () =>
        client.chat.postMessage({
          channel,
          text: cardFallback(card, texts),
          blocks: cardBlocks(card, texts),
          unfurl_links: false,
          // Lets anyone looking at the channel history find the card of a case without our database.
          metadata: { event_type: 'niangjia_case', event_payload: { case_id: card.id } },
        }),
      );
      return { channel: result.channel ?? channel, ts: result.ts! };
    },

    async updateCard(ref, card) {
      await slackCall(`updating the card of case ${card.id}`, () =>
        client.chat.update({ channel: ref.channel, ts: ref.ts, text: cardFallback(card, texts), blocks: cardBlocks(card, texts) }),
      );
    },

    async post(message, thread) {
      const text = deskMessageText(message, texts, ondutyUsergroup);
      const result = await slackCall(`posting a ${message.kind} of case ${message.caseId}`, () =>
        client.chat.postMessage({
          channel: thread?.channel ?? casesChannel,
          ...(thread ? { thread_ts: thread.ts } : {}),
          text,
          unfurl_links: false,
          unfurl_media: false,
        }),
      );
      return { channel: result.channel ?? thread?.channel ?? casesChannel, ts: result.ts! };
    },

    async redact(ref) {
      try {
        await slackCall('redacting a worker message', () =>
          client.chat.update({ channel: ref.channel, ts: ref.ts, text: `_${texts.t('desk-removed')}_`, blocks: [] }),
        );
      } catch (error) {
        // Someone deleted it by hand already: that is what we wanted.
        if (slackErrorCode(error) === 'message_not_found') return;
        throw error;
      }
    },
  };
}
