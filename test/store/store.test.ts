import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Update } from 'grammy/types';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { updateIdentity } from '../../src/channels/telegram/update-identity.js';
import { StoreError, toVectorLiteral } from '../../src/store/db.js';
import { listUnhandledInbound, markInbound, recordInbound } from '../../src/store/inbox-store.js';
import { listMigrations, migrate } from '../../src/store/migrate.js';
import { openStore } from '../../src/store/open-store.js';
import { forgetWorker, getWorker, upsertWorker } from '../../src/store/worker-store.js';
import { storeKinds, testDatabaseUrl, uniqueSchema, useStore } from '../support/stores.js';

describe.each(storeKinds)('store on %s', (kind) => {
  const store = useStore(kind);

  it('has pgvector and applied every migration once', async () => {
    const [row] = await store.db.query<{ d: number }>(`select ($1::vector <=> $2::vector) as d`, [
      toVectorLiteral([1, 0]),
      toVectorLiteral([0, 1]),
    ]);
    expect(row!.d).toBeCloseTo(1);
    expect(await migrate(store.db)).toEqual([]);
  });

  it('rolls back a failed transaction', async () => {
    await expect(
      store.db.transaction(async (tx) => {
        await tx.query(`insert into workers (channel, external_id, pseudonym) values ('test', 'rollback', 'W-1')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.db.query(`select 1 from workers where external_id = 'rollback'`)).toEqual([]);
  });

  it('runs a statement with settings of its own, for it alone (also inside a transaction, for the rest of it)', async () => {
    const setting = "select current_setting('enable_sort') as sort, current_setting('hnsw.ef_search') as ef";
    for (let i = 0; i < 3; i++) {
      expect(await store.db.queryWith({ enable_sort: 'off', 'hnsw.ef_search': '100' }, setting)).toEqual([{ sort: 'off', ef: '100' }]);
      expect((await store.db.query<{ sort: string }>(setting))[0]!.sort).toBe('on');
    }
    expect(await store.db.queryWith({ enable_sort: 'off' }, 'select $1::int + 1 as n', [1])).toEqual([{ n: 2 }]);
    await store.db.transaction(async (tx) => {
      expect(await tx.queryWith({ enable_sort: 'off' }, setting)).toMatchObject([{ sort: 'off' }]);
    });
    expect((await store.db.query<{ sort: string }>(setting))[0]!.sort).toBe('on');
    await expect(store.db.queryWith({ "x'; drop table workers; --": 'on' }, 'select 1')).rejects.toThrow('not a plain setting');
  });

  it('stores an incoming message once, and finds it again when it was never handled', async () => {
    const first = await recordInbound(store.db, { channel: 'test', externalId: '1', payload: { text: 'hi' } });
    const again = await recordInbound(store.db, { channel: 'test', externalId: '1', payload: { text: 'hi' } });
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    expect(again.message.id).toBe(first.message.id);
    expect((await listUnhandledInbound(store.db, 'test')).map((m) => m.id)).toEqual([first.message.id]);
    await markInbound(store.db, first.message.id, 'handled');
    expect(await listUnhandledInbound(store.db, 'test')).toEqual([]);
  });

  it('forgets a worker but keeps the pseudonym', async () => {
    const w = await upsertWorker(store.db, { channel: 'test', externalId: '77', chatId: '77', displayName: '张三', username: 'zs' });
    await forgetWorker(store.db, w.id);
    const after = await getWorker(store.db, w.id);
    expect(after).toMatchObject({ display_name: null, username: null, pseudonym: w.pseudonym });
    expect(after!.forgotten_at).toBeInstanceOf(Date);
  });
});

describe.each(storeKinds)('migration 070 on %s', (kind) => {
  it('gives Telegram updates stored before it their fingerprint and sender, so a redelivery is still a duplicate', async () => {
    const schema = uniqueSchema();
    const db =
      kind === 'pglite'
        ? await openStore({ dataDir: 'memory://', migrations: false })
        : await openStore({ databaseUrl: testDatabaseUrl!, schema, migrations: false });
    try {
      await migrate(
        db,
        listMigrations().filter((m) => m.version < 70),
      );
      const message = {
        update_id: 900,
        message: {
          message_id: 3,
          date: 1,
          chat: { id: 42, type: 'private' },
          from: { id: 42, is_bot: false, first_name: 'Li' },
          text: '你好',
        },
      } as Update;
      const press = {
        update_id: 901,
        callback_query: { id: 'cb-7', from: { id: 43, is_bot: false, first_name: 'Wang' }, chat_instance: 'c', data: 'human' },
      } as Update;
      for (const u of [message, press]) {
        await db.query(`insert into inbound_messages (channel, external_id, payload) values ('telegram', $1, $2)`, [
          String(u.update_id),
          JSON.stringify(u),
        ]);
      }
      await migrate(db);
      const rows = await db.query<{ fingerprint: string; sender: string }>('select fingerprint, sender from inbound_messages order by id');
      expect(rows).toEqual(
        [message, press].map((u) => {
          const { fingerprint, sender } = updateIdentity(u);
          return { fingerprint, sender };
        }),
      );
      const again = await recordInbound(db, { channel: 'telegram', externalId: '900', ...updateIdentity(message), payload: message });
      expect(again.duplicate).toBe(true);
    } finally {
      await db.close();
      if (kind === 'postgres') {
        const c = new pg.Client({ connectionString: testDatabaseUrl });
        await c.connect();
        await c.query(`drop schema if exists ${schema} cascade`);
        await c.end();
      }
    }
  });
});

describe('embedded data directory', () => {
  it('is owned by one process: a second one is told the owner pid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nj-lock-'));
    const db = await openStore({ dataDir: dir });
    try {
      const child = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '-e',
          `import('./src/store/open-store.ts').then(m => m.openStore({ dataDir: ${JSON.stringify(dir)} })).then(() => process.exit(0), e => { console.log(e.message); process.exit(3); })`,
        ],
        { encoding: 'utf8', cwd: process.cwd() },
      );
      expect(child.status).toBe(3);
      expect(child.stdout).toContain(`pid ${process.pid}`);
      await expect(openStore({ dataDir: dir })).rejects.toBeInstanceOf(StoreError);
    } finally {
      await db.close();
    }
    const reopened = await openStore({ dataDir: dir });
    await reopened.close();
  });
});
