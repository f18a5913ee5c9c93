/**
 * The data carried by inline buttons (at most 64 bytes), one small grammar shared by the renderer that
 * builds keyboards and the handler that reads the presses. Unknown data decodes to undefined.
 *
 * @example
 *   encodeCallback({ kind: 'rate', caseId: 7, rating: 5 }) // 'rate:7:5'
 *   decodeCallback('fb:12:y')                              // { kind: 'feedback', answerId: 12, helpful: true }
 */
import type { Lang } from '../../assistant/types.js';
import type { ServicePress } from '../../conversation/types.js';

export type CallbackAction =
  | { kind: 'feedback'; answerId: number; helpful: boolean }
  | { kind: 'human' }
  | { kind: 'rate'; caseId: number; rating: number }
  | { kind: 'lang'; lang: Lang | null }
  | { kind: 'forget'; confirmed: boolean }
  /** A choice offered with a question: the value is the worker's answer (≤ 56 bytes). */
  | { kind: 'choice'; value: string }
  /** A guided application's button: `sv:join_union` (start), `ap:12:3:pick:rider` (a step), `ap:resume`. */
  | { kind: 'service'; press: ServicePress };

export function encodeCallback(action: CallbackAction): string {
  switch (action.kind) {
    case 'feedback':
      return `fb:${action.answerId}:${action.helpful ? 'y' : 'n'}`;
    case 'human':
      return 'human';
    case 'rate':
      return `rate:${action.caseId}:${action.rating}`;
    case 'lang':
      return `lang:${action.lang ?? 'auto'}`;
    case 'forget':
      return `forget:${action.confirmed ? 'yes' : 'no'}`;
    case 'choice':
      return `ch:${action.value}`.slice(0, 64);
    case 'service': {
      const p = action.press;
      if ('service' in p) return `sv:${p.service}`;
      if ('resume' in p) return 'ap:resume';
      return [`ap:${p.application}:${p.rev}:${p.verb}`, p.arg].filter(Boolean).join(':').slice(0, 64);
    }
  }
}

export function decodeCallback(data: string): CallbackAction | undefined {
  const [head, a, b] = data.split(':');
  const id = Number(a);
  switch (head) {
    case 'fb':
      return Number.isSafeInteger(id) && (b === 'y' || b === 'n') ? { kind: 'feedback', answerId: id, helpful: b === 'y' } : undefined;
    case 'human':
      return { kind: 'human' };
    case 'rate': {
      const rating = Number(b);
      return Number.isSafeInteger(id) && Number.isInteger(rating) && rating >= 1 && rating <= 5
        ? { kind: 'rate', caseId: id, rating }
        : undefined;
    }
    case 'lang':
      return a === 'zh' || a === 'en' ? { kind: 'lang', lang: a } : a === 'auto' ? { kind: 'lang', lang: null } : undefined;
    case 'forget':
      return a === 'yes' || a === 'no' ? { kind: 'forget', confirmed: a === 'yes' } : undefined;
    case 'ch':
      return a ? { kind: 'choice', value: data.slice(3) } : undefined;
    case 'sv':
      return a && /^[a-z][a-z0-9_]*$/.test(a) ? { kind: 'service', press: { service: a } } : undefined;
    case 'ap': {
      if (a === 'resume') return { kind: 'service', press: { resume: true } };
      const [, , rev, verb, arg] = data.split(':');
      const r = Number(rev);
      return Number.isSafeInteger(id) && Number.isSafeInteger(r) && verb
        ? { kind: 'service', press: { application: id, rev: r, verb, ...(arg ? { arg } : {}) } }
        : undefined;
    }
    default:
      return undefined;
  }
}
