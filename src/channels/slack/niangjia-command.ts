/**
 * `/niangjia queue | case 42 | report [days] | reindex | sources | rollback | outbox [retry 812 | retry all] | help`.
 * Queue, case and report are for staff, the rest for admins (SLACK_ADMIN_USER_IDS), help for anyone. A re-index runs after the
 * command is acknowledged and shows its progress in one message that is edited as it goes (Slack wants an
 * answer within 3 seconds).
 */
import type { types, webApi } from '@slack/bolt';
import type { DeskTexts } from '../../cases/case-text.js';
import type { CaseService } from '../../cases/types.js';
import type { Logger } from '../../log.js';
import { cardBlocks, cardFallback, escapeMrkdwn } from './case-blocks.js';
import type { StaffDirectory } from './staff-directory.js';

/**
 * Port: the knowledge-base admin the re-index engineer implements; the Slack desk only calls it.
 *
 * @example
 *   const summary = await admin.reindex(async (line) => console.log(line)); // 'added 2 · changed 1 · removed 0 …'
 */
export interface KnowledgeAdmin {
  reindex(report: (line: string) => Promise<void>): Promise<string>;
  sources(): Promise<string>;
  /** Makes the previous index version live again; returns what it did. */
  rollback?(): Promise<string>;
  /** The outbox's dead letters, without workers' personal data. */
  deadLetters?(): Promise<string>;
  /** Puts one dead letter (by outbox id) or all back in the outbox; returns what it did. */
  retryDeadLetters?(which: number | 'all'): Promise<string>;
}

/**
 * Port: ask for a listening report of the last `days` days, posted to the cases channel once per `key`
 * (insights/report-schedule.ts implements it over the outbox).
 */
export interface ReportRequests {
  request(days: number, key: string): Promise<void>;
}

export interface CommandReply {
  text: string;
  blocks?: types.KnownBlock[];
  /** Work to run after the reply was sent (a re-index). */
  background?: () => Promise<void>;
}

export interface CommandContext {
  cases: CaseService;
  directory: StaffDirectory;
  admin?: KnowledgeAdmin;
  reports?: ReportRequests;
  texts: DeskTexts;
  clock: () => Date;
  log: Logger;
  /** Where a re-index shows its progress. */
  progress: () => ProgressMessage;
}

export interface ProgressMessage {
  show(text: string, final: boolean): Promise<void>;
}

const codeBlock = (text: string) => `\`\`\`${text.replace(/```/g, "'''")}\`\`\``;

export async function runNiangjiaCommand(userId: string, text: string, ctx: CommandContext): Promise<CommandReply> {
  const [verb = 'help', arg = '', target = ''] = text.trim().split(/\s+/);
  const { texts: x } = ctx;
  if (verb === 'reindex' || verb === 'sources' || verb === 'rollback' || verb === 'outbox') {
    if (!ctx.directory.isAdmin(userId)) {
      ctx.log.warn('slack.admin_refused', { userId, command: verb });
      return { text: x.t('desk-admin-only') };
    }
    if (!ctx.admin) return { text: x.t('desk-admin-unavailable') };
    if (verb === 'sources') return { text: codeBlock(await ctx.admin.sources()) };
    if (verb === 'outbox') return outboxCommand(ctx.admin, userId, arg, target, ctx);
    if (verb === 'rollback') {
      if (!ctx.admin.rollback) return { text: x.t('desk-admin-unavailable') };
      ctx.log.info('slack.rollback', { userId });
      try {
        return { text: codeBlock(await ctx.admin.rollback()) };
      } catch (error) {
        return { text: x.t('desk-rollback-failed', { reason: (error as Error).message ?? String(error) }) };
      }
    }
    const admin = ctx.admin;
    const started = x.t('desk-reindex-started', { who: `<@${userId}>` });
    return { text: started, background: () => reindexWithProgress(admin, started, ctx) };
  }
  if (verb === 'queue' || verb === 'case' || verb === 'report') {
    if (!(await ctx.directory.isStaff(userId))) {
      ctx.log.warn('slack.command_refused', { userId, command: verb });
      return { text: x.t('desk-refused') };
    }
    if (verb === 'report') {
      const days = arg ? Number(arg) : 7;
      if (!Number.isSafeInteger(days) || days < 1 || days > 366) return { text: x.t('report-usage') };
      if (!ctx.reports) return { text: x.t('desk-admin-unavailable') };
      await ctx.reports.request(days, `${userId}:${ctx.clock().getTime()}`);
      return { text: x.t('report-requested', { days }) };
    }
    if (verb === 'queue') {
      const queue = await ctx.cases.queue();
      if (!queue.length) return { text: x.t('desk-queue-empty') };
      const now = ctx.clock();
      return {
        text: [`*${x.t('desk-queue-title')}*`, ...queue.slice(0, 30).map((c) => `• ${escapeMrkdwn(x.queueLine(c, now))}`)].join('\n'),
      };
    }
    const id = Number(arg.replace(/^#/, ''));
    const card = Number.isSafeInteger(id) && id > 0 ? await ctx.cases.card(id) : undefined;
    if (!card) return { text: x.t('desk-not-found', { caseId: arg || '?' }) };
    return { text: cardFallback(card, x), blocks: cardBlocks(card, x) };
  }
  return { text: x.t('desk-help') };
}

/** `outbox` lists the dead letters, `outbox retry 812` / `outbox retry all` puts them back in the outbox. */
async function outboxCommand(
  admin: KnowledgeAdmin,
  userId: string,
  arg: string,
  target: string,
  ctx: CommandContext,
): Promise<CommandReply> {
  if (!admin.deadLetters || !admin.retryDeadLetters) return { text: ctx.texts.t('desk-admin-unavailable') };
  if (!arg) return { text: codeBlock(await admin.deadLetters()) };
  const id = Number(target.replace(/^#/, ''));
  const which = target === 'all' ? 'all' : Number.isSafeInteger(id) && id > 0 ? id : undefined;
  if (arg !== 'retry' || which === undefined) return { text: ctx.texts.t('desk-outbox-usage') };
  ctx.log.info('slack.outbox_retry', { userId, which });
  return { text: codeBlock(await admin.retryDeadLetters(which)) };
}

/** Runs the re-index, keeping the last lines of progress in one message edited at most every `everyMs`. */
async function reindexWithProgress(admin: KnowledgeAdmin, started: string, ctx: CommandContext, everyMs = 2_000): Promise<void> {
  const message = ctx.progress();
  const lines: string[] = [];
  let shownAt = 0;
  const render = () => `${started}\n${codeBlock(lines.slice(-15).join('\n') || '…')}`;
  try {
    await message.show(render(), false);
    const summary = await admin.reindex(async (line) => {
      lines.push(line);
      if (ctx.clock().getTime() - shownAt >= everyMs) {
        shownAt = ctx.clock().getTime();
        await message.show(render(), false).catch((error) => ctx.log.warn('slack.reindex_progress_failed', { error }));
      }
    });
    lines.push(summary);
    ctx.log.info('slack.reindex_done', {});
  } catch (error) {
    ctx.log.error('slack.reindex_failed', { error });
    lines.push(ctx.texts.t('desk-reindex-failed', { reason: (error as Error).message ?? String(error) }));
  }
  await message.show(render(), true).catch((error) => ctx.log.error('slack.reindex_report_failed', { error }));
}

/**
 * A progress message in the channel the command came from, edited in place; when the bot cannot post
 * there (a DM it is not part of), the final text goes back through the command's response_url.
 */
export function channelProgress(client: webApi.WebClient, channel: string, respond: (text: string) => Promise<unknown>): ProgressMessage {
  let posted: { channel: string; ts: string } | undefined;
  let unavailable = false;
  return {
    async show(text, final) {
      if (!posted && !unavailable) {
        try {
          const r = await client.chat.postMessage({ channel, text });
          posted = { channel: r.channel ?? channel, ts: r.ts! };
          return;
        } catch {
          unavailable = true;
        }
      }
      if (posted) await client.chat.update({ ...posted, text });
      else if (final) await respond(text);
    },
  };
}
