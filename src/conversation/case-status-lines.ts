/**
 * The worker's /case answer, the same in every channel: a line per case, and for a case that carries a
 * guided application, the application and where it stands.
 *
 * @example
 *   caseStatusLines(await workers.cases(identity), 'zh', translate, 'Asia/Shanghai')
 *   // ['你的个案：', '• #42 入会申请：已提交，等待审核（2026-01-05 提交）']
 */
import type { Lang } from '../i18n/lang.js';
import type { Translate } from '../i18n/translator.js';
import { DEFAULT_TIME_ZONE, formatDate } from '../i18n/union-time.js';
import type { WorkerCaseStatus } from './types.js';

export function caseStatusLines(cases: WorkerCaseStatus[], lang: Lang, t: Translate, timeZone = DEFAULT_TIME_ZONE): string[] {
  if (!cases.length) return [t(lang, 'tg-cases-none')];
  return [
    t(lang, 'tg-cases-header'),
    ...cases.map((c) => {
      const opened = formatDate(new Date(c.openedAt), timeZone);
      const key = `tg-case-status-${c.status}`;
      const caseStatus = t(lang, key) === key ? c.status : t(lang, key);
      if (!c.application) return t(lang, 'tg-case-line', { caseId: c.id, status: caseStatus, opened });
      // An application whose case staff resolved without deciding it reads as the case does.
      const undecided = ['submitted', 'more_info'].includes(c.application.status) && ['resolved', 'closed'].includes(c.status);
      const status = undecided ? caseStatus : t(lang, `svc-status-${c.application.status}`);
      return t(lang, 'tg-case-line-application', { caseId: c.id, title: c.application.title[lang], status, opened });
    }),
  ];
}
