import { describe, expect, it } from 'vitest';
import { updateIndex } from '../../src/retrieval/index-update.js';
import { createKnowledgeStore } from '../../src/store/knowledge-store.js';
import { createTriageStore } from '../../src/store/triage-store.js';
import { createTriageSource } from '../../src/triage/triage-source.js';
import { countingEmbedder, tempKnowledge, writeKnowledge } from '../reindex/support.js';
import { storeKinds, useStore } from '../support/stores.js';

const frames =
  'past:\n  zh: [去年]\n  en: [last year]\nhypothetical:\n  zh: [如果]\n  en: [what if]\nrights:\n  zh: [怎么赔]\n  en: [compensation]\npresent:\n  zh: [现在]\n  en: [right now]\n';
const fire = 'category: fire\nacute:\n  zh: [着火了, 浓烟]\n  en: ["on fire"]\nevent:\n  zh: [烧伤]\n  en: [burned]\n';
const training = [
  'urgent:fire\tzh\t车间着火了快来人',
  'urgent:fire\tzh\t仓库里全是浓烟出不去',
  'urgent:fire\ten\tthe kitchen is on fire',
  'escalate:explicit_request\tzh\t我要找真人',
  'escalate:explicit_request\tzh\t转人工',
  'escalate:explicit_request\ten\tlet me talk to a person',
  'decline:out_of_scope\tzh\t明天天气怎么样',
  'decline:out_of_scope\ten\trecommend a restaurant',
].join('\n');
const card = (asked: string) =>
  `area: test\ncards:\n  - id: leave-days\n    issue:\n      zh: 年休假有几天\n      en: "How many days of annual leave"\n    asked:\n      zh: [${asked}, 年休假几天, 带薪年假, 年假怎么算, 一年能休几天, 年假天数]\n      en: ["how many leave days", "annual leave", "paid leave days"]\n    bottom_line:\n      zh: 满1年不满10年5天。\n      en: "5 days after one year."\n    depends_on:\n      - zh: 累计工作年限\n        en: "years worked"\n    articles:\n      - {title: 职工带薪年休假条例, article: 3}\n    next_steps:\n      - zh: 问人事。\n        en: "Ask HR."\n      - zh: 投诉12333。\n        en: "Call 12333."\n    reviewed: false\n`;

async function knowledge(): Promise<string> {
  const dir = await tempKnowledge(undefined, { triage: false });
  await writeKnowledge(dir, 'policy/triage/lexicon/frames.yaml', frames);
  await writeKnowledge(dir, 'policy/triage/lexicon/fire.yaml', fire);
  await writeKnowledge(dir, 'policy/triage/training/lines.tsv', training);
  await writeKnowledge(dir, 'issues/leave.yaml', card('年假有几天'));
  return dir;
}

describe.each(storeKinds)('the triage model of an index version on %s', (kind) => {
  const store = useStore(kind);

  it('is trained with the version, copied when its inputs did not change, retrained (new version) when they did', async () => {
    const dir = await knowledge();
    const { embedder } = countingEmbedder();
    const triage = createTriageSource({ db: store.db, knowledgeDir: dir, liveCheckMs: 0 });
    const run = () => updateIndex({ db: store.db, embedder, knowledgeDir: dir, vectorIndex: false, extras: triage });
    const first = await run();
    const models = createTriageStore(store.db);
    const trained = await models.load(first.version!);
    expect(trained?.stats).toMatchObject({ lines: 8, questions: 8 });
    expect((await triage.live()).classify('车间着火了').outcome).toBe('urgent');
    expect((await triage.live()).classify('转人工').outcome).toBe('escalate');
    // A message sent again is not classified again: the same result, frozen, so no caller can change the shared one.
    const again = (await triage.live()).classify('车间着火了');
    expect(again).toBe((await triage.live()).classify('车间着火了'));
    expect(Object.isFrozen(again.evidence.danger)).toBe(true);

    // Nothing changed: no new version.
    expect((await run()).version).toBe(first.version);

    // A card changed: a new version, and the model trained again with its phrasings.
    await writeKnowledge(dir, 'issues/leave.yaml', card('我能休几天年假'));
    const second = await run();
    expect(second.version).not.toBe(first.version);
    expect((await models.load(second.version!))?.inputsHash).not.toBe(trained!.inputsHash);

    // Only the training lines changed: still a new version, so the model goes live with its knowledge.
    await writeKnowledge(dir, 'policy/triage/training/lines.tsv', `${training}\nescalate:legal_aid\tzh\t我想申请法律援助`);
    const third = await run();
    expect(third.version).not.toBe(second.version);
    expect((await models.load(third.version!))?.stats).toMatchObject({ lines: 9 });
    expect((await createKnowledgeStore(store.db).liveVersion())?.id).toBe(third.version);
  });

  it('trains a model on first use for a version built without one', async () => {
    const dir = await knowledge();
    const { embedder } = countingEmbedder();
    const { version } = await updateIndex({ db: store.db, embedder, knowledgeDir: dir, vectorIndex: false, full: true });
    const triage = createTriageSource({ db: store.db, knowledgeDir: dir, liveCheckMs: 0 });
    expect((await triage.live()).classify('仓库里全是浓烟').outcome).toBe('urgent');
    expect(await createTriageStore(store.db).load(version!)).toBeDefined();
  });
});
