/**
 * Plain-text renderings of cards and desk messages in the desk's language: what the console desk prints,
 * and the notification/fallback text of the Slack desk. Labels come from locales/<lang>/cases.ftl.
 */
import type { Lang } from '../assistant/types.js';
import type { Translate } from '../i18n/translator.js';
import { DEFAULT_TIME_ZONE, formatDateTime } from '../i18n/union-time.js';
import type { ApplicationCard, CaseCard, DeskMessage, IntakeFacts, Staff } from './types.js';

export interface DeskTexts {
  /** The desk's language. */
  lang: Lang;
  t: (key: string, args?: Record<string, string | number>) => string;
  priority(p: string): string;
  /** A date and time in the union's time zone: '2026-05-01 10:05'. */
  time(d: Date): string;
  status(s: string): string;
  /** Why a case was escalated, in words (the danger category or the reason); the id when there is no label. */
  reason(category: string): string;
  title(card: Pick<CaseCard, 'id' | 'priority' | 'category'>): string;
  facts(facts: IntakeFacts): string[];
  /** A guided application's title, fields and checklist, as `label: value` lines and items. */
  application(a: ApplicationCard): { title: string; fields: Array<[string, string]>; checklist: string[]; union: string; status: string };
  /** One line per queue entry: `#42 🔴 urgent · safety · W-7F3A · waiting 12 min`. */
  queueLine(card: CaseCard, now: Date): string;
  message(message: DeskMessage, who?: (staff: Staff) => string, group?: string): string;
}

export function deskTexts(translate: Translate, lang: Lang, timeZone = DEFAULT_TIME_ZONE): DeskTexts {
  const t = (key: string, args?: Record<string, string | number>) => translate(lang, key, args);
  const priority = (p: string) => t(`desk-priority-${p}`);
  const time = (d: Date) => formatDateTime(d, timeZone);
  const texts: DeskTexts = {
    lang,
    t,
    priority,
    time,
    status: (s) => t(`desk-status-${s}`),
    reason: (category) => {
      const label = t(`desk-reason-${category}`);
      return label === `desk-reason-${category}` ? category : label;
    },
    title: (card) => t('desk-card-title', { caseId: card.id, priority: priority(card.priority), category: card.category }),
    facts: (facts) =>
      (['employers', 'dates', 'amounts', 'yearsWorked', 'people'] as const)
        .filter((k) => facts[k]?.length)
        .map((k) => `${t(`desk-fact-${k}`)}: ${facts[k]!.join('、')}`),
    application: (a) => ({
      title: a.title[lang],
      fields: a.fields.map((f) => [f.label[lang], f.value?.[lang] ?? (a.erased ? '—' : t('svc-review-skipped'))] as [string, string]),
      checklist: a.checklist[lang],
      union: a.union ?? t('svc-default-union'),
      status: t(`svc-status-${a.status}`),
    }),
    queueLine: (card, now) =>
      t('desk-queue-line', {
        caseId: card.id,
        priority: priority(card.priority),
        category: card.category,
        worker: card.worker,
        minutes: Math.max(0, Math.round((now.getTime() - card.openedAt.getTime()) / 60_000)),
      }),
    message(m, who = (s) => s.name, group = '') {
      switch (m.kind) {
        case 'worker_message': {
          const parts: string[] = [];
          if (m.text) parts.push(t('desk-worker-message', { from: m.from, text: m.text }));
          if (m.attachment) parts.push(t('desk-attachment', { kind: m.attachment.kind, name: m.attachment.fileName ?? '' }).trim());
          return parts.length ? parts.join('\n') : t('desk-worker-message', { from: m.from, text: t('desk-removed') });
        }
        case 'case_event':
          return t(`desk-event-${m.event}`, {
            who: m.by ? who(m.by) : '',
            priority: m.priority ? priority(m.priority) : '',
            rating: m.rating ?? '',
            note: m.note ?? '',
          });
        case 'sla_reminder':
          return t('desk-sla-reminder', {
            group: group ? `${group} ` : '',
            caseId: m.caseId,
            priority: priority(m.priority),
            category: m.category,
            minutes: m.waitingMinutes,
          });
        case 'urgent_alert':
          return t('desk-urgent-alert', { group: group ? `${group} ` : '', caseId: m.caseId, category: m.category });
        case 'staff_note':
          return t('desk-staff-note', { who: who(m.by), text: m.text ?? t('desk-removed') });
        case 'reply_delivered':
          return t('desk-reply-delivered', { who: who(m.by), time: time(m.at), text: m.text ?? t('desk-removed') });
        case 'reply_undelivered':
          return t('desk-reply-undelivered', { who: who(m.by), text: m.text ?? t('desk-removed') });
      }
    },
  };
  return texts;
}

/** A guided application as text lines: what it is, where it goes, its fields and the staff checklist. */
export function applicationLines(a: ApplicationCard, x: DeskTexts): string[] {
  const app = x.application(a);
  return [
    `${x.t('desk-application')}: ${app.title} · ${x.t('desk-application-union')}: ${app.union} · ${x.t('desk-application-status')}: ${app.status}`,
    ...app.fields.map(([label, value]) => `  ${label}: ${value}`),
    ...(a.erased ? [`  ${x.t('desk-application-erased')}`] : []),
    ...(a.note ? [`${x.t('desk-application-note')}: ${a.note}`] : []),
    `${x.t('desk-application-checklist')}:`,
    ...app.checklist.map((item) => `  ☐ ${item}`),
  ];
}

/** The whole card as plain text (console, `/niangjia case 42` fallback). */
export function cardText(card: CaseCard, x: DeskTexts): string {
  const lines = [
    x.title(card),
    `${x.t('desk-field-worker')}: ${card.worker}  ·  ${x.t('desk-field-status')}: ${x.status(card.status)}  ·  ${x.t('desk-field-assignee')}: ${card.assignee?.name ?? x.t('desk-nobody')}`,
  ];
  if (card.forgotten) return [...lines, x.t('desk-forgotten')].join('\n');
  lines.push(`${x.t('desk-field-reason')}: ${x.reason(card.category)}`);
  const question = card.workerText ?? card.summary;
  if (question) lines.push(`${x.t('desk-worker-words')}: ${question}`);
  if (card.application) lines.push(...applicationLines(card.application, x));
  if (card.botReply) lines.push(`${x.t('desk-bot-attempt')}: ${card.botReply}`);
  if (card.citations.length) lines.push(`${x.t('desk-citations')}: ${card.citations.join('；')}`);
  lines.push(...x.facts(card.facts));
  if (card.rating) lines.push(`${x.t('desk-field-rating')}: ${card.rating}/5`);
  return lines.join('\n');
}
