import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { storeKinds, useStore } from './support/stores.js';
import { openStore } from '../src/store/open-store.js';
import { StoreError, toVectorLiteral } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { recordInbound, markInbound, listUnhandledInbound } from '../src/store/inbox-store.js';
import { upsertWorker, forgetWorker, getWorker } from '../src/store/worker-store.js';

describe.each(storeKinds)('store on %s', (kind) => {
  const store = useStore(kind);

  it('has pgvector and applied every migration once', async () => {
    const [row] = await store.db.query<{ d: number }>(`select ($1::vector <=> $2::vector) as d`, [toVectorLiteral([1, 0]), toVectorLiteral([0, 1])]);
    expect(row!.d).toBeCloseTo(1);
    expect(await migrate(store.db)).toEqual([]);
  });

  it('rolls back a failed transaction', async () => {
    await expect(store.db.transaction(async (tx) => {
      await tx.query(`insert into workers (channel, external_id, pseudonym) values ('test', 'rollback', 'W-1')`);
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await store.db.query(`select 1 from workers where external_id = 'rollback'`)).toEqual([]);
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

describe('embedded data directory', () => {
  it('is owned by one process: a second one is told the owner pid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nj-lock-'));
    const db = await openStore({ dataDir: dir });
    try {
      const child = spawnSync(process.execPath, ['--import', 'tsx', '-e',
        `import('./src/store/open-store.ts').then(m => m.openStore({ dataDir: ${JSON.stringify(dir)} })).then(() => process.exit(0), e => { console.log(e.message); process.exit(3); })`],
        { encoding: 'utf8', cwd: process.cwd() });
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
