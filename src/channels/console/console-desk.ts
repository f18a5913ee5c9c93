/**
 * The console staff desk of the embedded default: without Slack settings, new cases and worker messages are
 * printed in the terminal, and staff commands typed there (`:queue`, `:claim 42`, `:reply 42 text` — sent to
 * the worker —, `:note 42 text` — kept on the desk, never sent —, `:resolve 42`, `:case 42`, `:urgent 42`,
 * `:normal 42`) work the queue — the whole flow on one machine. `:report [days]` prints the listening report,
 * and the weekly one is printed when it is due.
 *
 * @example
 *   const consoleDesk = createConsoleDesk({ cases, translate, write: (s) => process.stdout.write(s) });
 *   outbox.register(STAFF_DESK_CHANNEL, createStaffDeskDeliverer({ db, desk: consoleDesk.desk }));
 *   await runConsoleChat({ …, staffCommand: consoleDesk.command });
 */
import type { Lang } from '../../assistant/types.js';
import { cardText, deskTexts } from '../../cases/case-text.js';
import { type ApplicationDecisions, CaseError, type CaseService, type DeskRef, type Staff, type StaffDesk } from '../../cases/types.js';
import type { Translate } from '../../i18n/translator.js';
import type { ListeningReport } from '../../insights/listening-report.js';
import type { ReportDesk } from '../../insights/report-deliverer.js';
import { plainReportText } from '../../insights/report-text.js';

export interface ConsoleDeskOptions {
  cases: CaseService;
  /** `:approve 42`, `:decline 42 <reason>`, `:more 42 <what to add>` on guided applications. */
  applications?: ApplicationDecisions;
  translate: Translate;
  /** Where the desk prints (the terminal). */
  write: (text: string) => void;
  /** Who types the commands. */
  staff?: Staff;
  lang?: Lang;
  clock?: () => Date;
  /** The union's time zone (UNION_TIME_ZONE) for dates in texts. */
  timeZone?: string;
  /** Builds the listening report of the last `days` days (`:report`). */
  report?: (days: number) => Promise<ListeningReport>;
}

export interface ConsoleDesk {
  desk: StaffDesk;
  /** Prints the listening reports the outbox delivers (the weekly one). */
  reports: ReportDesk;
  /** Runs one `:command` line and returns what to print. */
  command(line: string): Promise<string>;
}

const usage =
  ':queue · :case 42 · :claim 42 · :reply 42 <text to the worker> · :note 42 <internal note> · :resolve 42 · :urgent 42 · :normal 42 · :approve 42 · :decline 42 <reason> · :more 42 <question> · :report [days]';

export function createConsoleDesk({
  cases,
  applications,
  translate,
  write,
  staff = { id: 'console', name: 'console' },
  lang = 'zh',
  clock = () => new Date(),
  timeZone,
  report,
}: ConsoleDeskOptions): ConsoleDesk {
  const x = deskTexts(translate, lang, timeZone);
  const printable = (r: ListeningReport) => plainReportText(r, { translate, lang });
  let n = 0;
  const ref = (): DeskRef => ({ channel: 'console', ts: `${clock().getTime()}.${++n}` });

  const desk: StaffDesk = {
    async postCard(card) {
      write(
        `\n[staff] ${cardText(card, x)}\n        (:claim ${card.id} · :reply ${card.id} … · :note ${card.id} … · :resolve ${card.id})\n`,
      );
      return { channel: 'console', ts: `card-${card.id}` };
    },
    async updateCard(_ref, card) {
      write(`[staff] ${x.title(card)} — ${x.status(card.status)}${card.assignee ? ` (${card.assignee.name})` : ''}\n`);
    },
    async post(message) {
      write(`[staff #${message.caseId}] ${x.message(message)}\n`);
      return ref();
    },
    async redact() {},
  };

  async function run(verb: string, id: number, rest: string): Promise<string> {
    switch (verb) {
      case 'case': {
        const card = await cases.card(id);
        return card ? cardText(card, x) : x.t('desk-not-found', { caseId: id });
      }
      case 'claim': {
        const { changed, card } = await cases.claim(id, staff);
        return changed || card.assignee?.id === staff.id
          ? `${x.title(card)} — ${x.status(card.status)}`
          : x.t('desk-already-claimed', { caseId: id, who: card.assignee?.name ?? '?' });
      }
      case 'reply':
        if (!rest) return usage;
        await cases.staffReply(id, staff, rest, `console:${clock().getTime()}:${++n}`);
        return `→ #${id}`;
      case 'note':
        if (!rest) return usage;
        await cases.staffNote(id, staff, rest, `console:${clock().getTime()}:${++n}`);
        return `📝 #${id}`;
      case 'resolve':
        return `${x.title((await cases.resolve(id, staff)).card)} — ${x.status('resolved')}`;
      case 'urgent':
      case 'normal':
        return x.title((await cases.changePriority(id, staff, verb)).card);
      case 'approve':
      case 'decline':
      case 'more': {
        if (!applications || (verb !== 'approve' && !rest)) return usage;
        const card = (await applications.decide(id, staff, verb, rest)) ? await cases.card(id) : undefined;
        return card?.application
          ? `${x.title(card)} — ${x.application(card.application).status}`
          : x.t('desk-not-application', { caseId: id });
      }
      default:
        return usage;
    }
  }

  return {
    desk,
    reports: { postReport: async (r) => void write(`\n[staff] ${printable(r)}\n`) },
    async command(line) {
      const [, verb = '', idText = '', rest = ''] = /^:(\w+)\s*(\d*)\s*([\s\S]*)$/.exec(line.trim()) ?? [];
      if (verb === 'queue') {
        const queue = await cases.queue();
        if (!queue.length) return x.t('desk-queue-empty');
        return [x.t('desk-queue-title'), ...queue.map((c) => `  ${x.queueLine(c, clock())}`)].join('\n');
      }
      if (verb === 'report') {
        const days = idText ? Number(idText) : 7;
        return report && days >= 1 && days <= 366 ? printable(await report(days)) : usage;
      }
      const id = Number(idText);
      if (!idText || !Number.isSafeInteger(id)) return usage;
      try {
        return await run(verb, id, rest.trim());
      } catch (error) {
        if (error instanceof CaseError) {
          if (error.code === 'not_application') return x.t('desk-not-application', { caseId: id });
          return error.code === 'closed' ? x.t('desk-case-closed', { caseId: id }) : x.t('desk-not-found', { caseId: id });
        }
        throw error;
      }
    },
  };
}
