/**
 * Plain-text renderings of cards and desk messages in the desk's language: what the console desk prints,
 * and the notification/fallback text of the Slack desk. Labels come from locales/<lang>/cases.ftl.
 */
import type { Lang } from '../assistant/types.js';
import type { Translate } from '../i18n/translator.js';
import type { ApplicationCard, CaseCard, DeskMessage, IntakeFacts, Staff } from './types.js';

export interface DeskTexts {
  /** The desk's language. */
  lang: Lang;
  t: (key: string, args?: Record<string, string | number>) => string;
  priority(p: string): string;
  status(s: string): string;
  title(card: Pick<CaseCard, 'id' | 'priority' | 'category'>): string;
  facts(facts: IntakeFacts): string[];
  /** A guided application's title, fields and checklist, as `label: value` lines and items. */
  application(a: ApplicationCard): { title: string; fields: Array<[string, string]>; checklist: string[]; union: string; status: string };
  /** One line per queue entry: `#42 🔴 urgent · safety · W-7F3A · waiting 12 min`. */
  queueLine(card: CaseCard, now: Date): string;
  message(message: DeskMessage, who?: (staff: Staff) => string, group?: string): string;
}

export function deskTexts(translate: Translate, lang: Lang): DeskTexts {
  const t = (key: string, args?: Record<string, string | number>) => translate(lang, key, args);
  const priority = (p: string) => t(`desk-priority-${p}`);
  const texts: DeskTexts = {
    lang,
    t,
    priority,
    status: (s) => t(`desk-status-${s}`),
    title: (card) => t('desk-card-title', { caseId: card.id, priority: priority(card.priority), category: card.category }),
    facts: (facts) =>
      (['employers', 'dates', 'amounts', 'yearsWorked'] as const)
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
        caseId: card.id, priority: priority(card.priority), category: card.category, worker: card.worker,
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
          return t(`desk-event-${m.event}`, { who: m.by ? who(m.by) : '', priority: m.priority ? priority(m.priority) : '', rating: m.rating ?? '', note: m.note ?? '' });
        case 'sla_reminder':
          return t('desk-sla-reminder', { group: group ? `${group} ` : '', caseId: m.caseId, priority: priority(m.priority), category: m.category, minutes: m.waitingMinutes });
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
  if (card.summary) lines.push(`${x.t('desk-summary')}: ${card.summary}`);
  if (card.application) lines.push(...applicationLines(card.application, x));
  if (card.workerText && card.workerText !== card.summary) lines.push(`${x.t('desk-worker-words')}: ${card.workerText}`);
  if (card.botReply) lines.push(`${x.t('desk-bot-attempt')}: ${card.botReply}`);
  if (card.citations.length) lines.push(`${x.t('desk-citations')}: ${card.citations.join('；')}`);
  lines.push(...x.facts(card.facts));
  if (card.rating) lines.push(`${x.t('desk-field-rating')}: ${card.rating}/5`);
  return lines.join('\n');
}
