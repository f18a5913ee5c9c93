/**
 * What staff see of a worker's words: ID-card and bank-card numbers masked to their last four digits (in the
 * card and in thread messages), everything else as written — a phone number stays, staff may need to call.
 */
import { describe, expect, it } from 'vitest';
import { storeKinds, useStore } from '../support/stores.js';
import { anEscalation, aWorker, caseRig, recordingDesk } from './case-fixtures.js';

const words = '我叫李四，身份证110101199003071234，工资卡6222 0212 3456 7890 123，电话13812345678，公司拖欠三个月工资';

describe.each(storeKinds)('what staff see, on %s', (kind) => {
  const store = useStore(kind);

  it('masks ID-card and bank-card numbers in the card and the thread, and leaves the rest of the words intact', async () => {
    const desk = recordingDesk();
    const { cases, outbox } = caseRig(store.db, { desk: desk.desk });
    const worker = await aWorker(store.db);
    const c = await cases.openCase(anEscalation(worker.id, { workerText: words, summary: `职工反映：${words}` }));
    await cases.addWorkerMessage(c.id, { text: `补充：身份证号是110101199003071234` }, 'in:1');
    await outbox.drain();

    const shown = JSON.stringify([desk.cards, desk.posts, await cases.card(c.id)]);
    expect(shown).not.toContain('110101199003071234');
    expect(shown).not.toContain('6222 0212 3456 7890 123');
    expect(desk.cards[0]!.workerText).toBe('我叫李四，身份证110***********1234，工资卡****0123，电话13812345678，公司拖欠三个月工资');
    expect(desk.cards[0]!.summary).toContain('身份证110***********1234');
    expect(desk.posts.find((p) => p.message.kind === 'worker_message')!.message).toMatchObject({
      text: '补充：身份证号是110***********1234',
    });
  });
});

describe.each(storeKinds)('after an outage of the staff desk, on %s', (kind) => {
  const store = useStore(kind);

  it('posts urgent cards first, then the others oldest first', async () => {
    const desk = recordingDesk();
    // One delivery at a time, so the order the desk sees is the order the outbox hands them out.
    const { cases, outbox } = caseRig(store.db, { desk: desk.desk, batchSize: 1 });
    // The desk was away: nothing was delivered while these cases were opened.
    const opened = [];
    for (const priority of ['normal', 'normal', 'urgent', 'normal', 'urgent'] as const) {
      opened.push(
        await cases.openCase(
          anEscalation((await aWorker(store.db)).id, { priority, category: priority === 'urgent' ? 'safety' : 'wage_arrears' }),
        ),
      );
    }
    await outbox.drain();
    const urgent = opened.filter((c) => c.priority === 'urgent').map((c) => c.id);
    const normal = opened.filter((c) => c.priority === 'normal').map((c) => c.id);
    expect(desk.cards.map((c) => c.id)).toEqual([...urgent, ...normal]);
  });
});
