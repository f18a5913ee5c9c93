/**
 * The database failing under the service: a server that accepts TCP and never answers, a connection
 * dropped between the statements of a transaction. The process must stay up (or stop with one clear
 * message naming DATABASE_URL), never hang silently, never print a stack trace.
 */

import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError, storeFault } from '../../src/store/db.js';
import { openStore } from '../../src/store/open-store.js';
import { useDroppablePostgres } from '../support/faulty-db.js';
import { testDatabaseUrl } from '../support/stores.js';

/** A TCP server that takes connections and never says a word: a hung database host. */
async function silentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `postgres://niangjia:secret-password@127.0.0.1:${port}/niangjia`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('a database server that accepts connections and never answers', () => {
  let silent: Awaited<ReturnType<typeof silentServer>>;
  beforeAll(async () => {
    silent = await silentServer();
  });
  afterAll(async () => {
    await silent.close();
  });

  it('times out connecting, with a message that names DATABASE_URL and no password', async () => {
    const started = Date.now();
    const error = await openStore({ databaseUrl: silent.url, connectTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('connect');
    expect((error as Error).message).toMatch(/DATABASE_URL/);
    expect((error as Error).message).toMatch(/did not answer within 0\.3 s/);
    expect((error as Error).message).not.toContain('secret-password');
    expect(Date.now() - started).toBeLessThan(3_000);
  }, 10_000);

  it('stops npm start with that message and exit code 1, without a stack trace', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: process.cwd(),
      env: {
        PATH: process.env['PATH'],
        HOME: process.env['HOME'],
        DATABASE_URL: silent.url,
        DATABASE_CONNECT_TIMEOUT_MS: '300',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'nj-faults-')),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/Niangjia could not start: .*DATABASE_URL/);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).not.toContain('secret-password');
  }, 30_000);
});

describe.runIf(testDatabaseUrl)('a PostgreSQL connection dropped', () => {
  const postgres = useDroppablePostgres(3);

  it('between the statements of a transaction: the transaction fails as "unavailable", the process lives, the next query works', async () => {
    const failed = await postgres.db
      .transaction(async (tx) => {
        await tx.query(`insert into workers (channel, external_id, pseudonym) values ('test', 'dropped', 'W-D')`);
        await postgres.dropConnections();
        await new Promise((r) => setTimeout(r, 200)); // the server's goodbye arrives while the transaction is idle
        await tx.query('select 1');
      })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    expect(storeFault(failed)).toBe('unavailable');
    expect(await postgres.db.query(`select 1 from workers where external_id = 'dropped'`)).toEqual([]);
    expect(await postgres.db.query<{ ok: number }>('select 1 as ok')).toEqual([{ ok: 1 }]);
  });
});
