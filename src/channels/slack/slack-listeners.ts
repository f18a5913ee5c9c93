/**
 * What staff do in Slack, turned into case calls: card buttons (Claim / Resolve / Change priority), messages
 * sent to the worker from a card's thread (the `@worker` prefix or the "Send to worker" message shortcut —
 * every other thread reply stays between staff), the App Home tab and `/niangjia`. Only staff may act on
 * cases; anyone else gets an ephemeral refusal and the attempt is logged in the case's events.
 */
import type { App, BlockAction, ButtonAction, MessageShortcut, webApi } from '@slack/bolt';
import type { DeskTexts } from '../../cases/case-text.js';
import { type ApplicationDecisions, CaseError, type CaseService, type ClaimResult, type Staff } from '../../cases/types.js';
import type { Logger } from '../../log.js';
import { type CardButtons, registerApplicationListeners } from './application-listeners.js';
import { ACTION_CLAIM, ACTION_PRIORITY, ACTION_RESOLVE, homeView } from './case-blocks.js';
import { channelProgress, type KnowledgeAdmin, type ReportRequests, runNiangjiaCommand } from './niangjia-command.js';
import { parseButtonValue, toShortcutRequest, toThreadReply, toWorkerText } from './slack-payloads.js';
import type { StaffDirectory } from './staff-directory.js';

/** The callback id of the message shortcut (app-manifest.json). */
export const SHORTCUT_SEND_TO_WORKER = 'send_to_worker';

export interface ListenerContext {
  client: webApi.WebClient;
  cases: CaseService;
  directory: StaffDirectory;
  casesChannel: string;
  texts: DeskTexts;
  admin?: KnowledgeAdmin;
  reports?: ReportRequests;
  clock: () => Date;
  log: Logger;
  /** The slash command's name, e.g. '/niangjia'. */
  command: string;
  /** Staff decisions on guided applications (approve, decline, ask for more). */
  applications?: ApplicationDecisions;
  /** Channels of unions that receive routed applications (APPLICATION_ROUTES): their threads are cases too. */
  routedChannels?: readonly string[];
}

export function registerListeners(app: App, ctx: ListenerContext): void {
  const { client, cases, directory, texts: x, log } = ctx;

  const whisper = (channel: string | undefined, user: string, text: string, threadTs?: string) =>
    channel
      ? client.chat
          .postEphemeral({ channel, user, text, ...(threadTs ? { thread_ts: threadTs } : {}) })
          .catch((error) => log.warn('slack.ephemeral_failed', { error }))
      : Promise.resolve();

  /** Runs a staff action, or refuses and logs it; CaseErrors become an ephemeral explanation. */
  async function asStaff(
    userId: string,
    caseId: number | undefined,
    action: string,
    where: { channel?: string; threadTs?: string },
    run: (staff: Staff) => Promise<void>,
  ) {
    if (!(await directory.isStaff(userId))) {
      await cases.recordRefusal(caseId, await directory.person(userId), action);
      await whisper(where.channel, userId, x.t('desk-refused'), where.threadTs);
      return;
    }
    try {
      await run(await directory.person(userId));
    } catch (error) {
      if (!(error instanceof CaseError)) throw error;
      const key =
        error.code === 'closed' ? 'desk-case-closed' : error.code === 'not_application' ? 'desk-not-application' : 'desk-not-found';
      await whisper(where.channel, userId, x.t(key, { caseId: caseId ?? '?' }), where.threadTs);
    }
  }

  const claimedByOther = async (result: ClaimResult, staff: Staff, channel?: string) => {
    if (!result.changed && result.card.assignee && result.card.assignee.id !== staff.id && result.card.status !== 'resolved') {
      await whisper(channel, staff.id, x.t('desk-already-claimed', { caseId: result.card.id, who: `<@${result.card.assignee.id}>` }));
    }
  };

  /** A card button: acknowledged at once, its value parsed, run as the staff member who pressed it. */
  const onCardButton: CardButtons = (actionIds, run) =>
    app.action<BlockAction<ButtonAction>>(new RegExp(`^(${actionIds.join('|')})$`), async ({ ack, body, action }) => {
      await ack();
      const parsed = parseButtonValue(action.value);
      if (!parsed) return;
      const channel = body.channel?.id;
      await asStaff(body.user.id, parsed.caseId, action.action_id, { channel }, (staff) =>
        run({ staff, caseId: parsed.caseId, arg: parsed.arg, actionId: action.action_id, channel, triggerId: body.trigger_id }),
      );
    });

  onCardButton([ACTION_CLAIM, ACTION_RESOLVE, ACTION_PRIORITY], async ({ staff, caseId, arg, actionId, channel }) => {
    if (actionId === ACTION_CLAIM) await claimedByOther(await cases.claim(caseId, staff), staff, channel);
    else if (actionId === ACTION_RESOLVE) await cases.resolve(caseId, staff);
    else if (arg === 'urgent' || arg === 'normal') await cases.changePriority(caseId, staff, arg);
  });

  // A thread reply is internal unless it starts with the prefix; the message ts is the idempotency key, so a
  // Slack retry, or the shortcut used on the same message, sends it once.
  app.event('message', async ({ event }) => {
    const reply = toThreadReply(event as unknown as Record<string, unknown>, [ctx.casesChannel, ...(ctx.routedChannels ?? [])]);
    const text = reply && toWorkerText(reply.text);
    if (!reply || !text) return;
    const c = await cases.findByDeskRef({ channel: reply.channel, ts: reply.threadTs });
    if (!c) return; // a thread that is not a case card
    await asStaff(reply.userId, c.id, 'reply', { channel: reply.channel, threadTs: reply.threadTs }, (staff) =>
      cases.staffReply(c.id, staff, text, reply.ts),
    );
  });

  app.shortcut<MessageShortcut>({ type: 'message_action', callback_id: SHORTCUT_SEND_TO_WORKER }, async ({ ack, shortcut }) => {
    await ack();
    const request = toShortcutRequest(shortcut as unknown as Record<string, unknown>, ctx.casesChannel);
    const c =
      request && !request.byBot && request.text ? await cases.findByDeskRef({ channel: request.channel, ts: request.threadTs }) : undefined;
    if (!request || !c) {
      await whisper(
        shortcut.channel?.id,
        shortcut.user.id,
        x.t('desk-reply-pick-thread'),
        (shortcut.message as { thread_ts?: string }).thread_ts,
      );
      return;
    }
    await asStaff(shortcut.user.id, c.id, 'reply', { channel: request.channel, threadTs: request.threadTs }, async (staff) => {
      await cases.staffReply(c.id, staff, request.text, request.ts);
      await whisper(request.channel, staff.id, x.t('desk-reply-queued'), request.threadTs);
    });
  });

  if (ctx.applications)
    registerApplicationListeners(app, { client, applications: ctx.applications, texts: x, asStaff, whisper, onCardButton });

  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    const staff = await directory.isStaff(event.user);
    const view = staff
      ? homeView(await cases.assignedTo(event.user), await cases.queue(), x, ctx.clock())
      : { type: 'home' as const, blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: x.t('desk-refused') } }] };
    await client.views.publish({ user_id: event.user, view });
  });

  app.command(ctx.command, async ({ command, ack, respond }) => {
    const reply = await runNiangjiaCommand(command.user_id, command.text, {
      cases,
      directory,
      admin: ctx.admin,
      reports: ctx.reports,
      texts: x,
      clock: ctx.clock,
      log,
      progress: () => channelProgress(client, command.channel_id, (text) => respond({ response_type: 'ephemeral', text })),
    });
    await ack({ response_type: 'ephemeral', text: reply.text, ...(reply.blocks ? { blocks: reply.blocks } : {}) });
    // After the answer: a re-index takes longer than the 3 seconds Slack waits.
    if (reply.background) void reply.background();
  });
}
