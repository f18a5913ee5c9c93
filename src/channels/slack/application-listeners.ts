/**
 * Staff decide on a guided application from its card: Approve at once; Decline and Ask for more open a
 * modal for the words the worker will read, and its submission decides. Only staff may: the same check as
 * every card button (`asStaff`).
 */
import type { App, webApi } from '@slack/bolt';
import type { DeskTexts } from '../../cases/case-text.js';
import type { ApplicationDecisions, Staff } from '../../cases/types.js';
import { ACTION_APPROVE, ACTION_DECLINE, ACTION_MORE, decisionModal, VIEW_DECISION } from './case-blocks.js';

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
  onCardButton: CardButtons;
}

/** Registers a handler for card buttons: Slack is acknowledged, the value parsed, and only staff get to `run`. */
export type CardButtons = (
  actionIds: readonly string[],
  run: (press: { staff: Staff; caseId: number; arg?: string; actionId: string; channel?: string; triggerId: string }) => Promise<void>,
) => void;

export function registerApplicationListeners(
  app: App,
  { client, applications, texts: x, asStaff, whisper, onCardButton }: ApplicationListenerContext,
): void {
  onCardButton([ACTION_APPROVE, ACTION_DECLINE, ACTION_MORE], async ({ staff, caseId, actionId, channel, triggerId }) => {
    if (actionId === ACTION_APPROVE) {
      if (!(await applications.decide(caseId, staff, 'approve'))) await whisper(channel, staff.id, x.t('desk-not-application', { caseId }));
      return;
    }
    const verdict = actionId === ACTION_DECLINE ? 'decline' : 'more';
    await client.views.open({ trigger_id: triggerId, view: decisionModal(caseId, verdict, x) });
  });

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
