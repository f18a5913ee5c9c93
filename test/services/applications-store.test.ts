/**
 * The applications over a real store (both kinds), without channels: a replayed update is not applied
 * twice, an old keyboard shows the step in hand, submitting into an active case, staff decisions twice, the
 * retention sweep and /forget.
 */
import { describe, expect, it } from 'vitest';
import { loadCard } from '../../src/cases/case-card.js';
import { createApplicationDecisions } from '../../src/services/application-decisions.js';
import { createApplications } from '../../src/services/application-service.js';
import { loadServiceDefinitions } from '../../src/services/service-definitions.js';
import { findDraft, getApplication } from '../../src/store/application-store.js';
import type { Db } from '../../src/store/db.js';
import type { Worker } from '../../src/store/worker-store.js';
import { aWorker, caseRig, recordingDesk, staffA, translate } from '../cases/case-fixtures.js';
import { storeKinds, useStore } from '../support/stores.js';

const definitions = loadServiceDefinitions('knowledge');
const DAY = 24 * 60 * 60_000;

describe.each(storeKinds)('applications on %s', (kind) => {
  const store = useStore(kind);
  let inbound = 90_000;

  function rig(db: Db, now = { t: new Date('2026-03-01T08:00:00Z') }) {
    const desk = recordingDesk();
    const clock = () => now.t;
    const { cases, outbox, inbox } = caseRig(db, { desk: desk.desk, clock });
    const applications = createApplications({ db, outbox, cases, translate, definitions, clock, retentionDays: 30 });
    const decisions = createApplicationDecisions({ db, outbox, translate, definitions, clock });
    return { desk, cases, outbox, inbox, applications, decisions, now };
  }

  /** Runs a callback-style flow: start the service, then each input (a press verb[:arg] or typed text). */
  async function fill(r: ReturnType<typeof rig>, worker: Worker, service: string, inputs: string[]) {
    await r.applications.press(worker, { service }, 'zh', ++inbound);
    for (const input of inputs) {
      const app = (await findDraft(store.db, worker.id))!;
      const [verb, arg] = input.split(':');
      if (['start', 'pick', 'skip', 'submit', 'back', 'cancel'].includes(verb!)) {
        await r.applications.press(worker, { application: app.id, rev: app.rev, verb: verb!, arg }, 'zh', ++inbound);
      } else {
        expect((await r.applications.take(worker, input, 'zh', ++inbound)).state).toBe('taken');
      }
    }
  }

  it('applies a replayed update once, and answers an old keyboard with the step in hand', async () => {
    const r = rig(store.db);
    const worker = await aWorker(store.db);
    await fill(r, worker, 'callback', ['start']);
    const id = ++inbound;
    expect((await r.applications.take(worker, '13600136000', 'zh', id)).state).toBe('taken');
    const after = (await findDraft(store.db, worker.id))!;
    expect(after.step).toBe('field:when');
    // The same update again (a replay after a crash): nothing moves, nothing more is sent.
    expect((await r.applications.take(worker, '13600136000', 'zh', id)).state).toBe('taken');
    expect((await findDraft(store.db, worker.id))!.rev).toBe(after.rev);
    // A press on the intro's keyboard, long gone.
    await r.applications.press(worker, { application: after.id, rev: 0, verb: 'start' }, 'zh', ++inbound);
    await r.outbox.drain();
    const last = r.inbox.to(worker).at(-1)!;
    expect(last.text).toMatch(/这个按钮已经过期了[\s\S]*什么时间方便接电话/);
    expect((await findDraft(store.db, worker.id))!.step).toBe('field:when');
  });

  it('joins an active case when there is one; decisions count once; the retention sweep erases the personal fields', async () => {
    const r = rig(store.db);
    const worker = await aWorker(store.db);
    const existing = await r.cases.openCase({
      workerId: worker.id,
      priority: 'normal',
      category: 'personal_case',
      summary: 's',
      workerText: '公司拖欠工资',
      botReply: '',
      citations: [],
      lang: 'zh',
    });
    await fill(r, worker, 'callback', ['start', '13600136000', 'pick:evening', 'pick:wages', 'skip', 'pick:anon', 'submit']);
    await r.outbox.drain();
    const card = (await loadCard(store.db, existing.id))!;
    expect(card.application).toMatchObject({ service: 'callback', status: 'submitted', shareIdentity: false });
    expect(card.application!.fields.map((f) => f.value?.zh ?? null)).toEqual(['13600136000', '晚上（18–20点）', '工资和加班', null]);
    expect(r.inbox.to(worker).at(-1)!.text).toContain(`并入你正在处理的个案 #${existing.id}`);
    expect(card.worker).not.toContain('张三');

    expect(await r.decisions.decide(existing.id, staffA, 'approve')).toBe(true);
    expect(await r.decisions.decide(existing.id, staffA, 'decline', 'late')).toBe(false);
    await expect(r.decisions.decide(existing.id, staffA, 'more', ' ')).rejects.toThrow(/question is needed/);
    expect((await loadCard(store.db, existing.id))!.status).toBe('resolved');

    // Not yet: decided today. After the retention period: the phone number goes, the choices stay.
    expect(await r.applications.sweep(new Date(r.now.t.getTime() + 29 * DAY))).toBe(0);
    expect(await r.applications.sweep(new Date(r.now.t.getTime() + 31 * DAY))).toBe(1);
    const erased = (await loadCard(store.db, existing.id))!.application!;
    expect(erased.erased).toBe(true);
    expect(erased.fields.map((f) => f.value?.zh ?? null)).toEqual([null, '晚上（18–20点）', '工资和加班', null]);
    await r.outbox.drain();
    expect(r.desk.updates.at(-1)!.card.application!.fields[0]!.value).toBeNull(); // the desk's card re-rendered
  });

  it('drops a draft left untouched past the retention period, and /forget erases what was submitted', async () => {
    const r = rig(store.db);
    const idle = await aWorker(store.db);
    await fill(r, idle, 'join_union', ['start', '赵六']);
    expect(await findDraft(store.db, idle.id)).toBeDefined();
    await r.applications.sweep(new Date(r.now.t.getTime() + 31 * DAY));
    expect(await findDraft(store.db, idle.id)).toBeUndefined();

    const worker = await aWorker(store.db);
    await fill(r, worker, 'join_union', [
      'start',
      '钱七',
      '13500135000',
      '杭州市西湖区',
      'pick:factory',
      '杭州某某机械厂',
      'pick:no_',
      'pick:id',
      'submit',
    ]);
    const id = (await store.db.query<{ id: number }>('select id::int from applications where worker_id = $1', [worker.id]))[0]?.id;
    const submitted = (await getApplication(store.db, id!))!;
    expect(submitted.fields!.map((f) => f.id)).toEqual(['name', 'phone', 'region', 'industry', 'employer', 'workplace_union']);
    expect(submitted.answers).toEqual({});
    await r.applications.forget(worker.id);
    const after = (await getApplication(store.db, id!))!;
    expect(after.fields!.filter((f) => f.value !== null).map((f) => f.id)).toEqual(['region', 'industry', 'workplace_union']);
    expect(after.erasedAt).not.toBeNull();
  });
});
