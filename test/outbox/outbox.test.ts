import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeliveryError, defaultRetryPolicy, retryDelay } from '../../src/outbox/delivery-error.js';
import { createOutbox } from '../../src/outbox/outbox.js';
import { startReceiptThread } from '../../src/outbox/receipt-thread.js';
import type { OutboxRow } from '../../src/store/outbox-store.js';
import { getOutboxItem } from '../../src/store/outbox-store.js';
import { withFaults } from '../support/faulty-db.js';
import { storeKinds, useStore } from '../support/stores.js';

/** A clock tests move by hand, so retries fall due without waiting. */
function manualClock(start = Date.parse('2026-01-01T00:00:00Z')) {
  let now = start;
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe.each(storeKinds)('outbox on %s', (kind) => {
  const store = useStore(kind);
  const retry = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 10_000 };

  it('delivers once, in stream order, and is idempotent on dedupe keys', async () => {
    const clock = manualClock();
    const outbox = createOutbox({ db: store.db, clock: clock.now, retry });
    const seen: string[] = [];
    outbox.register('t1', async (item: OutboxRow) => {
      seen.push((item.payload as { text: string }).text);
      return { ok: 1 };
    });
    await outbox.enqueue({ channel: 't1', stream: 's1', kind: 'm', payload: { text: 'a' }, dedupeKey: 'k-a' });
    await outbox.enqueue({ channel: 't1', stream: 's1', kind: 'm', payload: { text: 'b' } });
    const again = await outbox.enqueue({ channel: 't1', stream: 's1', kind: 'm', payload: { text: 'a' }, dedupeKey: 'k-a' });
    await outbox.drain();
    expect(seen).toEqual(['a', 'b']);
    expect((await getOutboxItem(store.db, again))!.status).toBe('sent');
  });

  it('records a delivery the channel accepted even when the database drops the first writes, and never delivers it again', async () => {
    const db = withFaults(store.db);
    const outbox = createOutbox({ db, retry });
    let deliveries = 0;
    outbox.register('t-accept', async () => {
      deliveries += 1;
      return { messageId: 7 };
    });
    const id = await outbox.enqueue({ channel: 't-accept', stream: 's-accept', kind: 'm', payload: { text: 'once' } });
    db.failNext(/set status = 'sent'/, 2);
    await outbox.drain();
    await outbox.drain();
    expect(deliveries).toBe(1);
    expect(await getOutboxItem(store.db, id)).toMatchObject({ status: 'sent', result: { messageId: 7 } });
  });

  it('retries a failing delivery with backoff, holding back later items of the same stream', async () => {
    const clock = manualClock();
    const outbox = createOutbox({ db: store.db, clock: clock.now, retry });
    const seen: string[] = [];
    let failures = 1;
    outbox.register('t2', async (item) => {
      const text = (item.payload as { text: string }).text;
      if (text === 'first' && failures-- > 0) throw new DeliveryError('503', { retryable: true, retryAfterMs: 5_000 });
      seen.push(text);
    });
    await outbox.enqueue({ channel: 't2', stream: 's2', kind: 'm', payload: { text: 'first' } });
    await outbox.enqueue({ channel: 't2', stream: 's2', kind: 'm', payload: { text: 'second' } });
    await outbox.enqueue({ channel: 't2', stream: 'other', kind: 'm', payload: { text: 'other' } });
    await outbox.drain();
    expect(seen).toEqual(['other']);
    clock.advance(5_000);
    await outbox.drain();
    expect(seen).toEqual(['other', 'first', 'second']);
  });

  it('gives up on a permanent failure, tells the hook, and unblocks the stream', async () => {
    const clock = manualClock();
    const outbox = createOutbox({ db: store.db, clock: clock.now, retry });
    const dead: number[] = [];
    const seen: string[] = [];
    outbox.register(
      't3',
      async (item) => {
        const text = (item.payload as { text: string }).text;
        if (text === 'bad') throw new DeliveryError('chat not found', { retryable: false });
        seen.push(text);
      },
      {
        onDead: (item) => {
          dead.push(item.id);
        },
      },
    );
    const bad = await outbox.enqueue({ channel: 't3', stream: 's3', kind: 'm', payload: { text: 'bad' } });
    await outbox.enqueue({ channel: 't3', stream: 's3', kind: 'm', payload: { text: 'next' } });
    await outbox.drain();
    expect(dead).toEqual([bad]);
    expect(seen).toEqual(['next']);
    expect((await getOutboxItem(store.db, bad))!.status).toBe('dead');
  });

  it('resumes after a crash: an item whose lease ran out is delivered by the next process', async () => {
    const clock = manualClock();
    const crashed = createOutbox({ db: store.db, clock: clock.now, retry, leaseMs: 30_000 });
    crashed.register('t4', () => new Promise(() => {})); // hangs forever: the process "dies" mid-send
    const id = await crashed.enqueue({ channel: 't4', stream: 's4', kind: 'm', payload: { text: 'x' } });
    void crashed.drain();
    await expect.poll(async () => (await getOutboxItem(store.db, id))!.status).toBe('sending');

    const next = createOutbox({ db: store.db, clock: clock.now, retry, leaseMs: 30_000 });
    const seen: number[] = [];
    next.register('t4', async (item) => {
      seen.push(item.id);
    });
    await next.drain();
    expect(seen).toEqual([]); // lease still held
    clock.advance(31_000);
    await next.drain();
    expect(seen).toEqual([id]);
  });

  it('does not send again what the channel accepted right before the process died, even after the lease ran out', async () => {
    const clock = manualClock();
    const receipts = join(mkdtempSync(join(tmpdir(), 'nj-receipts-')), 'outbox-receipts.log');
    const dying = withFaults(store.db);
    const before = startReceiptThread(receipts);
    const crashed = createOutbox({ db: dying, clock: clock.now, retry, leaseMs: 30_000, receipts: before });
    crashed.register('t5', async () => ({ messageId: 9 }));
    const id = await crashed.enqueue({ channel: 't5', stream: 's5', kind: 'm', payload: { text: 'x' } });
    dying.failNext(/set status = 'sent'/, 1, 'rejected'); // the process "dies" between the channel's answer and the mark
    await crashed.drain();
    await before.close();
    expect((await getOutboxItem(store.db, id))!.status).toBe('sending');

    const after = startReceiptThread(receipts);
    const next = createOutbox({ db: store.db, clock: clock.now, retry, leaseMs: 30_000, pollMs: 10, receipts: after });
    let deliveries = 0;
    next.register('t5', async () => {
      deliveries += 1;
    });
    next.start();
    clock.advance(31_000);
    await expect.poll(async () => (await getOutboxItem(store.db, id))!.status).toBe('sent');
    await next.drain();
    await next.stop();
    await after.close();
    expect(deliveries).toBe(0);
    expect((await getOutboxItem(store.db, id))!.result).toEqual({ recovered: 'accepted before a restart' });
  });

  it.runIf(kind === 'pglite')(
    'on the embedded store (one owning process), resumes a delivery cut short at once, not when its lease runs out',
    async () => {
      const crashed = createOutbox({ db: store.db, retry, leaseMs: 60_000 });
      crashed.register('t6', () => new Promise(() => {})); // the process "dies" mid-send
      const id = await crashed.enqueue({ channel: 't6', stream: 's6', kind: 'm', payload: { text: 'x' } });
      void crashed.drain();
      await expect.poll(async () => (await getOutboxItem(store.db, id))!.status).toBe('sending');

      const next = createOutbox({ db: store.db, retry, leaseMs: 60_000, pollMs: 10 });
      const seen: number[] = [];
      next.register('t6', async (item) => {
        seen.push(item.id);
      });
      next.start();
      await expect.poll(() => seen, { timeout: 3_000 }).toEqual([id]);
      await next.stop();
    },
  );
});

describe('retry policy', () => {
  it('backs off exponentially, honours retry-after, and stops at the limit', () => {
    const policy = { ...defaultRetryPolicy, maxAttempts: 4 };
    expect(retryDelay(new Error('net'), 1, policy, () => 0.5)).toBe(1_000);
    expect(retryDelay(new Error('net'), 3, policy, () => 0.5)).toBe(4_000);
    expect(retryDelay(new DeliveryError('429', { retryable: true, retryAfterMs: 30_000 }), 1, policy, () => 0.5)).toBe(30_000);
    expect(retryDelay(new DeliveryError('403', { retryable: false }), 1, policy)).toBeUndefined();
    expect(retryDelay(new Error('net'), 4, policy)).toBeUndefined();
  });
});
