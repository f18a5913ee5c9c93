/**
 * What the admin CLIs (`npm run reindex`, `npm run outbox`) share. With the embedded PGlite store and a running
 * service that owns the data directory, a command never opens it (two writers lose data): it asks the
 * service's admin endpoint to do the work, or explains what to do. Otherwise it opens the store and runs
 * in-process. Output on stdout, progress and problems on stderr; the exit code is the command's.
 *
 * @example
 *   return runOnAdmin(io, 'outbox', { local: (admin) => print(admin.deadLetters()), remote: (client) => print(client.deadLetters()) });
 */
import type { Config } from '../config.js';
import { secretValues } from '../config.js';
import { createEmbedder } from '../llm/embedder.js';
import { createLogger, type Logger } from '../log.js';
import { dataDirOwner } from '../store/data-dir-lock.js';
import { StoreError } from '../store/db.js';
import { openStore } from '../store/open-store.js';
import { createTriageSource } from '../triage/triage-source.js';
import { createAdmin } from './admin.js';
import { type AdminClient, AdminClientError, createAdminClient } from './admin-client.js';
import type { Admin } from './admin-port.js';
import { readAdminToken } from './admin-token.js';

export type Out = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export interface AdminCommandOptions {
  argv: string[];
  config: Config;
  stdout?: Out;
  stderr?: Out;
  log?: Logger;
  fetch?: typeof globalThis.fetch;
}

export type AdminIo = Required<Omit<AdminCommandOptions, 'argv' | 'fetch'>> & Pick<AdminCommandOptions, 'fetch'>;

/** The options with their defaults: the process's streams, a logger quieter than the service's. */
export function adminIo({
  config,
  stdout = process.stdout,
  stderr = process.stderr,
  fetch,
  log = createLogger({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, secrets: secretValues(config) }),
}: AdminCommandOptions): AdminIo {
  return { config, stdout, stderr, log, fetch };
}

/** One command, as it runs in this process (over the store) and through the running service. */
export interface AdminTask {
  local(admin: Admin): Promise<number>;
  remote(client: AdminClient): Promise<number>;
}

/** A command whose answer is the admin port's text (the same in-process and through the service). */
export function textTask(io: AdminIo, ask: (admin: Admin | AdminClient) => Promise<string>): AdminTask {
  const print = async (admin: Admin | AdminClient) => (io.stdout.write(`${await ask(admin)}\n`), 0);
  return { local: print, remote: print };
}

/** Runs `task` in-process, or through the service that owns the embedded data directory. `command` names it in messages. */
export async function runOnAdmin(io: AdminIo, command: string, task: AdminTask): Promise<number> {
  const { config, stderr } = io;
  if (!config.DATABASE_URL) {
    const owner = dataDirOwner(config.DATA_DIR);
    if (owner !== undefined) return forward(io, command, task, owner);
  }
  try {
    return await inProcess(io, task);
  } catch (error) {
    // The service may have started between the check and the open: ask it instead.
    if (error instanceof StoreError && error.code === 'locked') return forward(io, command, task, dataDirOwner(config.DATA_DIR));
    stderr.write(`${command} failed: ${(error as Error).message}\n`);
    return 1;
  }
}

async function inProcess({ config, log }: AdminIo, task: AdminTask): Promise<number> {
  const db = await openStore({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
  });
  try {
    return await task.local(
      createAdmin({
        db,
        embedder: createEmbedder(config),
        knowledgeDir: config.KNOWLEDGE_DIR,
        versionsKept: config.INDEX_VERSIONS_KEPT,
        log,
        timeZone: config.UNION_TIME_ZONE,
        extras: createTriageSource({ db, knowledgeDir: config.KNOWLEDGE_DIR, log }),
        maxFileBytes: config.KNOWLEDGE_MAX_FILE_MB * 2 ** 20,
      }),
    );
  } finally {
    await db.close();
  }
}

async function forward({ config, stderr, fetch }: AdminIo, command: string, task: AdminTask, owner: number | undefined): Promise<number> {
  // The admin listener (ADMIN_HOST:ADMIN_PORT, loopback by default); one bound to every address is asked on loopback.
  const host = ['0.0.0.0', '::'].includes(config.ADMIN_HOST) ? '127.0.0.1' : config.ADMIN_HOST;
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${config.ADMIN_PORT}/admin`;
  const explain = (why: string) => {
    stderr.write(
      `The embedded database in ${config.DATA_DIR} belongs to the running service${owner ? ` (pid ${owner})` : ''}, so this ` +
        `command did not open it. Asking the service at ${baseUrl} failed: ${why}.\nEither stop the service and run ` +
        `npm run ${command} again, or make sure ADMIN_HOST and ADMIN_PORT are the service's and the token matches (ADMIN_TOKEN, or ` +
        `${config.DATA_DIR}/admin.token readable by this user).\n`,
    );
    return 1;
  };
  const token = await readAdminToken({ configured: config.ADMIN_TOKEN, dataDir: config.DATA_DIR });
  if (!token) return explain('no ADMIN_TOKEN is set and the service wrote no admin.token');
  stderr.write(`The service${owner ? ` (pid ${owner})` : ''} owns ${config.DATA_DIR}: asking it to do this.\n`);
  try {
    return await task.remote(createAdminClient({ baseUrl, token, fetch }));
  } catch (error) {
    if (error instanceof AdminClientError && error.status === 409) {
      stderr.write(`${error.message}\n`);
      return 1;
    }
    return explain((error as Error).message);
  }
}
