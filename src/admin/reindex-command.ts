/**
 * `npm run reindex [-- --dry-run | --full | --rollback | --sources]`: in-process, or through the running
 * service that owns the embedded data directory (admin-command.ts). Progress on stderr, the summary on
 * stdout; exit code 1 when any file failed or the run could not be done.
 *
 * @example
 *   process.exitCode = await runReindexCommand({ argv: process.argv.slice(2), config });
 */
import { parseArgs } from 'node:util';
import { type AdminCommandOptions, adminIo, type Out, runOnAdmin, textTask } from './admin-command.js';
import { createProgressView } from './progress-view.js';
import { formatSummary, type ReindexSummary } from './reindex-report.js';

export type ReindexCommandOptions = AdminCommandOptions;

const usage = `usage: npm run reindex [-- --dry-run | --full | --rollback | --sources]
  (no option)  re-index what changed in KNOWLEDGE_DIR (unchanged documents are copied, not re-embedded)
  --dry-run    list what would be added, changed, removed; write nothing
  --full       re-read and re-embed every document
  --rollback   make the previous kept index version live again
  --sources    list the documents of the live version`;

export async function runReindexCommand(options: ReindexCommandOptions): Promise<number> {
  const io = adminIo(options);
  let values: Record<string, boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: options.argv,
      strict: true,
      options: {
        'dry-run': { type: 'boolean' },
        full: { type: 'boolean' },
        rollback: { type: 'boolean' },
        sources: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${usage}\n`);
    return 1;
  }
  if (values['help']) return (void io.stdout.write(`${usage}\n`), 0);
  if (values['rollback'])
    return runOnAdmin(
      io,
      'reindex',
      textTask(io, (admin) => admin.rollback()),
    );
  if (values['sources'])
    return runOnAdmin(
      io,
      'reindex',
      textTask(io, (admin) => admin.sources()),
    );

  const reindex = { dryRun: Boolean(values['dry-run']), full: Boolean(values['full']) };
  return runOnAdmin(io, 'reindex', {
    async local(admin) {
      const view = createProgressView({ stream: io.stderr });
      const summary = await admin.run(view.update, reindex).finally(() => view.finish());
      return finish(io.stdout, summary, formatSummary(summary));
    },
    async remote(client) {
      const view = createProgressView({ stream: io.stderr });
      const { summary, text } = await client.reindex(view.update, reindex).finally(() => view.finish());
      return finish(io.stdout, summary, text);
    },
  });
}

function finish(stdout: Out, summary: ReindexSummary, text: string): number {
  stdout.write(`${text}\n`);
  return summary.failed.length ? 1 : 0;
}
