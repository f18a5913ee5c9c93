/**
 * Raw updates are not kept for ever: after INBOUND_RETENTION_DAYS their payloads go, and what stays of a
 * handled update is what de-duplication needs (channel, id, fingerprint, status, times).
 */
import { describe, expect, it } from 'vitest';
import { startInboundRetention } from '../../src/store/inbound-retention.js';
import { markInbound, recordInbound } from '../../src/store/inbox-store.js';
import { upsertWorker } from '../../src/store/worker-store.js';
import { storeKinds, useStore } from '../support/stores.js';

describe.each(storeKinds)('inbound retention on %s', (kind) => {
  const store = useStore(kind);

  it('clears payloads older than the setting, keeps what de-duplication needs, leaves recent ones alone', async () => {
    const worker = await upsertWorker(store.db, { channel: 'telegram', externalId: '555', chatId: '555' });
    const stored = async (externalId: string, status: 'handled' | 'failed' | 'received', daysAgo: number) => {
      const { message } = await recordInbound(store.db, {
        channel: 'telegram',
        externalId,
        fingerprint: `fp-${externalId}`,
        sender: '555',
        workerId: worker.id,
        payload: { message: { text: '我的电话13812345678' } },
      });
      if (status !== 'received') await markInbound(store.db, message.id, status, status === 'failed' ? 'Error: assistant down' : undefined);
      await store.db.query(`update inbound_messages set received_at = now() - make_interval(days => $2) where id = $1`, [
        message.id,
        daysAgo,
      ]);
      return message.id;
    };
    const oldHandled = await stored('r-1', 'handled', 40);
    const oldFailed = await stored('r-2', 'failed', 31);
    const recent = await stored('r-3', 'handled', 2);

    const retention = startInboundRetention({ db: store.db, days: 30 });
    await retention.stop(); // the first sweep runs at start; stop waits for it

    const rows = await store.db.query<{
      id: number;
      payload: unknown;
      sender: string | null;
      worker_id: number | null;
      status: string;
      error: string | null;
      fingerprint: string;
    }>(
      `select id::int, payload, sender, worker_id::int, status, error, fingerprint from inbound_messages where id = any($1::bigint[]) order by id`,
      [[oldHandled, oldFailed, recent]],
    );
    expect(rows).toEqual([
      { id: oldHandled, payload: {}, sender: null, worker_id: null, status: 'handled', error: null, fingerprint: 'fp-r-1' },
      {
        id: oldFailed,
        payload: {},
        sender: null,
        worker_id: null,
        status: 'failed',
        error: 'Error: assistant down',
        fingerprint: 'fp-r-2',
      },
      {
        id: recent,
        payload: { message: { text: '我的电话13812345678' } },
        sender: '555',
        worker_id: worker.id,
        status: 'handled',
        error: null,
        fingerprint: 'fp-r-3',
      },
    ]);
    const again = await recordInbound(store.db, { channel: 'telegram', externalId: 'r-1', fingerprint: 'fp-r-1', payload: {} });
    expect(again).toMatchObject({ duplicate: true, message: { status: 'handled' } });
  });
});
