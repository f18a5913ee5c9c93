/**
 * `npm run outbox -- --list | --retry ID | --retry-all`: the dead letters (outbox items given up on), listed
 * without workers' personal data, and put back in the outbox once their cause is fixed. Through the same
 * admin port as the re-index: in-process, or through the running service that owns the embedded data
 * directory (admin-command.ts).
 *
 * @example
 *   process.exitCode = await runOutboxCommand({ argv: ['--retry', '812'], config });
 */
import { parseArgs } from 'node:util';
import { type AdminCommandOptions, adminIo, runOnAdmin, textTask } from './admin-command.js';

const usage = `usage: npm run outbox -- --list | --retry ID | --retry-all
  --list       the dead letters: outbox items given up on (newest first), with why
  --retry ID   put dead letter ID back in the outbox, with a fresh set of attempts
  --retry-all  put every dead letter back (fix the cause first: a blocked bot or a wrong token fails again)`;

export async function runOutboxCommand(options: AdminCommandOptions): Promise<number> {
  const io = adminIo(options);
  const fail = (message: string) => (io.stderr.write(`${message}\n${usage}\n`), 1);
  let values: { list?: boolean; retry?: string; 'retry-all'?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: options.argv,
      strict: true,
      options: {
        list: { type: 'boolean' },
        retry: { type: 'string' },
        'retry-all': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    return fail((error as Error).message);
  }
  if (values.help) return (void io.stdout.write(`${usage}\n`), 0);
  if ([values.list, values.retry !== undefined, values['retry-all']].filter(Boolean).length !== 1) {
    return fail('choose one of --list, --retry ID, --retry-all');
  }
  const id = Number(values.retry);
  if (values.retry !== undefined && !(Number.isSafeInteger(id) && id > 0))
    return fail(`--retry takes an outbox id (a number), not "${values.retry}"`);
  const which = values['retry-all'] ? 'all' : values.retry !== undefined ? id : undefined;
  return runOnAdmin(
    io,
    'outbox',
    textTask(io, (admin) => (which === undefined ? admin.deadLetters() : admin.retryDeadLetters(which))),
  );
}
