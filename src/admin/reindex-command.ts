/**
 * `npm run reindex [-- --dry-run | --full | --rollback | --sources]`. With the embedded PGlite store and a
 * running service that owns the data directory, the command never opens it (two writers lose data): it asks
 * the service's admin endpoint to do the work and streams its progress, or explains what to do. Otherwise it
 * opens the store and runs in-process. Progress on stderr, the summary on stdout; exit code 1 when any file
 * failed or the run could not be done.
 *
 * @example
 *   process.exitCode = await runReindexCommand({ argv: process.argv.slice(2), config });
 */
import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { createLogger, type Logger } from '../log.js';
import { secretValues } from '../config.js';
import { openStore } from '../store/open-store.js';
import { dataDirOwner } from '../store/data-dir-lock.js';
import { StoreError } from '../store/db.js';
import { createEmbedder } from '../llm/embedder.js';
import { createAdmin } from './admin.js';
import { createTriageSource } from '../triage/triage-source.js';
import { AdminClientError, createAdminClient } from './admin-client.js';
import { readAdminToken } from './admin-token.js';
import { createProgressView } from './progress-view.js';
import { formatSummary, type ReindexSummary } from './reindex-report.js';

type Action = 'reindex' | 'rollback' | 'sources';
type Out = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export interface ReindexCommandOptions {
  argv: string[];
  config: Config;
  stdout?: Out;
  stderr?: Out;
  log?: Logger;
  fetch?: typeof globalThis.fetch;
}

const usage = `usage: npm run reindex [-- --dry-run | --full | --rollback | --sources]
  (no option)  re-index what changed in KNOWLEDGE_DIR (unchanged documents are copied, not re-embedded)
  --dry-run    list what would be added, changed, removed; write nothing
  --full       re-read and re-embed every document
  --rollback   make the previous kept index version live again
  --sources    list the documents of the live version`;

export async function runReindexCommand({
  argv,
  config,
  stdout = process.stdout,
  stderr = process.stderr,
  log = createLogger({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, secrets: secretValues(config) }),
  fetch,
}: ReindexCommandOptions): Promise<number> {
  let values: Record<string, boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: {
      'dry-run': { type: 'boolean' }, full: { type: 'boolean' }, rollback: { type: 'boolean' }, sources: { type: 'boolean' }, help: { type: 'boolean' },
    } }));
  } catch (error) {
    stderr.write(`${(error as Error).message}\n${usage}\n`);
    return 1;
  }
  if (values['help']) return void stdout.write(usage + '\n'), 0;
  const action: Action = values['rollback'] ? 'rollback' : values['sources'] ? 'sources' : 'reindex';
  const options = { dryRun: Boolean(values['dry-run']), full: Boolean(values['full']) };
  const ctx = { config, stdout, stderr, log, fetch, action, options };
  if (!config.DATABASE_URL) {
    const owner = dataDirOwner(config.DATA_DIR);
    if (owner !== undefined) return forward(ctx, owner);
  }
  try {
    return await inProcess(ctx);
  } catch (error) {
    // The service may have started between the check and the open: ask it instead.
    if (error instanceof StoreError && error.code === 'locked') return forward(ctx, dataDirOwner(config.DATA_DIR));
    stderr.write(`reindex failed: ${(error as Error).message}\n`);
    return 1;
  }
}

interface Context {
  config: Config;
  stdout: Out;
  stderr: Out;
  log: Logger;
  fetch?: typeof globalThis.fetch;
  action: Action;
  options: { dryRun: boolean; full: boolean };
}

async function inProcess({ config, stdout, stderr, log, action, options }: Context): Promise<number> {
  const db = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const admin = createAdmin({
      db, embedder: createEmbedder(config), knowledgeDir: config.KNOWLEDGE_DIR, versionsKept: config.INDEX_VERSIONS_KEPT, log,
      extras: createTriageSource({ db, knowledgeDir: config.KNOWLEDGE_DIR, log }),
    });
    if (action !== 'reindex') {
      stdout.write((action === 'rollback' ? await admin.rollback() : await admin.sources()) + '\n');
      return 0;
    }
    const view = createProgressView({ stream: stderr });
    const summary = await admin.run(view.update, options).finally(() => view.finish());
    return finish(stdout, summary, formatSummary(summary));
  } finally {
    await db.close();
  }
}

async function forward({ config, stdout, stderr, fetch, action, options }: Context, owner: number | undefined): Promise<number> {
  const baseUrl = `http://127.0.0.1:${config.PORT}/admin`;
  const explain = (why: string) => {
    stderr.write(
      `The embedded database in ${config.DATA_DIR} belongs to the running service${owner ? ` (pid ${owner})` : ''}, so this ` +
        `command did not open it. Asking the service at ${baseUrl} failed: ${why}.\nEither stop the service and run ` +
        `npm run reindex again, or make sure PORT is the service's port and the token matches (ADMIN_TOKEN, or ` +
        `${config.DATA_DIR}/admin.token readable by this user).\n`,
    );
    return 1;
  };
  const token = await readAdminToken({ configured: config.ADMIN_TOKEN, dataDir: config.DATA_DIR });
  if (!token) return explain('no ADMIN_TOKEN is set and the service wrote no admin.token');
  stderr.write(`The service${owner ? ` (pid ${owner})` : ''} owns ${config.DATA_DIR}: asking it to do this.\n`);
  const client = createAdminClient({ baseUrl, token, fetch });
  try {
    if (action !== 'reindex') {
      stdout.write((action === 'rollback' ? await client.rollback() : await client.sources()) + '\n');
      return 0;
    }
    const view = createProgressView({ stream: stderr });
    const { summary, text } = await client.reindex(view.update, options).finally(() => view.finish());
    return finish(stdout, summary, text);
  } catch (error) {
    if (error instanceof AdminClientError && error.status === 409) {
      stderr.write(`${error.message}\n`);
      return 1;
    }
    return explain((error as Error).message);
  }
}

function finish(stdout: Out, summary: ReindexSummary, text: string): number {
  stdout.write(text + '\n');
  return summary.failed.length ? 1 : 0;
}
