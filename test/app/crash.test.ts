/**
 * kill -9 in the middle of a burst, on the whole service as `npm start` runs it (a child process, webhook mode,
 * the fake Bot API): nothing is lost, and only a reply on the wire at the moment of the kill (Telegram has no
 * idempotency key) can reach a worker twice. The bigger run is `npm run bench:crash` (200 workers).
 */
import { describe, expect, it } from 'vitest';
import { runCrashBench } from '../../bench/crash.js';
import { smallKnowledge } from '../support/small-knowledge.js';
import { storeKinds, testDatabaseUrl } from '../support/stores.js';

describe.each(storeKinds)('kill -9 during a burst, on %s', (kind) => {
  it('loses no worker, and answers twice only those whose reply was on the wire at the kill', async () => {
    const r = await runCrashBench({
      messages: 40,
      killAfter: 20,
      rate: 40,
      knowledgeDir: smallKnowledge(),
      leaseSeconds: 2,
      watchMs: 1_000,
      databaseUrl: kind === 'postgres' ? testDatabaseUrl : undefined,
    });
    expect(r.lost).toBe(0);
    // The outbox delivers up to its batch (32) at once, so more than one reply can be on the wire at the kill;
    // none first sent after it may repeat. How many were on the wire depends on the machine's speed (a slow one
    // has a backlog), so the bound is what can be, not what usually is: replies to messages accepted before the kill.
    expect(r.repeatedAfterKill).toBe(0);
    expect(r.answeredTwice).toBeLessThanOrEqual(r.acceptedBeforeKill);
  }, 180_000);
});
