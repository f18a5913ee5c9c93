/**
 * /forget, confirmed: afterwards no table holds the worker's name, username, phone, ID number, bank card,
 * words or Telegram id — not in the rows, and (after the vacuum) not in the relation files either —
 * including what was never linked to the worker: commands, button presses, messages dropped by the flood
 * limit. A worker over the flood limit still reaches /forget.
 */

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createErasureVacuum } from '../../../src/store/erasure-vacuum.js';
import { translate } from '../../cases/case-fixtures.js';
import { filesHolding, rowsHolding } from '../../support/privacy-scan.js';
import { storeKinds, testDatabaseUrl, useStore } from '../../support/stores.js';
import { startCaseDeskHarness } from './case-desk-rig.js';
import { callbackUpdate, textUpdate, type UpdateOverrides } from './support.js';

const TELEGRAM_ID = 987_654_321;
const who: UpdateOverrides = { chatId: TELEGRAM_ID, firstName: '张三丰', lastName: '武当', username: 'zsf_wudang' };
const personal = [
  '张三丰',
  '武当',
  'zsf_wudang',
  '13812345678',
  '110101199003071234',
  '6222021234567890123',
  '拖欠工资',
  String(TELEGRAM_ID),
];

describe.each(storeKinds)('/forget on %s', (kind) => {
  const store = useStore(kind);
  let vacuum: ReturnType<typeof createErasureVacuum>;
  let h: Awaited<ReturnType<typeof startCaseDeskHarness>>;
  beforeAll(async () => {
    vacuum = createErasureVacuum({ db: store.db, delayMs: 10, waitMs: 50 });
    h = await startCaseDeskHarness(store.db, {
      floodLimitPerMinute: 6,
      service: { vacuum: vacuum.request },
      outboxOptions: { onErased: vacuum.request },
    });
  });
  afterAll(async () => {
    await h.stop();
    await vacuum.stop();
  });

  it('leaves no row and no relation file holding what the worker is or said, even what the flood limit dropped', async () => {
    await h.post(textUpdate('/start', who));
    await h.post(textUpdate('我叫张三丰，电话13812345678，身份证110101199003071234，公司拖欠工资三个月', who));
    await h.settle();
    const answerId = /fb:(\d+):n/.exec(JSON.stringify(h.tg.sent('sendMessage', TELEGRAM_ID).at(-1)!.payload))![1];
    await h.post(callbackUpdate(`fb:${answerId}:n`, who));
    await h.post(callbackUpdate('human', who));
    await h.settle();
    await h.post(textUpdate('工资卡是6222021234567890123', who)); // relayed to the open case
    for (let i = 0; i < 4; i++) await h.post(textUpdate(`还有拖欠工资的证据 ${i}`, who)); // the last ones over the flood limit
    await h.settle();
    expect(h.texts(TELEGRAM_ID)).toContain(translate('zh', 'tg-flood'));
    expect(await rowsHolding(store.db, personal)).not.toEqual([]);

    // Another session is in the middle of a long transaction (a re-index, a report): until it ends, the old row
    // versions must stay for it, and the vacuum waits.
    const reader = kind === 'postgres' ? new pg.Client({ connectionString: testDatabaseUrl }) : undefined;
    await reader?.connect();
    await reader?.query('begin isolation level repeatable read');
    await reader?.query('select 1');

    await h.post(textUpdate('/forget', who)); // over the flood limit, still answered
    await h.settle();
    expect(h.texts(TELEGRAM_ID).at(-1)).toBe(translate('zh', 'tg-forget-confirm'));
    await h.post(callbackUpdate('forget:yes', who));
    await h.settle();
    expect(h.texts(TELEGRAM_ID).at(-1)).toBe(translate('zh', 'tg-forget-done'));
    setTimeout(() => void reader?.query('commit').then(() => reader.end()), 300);
    await h.outbox.drain(); // the pass that delivered the confirmation has asked for its vacuum too
    await vacuum.idle();

    expect(await rowsHolding(store.db, personal)).toEqual([]);
    expect(await filesHolding(store.db, personal)).toEqual([]);
  });
});
