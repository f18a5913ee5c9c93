/**
 * Staff decide on a guided application from its card: Approve at once; Decline and Ask for more open a
 * modal for the words the worker will read, and its submission decides. Only staff may: the same check as
 * every card button (`asStaff`).
 */
import type { App, BlockAction, ButtonAction, webApi } from '@slack/bolt';
import type { DeskTexts } from '../../cases/case-text.js';
import type { ApplicationDecisions, Staff } from '../../cases/types.js';
import { ACTION_APPROVE, ACTION_DECLINE, ACTION_MORE, decisionModal, VIEW_DECISION } from './case-blocks.js';
import { parseButtonValue } from './slack-payloads.js';

export interface ApplicationListenerContext {
  client: webApi.WebClient;
  applications: ApplicationDecisions;
  texts: DeskTexts;
  asStaff(
    userId: string,
    caseId: number | undefined,
    action: string,
    where: { channel?: string },
    run: (staff: Staff) => Promise<void>,
  ): Promise<void>;
  whisper(channel: string | undefined, user: string, text: string): Promise<unknown>;
}

export function registerApplicationListeners(
  app: App,
  { client, applications, texts: x, asStaff, whisper }: ApplicationListenerContext,
): void {
  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^(${ACTION_APPROVE}|${ACTION_DECLINE}|${ACTION_MORE})$`),
    async ({ ack, body, action }) => {
      await ack();
      const parsed = parseButtonValue(action.value);
      if (!parsed) return;
      const channel = body.channel?.id;
      await asStaff(body.user.id, parsed.caseId, action.action_id, { channel }, async (staff) => {
        if (action.action_id === ACTION_APPROVE) {
          if (!(await applications.decide(parsed.caseId, staff, 'approve')))
            await whisper(channel, staff.id, x.t('desk-not-application', { caseId: parsed.caseId }));
          return;
        }
        const verdict = action.action_id === ACTION_DECLINE ? 'decline' : 'more';
        await client.views.open({ trigger_id: body.trigger_id, view: decisionModal(parsed.caseId, verdict, x) });
      });
    },
  );

  app.view(VIEW_DECISION, async ({ ack, body, view }) => {
    const [id, verdict] = view.private_metadata.split(':');
    const caseId = Number(id);
    const note = view.state.values['note']?.['text']?.value?.trim() ?? '';
    if (!note) {
      await ack({ response_action: 'errors', errors: { note: x.t(`desk-modal-${verdict === 'decline' ? 'decline' : 'more'}-label`) } });
      return;
    }
    await ack();
    if (!Number.isSafeInteger(caseId) || (verdict !== 'decline' && verdict !== 'more')) return;
    await asStaff(body.user.id, caseId, `application_${verdict}`, {}, async (staff) => {
      await applications.decide(caseId, staff, verdict, note);
    });
  });
}
