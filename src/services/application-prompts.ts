/**
 * What the worker reads at each step of a guided application, in their language: the text and the buttons
 * (channel-neutral `ServiceButton`s; Telegram shows them as inline buttons, the console as numbered
 * choices). Pure: the flow's state in, the message out.
 */

import type { OutgoingWorkerMessage, ServiceButton } from '../conversation/types.js';
import type { Lang } from '../i18n/lang.js';
import type { Translate } from '../i18n/translator.js';
import { type DraftState, displayValue, fieldOf, type InvalidReason, type Verb, visibleFields } from './application-flow.js';
import type { ServiceDefinition, ServiceDefinitions } from './service-definitions.js';

export interface ShownDraft extends DraftState {
  id: number;
  rev: number;
}

export type StepMessage = Pick<OutgoingWorkerMessage, 'text' | 'serviceButtons'>;

export interface StepExtras {
  /** Said first: an option's note, or why the last answer could not be taken. */
  before?: string;
  union: string;
}

export function stepMessage(
  def: ServiceDefinition,
  draft: ShownDraft,
  lang: Lang,
  t: Translate,
  { before, union }: StepExtras,
): StepMessage {
  const button = (verb: Verb, arg?: string, label = t(lang, `svc-button-${verb}`)): ServiceButton => ({
    label,
    press: { application: draft.id, rev: draft.rev, verb, ...(arg ? { arg } : {}) },
  });
  const backAndCancel = [button('back'), button('cancel')];
  const lines = before ? [before] : [];

  if (draft.step === 'intro') {
    return { text: [...lines, def.intro[lang]].join('\n\n'), serviceButtons: [button('start'), button('person'), button('cancel')] };
  }
  if (draft.step === 'consent') {
    return {
      text: [...lines, def.consent[lang].replaceAll('{union}', union)].join('\n\n'),
      serviceButtons: [
        button('pick', 'id', t(lang, 'svc-button-consent-id')),
        button('pick', 'anon', t(lang, 'svc-button-consent-anon')),
        ...backAndCancel,
      ],
    };
  }
  if (draft.step === 'review') {
    const rows = visibleFields(def, draft.answers).map(
      (f) =>
        `• ${f.label[lang]}${lang === 'zh' ? '：' : ': '}${displayValue(f, draft.answers[f.id])?.[lang] ?? t(lang, 'svc-review-skipped')}`,
    );
    const text = [
      ...lines,
      t(lang, 'svc-review-title', { title: def.title[lang], union }),
      rows.join('\n'),
      t(lang, draft.shareIdentity ? 'svc-review-identity-yes' : 'svc-review-identity-no'),
      t(lang, 'svc-review-hint'),
    ].join('\n\n');
    return { text, serviceButtons: [button('submit'), ...backAndCancel] };
  }
  const field = fieldOf(def, draft.step)!;
  const fields = visibleFields(def, draft.answers);
  const n = fields.findIndex((f) => f.id === field.id) + 1;
  const ask = `${field.ask[lang]}\n${t(lang, 'svc-step', { n, total: fields.length })}`;
  const options = (field.options ?? []).map((o) => button('pick', o.value, o.label[lang]));
  return {
    text: [...lines, ask].join('\n\n'),
    serviceButtons: [...options, ...(field.optional ? [button('skip')] : []), ...backAndCancel],
  };
}

export function invalidText(reason: InvalidReason, lang: Lang, t: Translate, range: { min?: number; max?: number } = {}): string {
  return t(lang, `svc-invalid-${reason}`, { min: range.min ?? 0, max: range.max ?? 0 });
}

/** The services menu: one button per service. */
export function menuMessage(definitions: ServiceDefinitions, lang: Lang, t: Translate): StepMessage {
  return {
    text: t(lang, 'svc-menu'),
    serviceButtons: [...definitions.values()].map((d) => ({ label: d.title[lang], press: { service: d.id } })),
  };
}
