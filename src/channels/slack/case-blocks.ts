/**
 * Block Kit for the staff desk: the case card (priority, category, pseudonym, summary, the bot's attempt
 * with its citations, buttons Claim / Resolve / Change priority), thread notes and the App Home view.
 * Labels come from locales/<lang>/cases.ftl through DeskTexts; every worker-provided string is escaped.
 */
import type { types } from '@slack/bolt';
import { cardText, type DeskTexts } from '../../cases/case-text.js';
import type { CaseCard, DeskMessage } from '../../cases/types.js';

export const ACTION_CLAIM = 'case_claim';
export const ACTION_RESOLVE = 'case_resolve';
export const ACTION_PRIORITY = 'case_priority';
/** A guided application's decisions: approve at once; decline and ask for more open a modal for the words. */
export const ACTION_APPROVE = 'application_approve';
export const ACTION_DECLINE = 'application_decline';
export const ACTION_MORE = 'application_more';
export const VIEW_DECISION = 'application_decision';

type Block = types.KnownBlock;

/** Escapes text for mrkdwn: only &, < and > are special to Slack. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, 2900) } });
const quote = (text: string) =>
  escapeMrkdwn(text)
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');

function buttons(card: CaseCard, x: DeskTexts): Block | undefined {
  if (card.forgotten || card.status === 'resolved' || card.status === 'closed') return undefined;
  const other = card.priority === 'urgent' ? 'normal' : 'urgent';
  const elements: types.Button[] = [];
  if (card.status === 'open')
    elements.push({
      type: 'button',
      action_id: ACTION_CLAIM,
      style: 'primary',
      text: { type: 'plain_text', text: x.t('desk-button-claim') },
      value: String(card.id),
    });
  elements.push(
    {
      type: 'button',
      action_id: ACTION_RESOLVE,
      style: 'danger',
      text: { type: 'plain_text', text: x.t('desk-button-resolve') },
      value: String(card.id),
    },
    {
      type: 'button',
      action_id: ACTION_PRIORITY,
      text: { type: 'plain_text', text: x.t(`desk-button-${other}`) },
      value: `${card.id}:${other}`,
    },
  );
  return { type: 'actions', block_id: `case_${card.id}`, elements };
}

/** The application as Slack fields (label above value), then the staff checklist and its decision buttons. */
function applicationBlocks(card: CaseCard, x: DeskTexts): Block[] {
  const a = card.application!;
  const app = x.application(a);
  const fields = [
    [x.t('desk-application'), app.title],
    [x.t('desk-application-union'), app.union],
    [x.t('desk-application-status'), app.status],
    ...app.fields,
  ].map(([label, value]) => ({ type: 'mrkdwn' as const, text: clip(`*${escapeMrkdwn(label!)}*\n${escapeMrkdwn(value!)}`, 1900) }));
  const blocks: Block[] = [];
  // Slack allows at most 10 fields in a section.
  for (let i = 0; i < fields.length; i += 10) blocks.push({ type: 'section', fields: fields.slice(i, i + 10) });
  if (a.erased) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: x.t('desk-application-erased') }] });
  if (a.note) blocks.push(section(`*${x.t('desk-application-note')}*\n${escapeMrkdwn(a.note)}`));
  blocks.push(section(`*${x.t('desk-application-checklist')}*\n${app.checklist.map((c) => `☐ ${escapeMrkdwn(c)}`).join('\n')}`));
  const open = (a.status === 'submitted' || a.status === 'more_info') && card.status !== 'resolved' && card.status !== 'closed';
  if (open) {
    const button = (action_id: string, key: string, style?: 'primary' | 'danger'): types.Button => ({
      type: 'button',
      action_id,
      text: { type: 'plain_text', text: x.t(key) },
      value: String(card.id),
      ...(style ? { style } : {}),
    });
    blocks.push({
      type: 'actions',
      block_id: `application_${card.id}`,
      elements: [
        button(ACTION_APPROVE, 'desk-button-approve', 'primary'),
        button(ACTION_DECLINE, 'desk-button-decline', 'danger'),
        button(ACTION_MORE, 'desk-button-more'),
      ],
    });
  }
  return blocks;
}

/** The modal that asks for the reason of a decline, or for what the worker should add. */
export function decisionModal(caseId: number, verdict: 'decline' | 'more', x: DeskTexts): types.View {
  return {
    type: 'modal',
    callback_id: VIEW_DECISION,
    private_metadata: `${caseId}:${verdict}`,
    title: { type: 'plain_text', text: clip(x.t(`desk-modal-${verdict}-title`), 24) },
    submit: { type: 'plain_text', text: x.t('desk-modal-submit') },
    blocks: [
      {
        type: 'input',
        block_id: 'note',
        label: { type: 'plain_text', text: x.t(`desk-modal-${verdict}-label`) },
        element: { type: 'plain_text_input', action_id: 'text', multiline: true, max_length: 1000 },
      },
    ],
  };
}

export function cardBlocks(card: CaseCard, x: DeskTexts): Block[] {
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(x.title(card), 150) } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*${x.t('desk-field-worker')}*\n${escapeMrkdwn(card.worker)}` },
        { type: 'mrkdwn', text: `*${x.t('desk-field-status')}*\n${x.status(card.status)}` },
        { type: 'mrkdwn', text: `*${x.t('desk-field-assignee')}*\n${card.assignee ? `<@${card.assignee.id}>` : x.t('desk-nobody')}` },
        // In the union's time zone, as every date staff read (not each reader's own Slack zone).
        { type: 'mrkdwn', text: `*${x.t('desk-field-opened')}*\n${x.time(card.openedAt)}` },
        ...(card.status === 'open' && card.slaDueAt
          ? [{ type: 'mrkdwn' as const, text: `*${x.t('desk-field-sla')}*\n${x.time(card.slaDueAt)}` }]
          : []),
        ...(card.rating
          ? [
              {
                type: 'mrkdwn' as const,
                text: `*${x.t('desk-field-rating')}*\n${'★'.repeat(card.rating)}${'☆'.repeat(5 - card.rating)} ${card.rating}/5`,
              },
            ]
          : []),
      ],
    },
  ];
  if (card.forgotten) return [...blocks, section(`_${x.t('desk-forgotten')}_`)];
  // Why it came to a person, the question once, the facts once, then the bot's attempt and its sources.
  blocks.push(section(`*${x.t('desk-field-reason')}*\n${escapeMrkdwn(x.reason(card.category))}`));
  if (card.workerText) blocks.push(section(`*${x.t('desk-worker-words')}*\n${quote(clip(card.workerText, 2000))}`));
  else if (card.summary) blocks.push(section(`*${x.t('desk-worker-words')}*\n${escapeMrkdwn(card.summary)}`));
  if (card.application) blocks.push(...applicationBlocks(card, x));
  const facts = x.facts(card.facts);
  if (facts.length) blocks.push(section(`*${x.t('desk-facts')}*\n${facts.map((f) => `• ${escapeMrkdwn(f)}`).join('\n')}`));
  if (card.botReply) blocks.push(section(`*${x.t('desk-bot-attempt')}*\n${escapeMrkdwn(clip(card.botReply, 2000))}`));
  if (card.citations.length)
    blocks.push(section(`*${x.t('desk-citations')}*\n${card.citations.map((c) => `• ${escapeMrkdwn(c)}`).join('\n')}`));
  const actions = buttons(card, x);
  if (actions) blocks.push(actions, { type: 'context', elements: [{ type: 'mrkdwn', text: x.t('desk-card-hint') }] });
  return blocks;
}

/** The notification and fallback text of a card (what screen readers and push notifications show). */
export function cardFallback(card: CaseCard, x: DeskTexts): string {
  return clip(card.forgotten ? x.title(card) : cardText(card, x), 3000);
}

/** A thread note or channel reminder as mrkdwn: staff mentioned by id, the on-duty group by subteam id. */
export function deskMessageText(message: DeskMessage, x: DeskTexts, ondutyUsergroup?: string): string {
  const escapeText = (text: string | null) => (text === null ? null : escapeMrkdwn(text));
  const escaped: DeskMessage =
    message.kind === 'worker_message'
      ? { ...message, from: escapeMrkdwn(message.from), text: escapeText(message.text) }
      : message.kind === 'staff_note' || message.kind === 'reply_delivered' || message.kind === 'reply_undelivered'
        ? { ...message, text: escapeText(message.text) }
        : message;
  const group = ondutyUsergroup ? `<!subteam^${ondutyUsergroup}>` : '';
  return clip(
    x.message(escaped, (s) => `<@${s.id}>`, group),
    3900,
  );
}

/** App Home: my cases, then the open queue by priority and age. */
export function homeView(mine: CaseCard[], queue: CaseCard[], x: DeskTexts, now: Date): types.HomeView {
  const list = (cards: CaseCard[], empty: string): Block[] =>
    cards.length
      ? cards
          .slice(0, 40)
          .map((c) =>
            section(
              `${escapeMrkdwn(x.queueLine(c, now))}\n_${x.status(c.status)}_${c.summary ? ` · ${escapeMrkdwn(clip(c.summary, 200))}` : ''}`,
            ),
          )
      : [section(`_${empty}_`)];
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: x.t('desk-my-cases') } },
      ...list(mine, x.t('desk-my-cases-empty')),
      { type: 'divider' },
      { type: 'header', text: { type: 'plain_text', text: clip(x.t('desk-queue-title'), 150) } },
      ...list(queue, x.t('desk-queue-empty')),
    ],
  };
}
