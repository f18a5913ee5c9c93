/**
 * A figure worked out over several turns in the console of the embedded default, on both stores: the bot asks
 * for the one missing fact, the worker types it (a grade from the choices shown), and the figure comes back
 * with its working and the article it rests on.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsoleScript } from '../services/service-app-rig.js';
import { storeKinds } from '../support/stores.js';

const script = [
  // Typed: severance needs the monthly wage.
  '公司把我辞退了，我在那干了3年，经济补偿能拿多少？',
  '6000',
  // A choice: the disability subsidy needs the grade; the console shows the ten grades, the worker types one.
  '工伤了，一次性伤残补助金能拿多少？我受伤前工资8000',
  '七级',
];

describe.each(storeKinds)('a figure over several turns in the console on %s', (kind) => {
  let run: Awaited<ReturnType<typeof runConsoleScript>> | undefined;
  let out = '';

  beforeAll(async () => {
    run = await runConsoleScript(kind, script);
    out = run.out();
  }, 120_000);
  afterAll(async () => {
    await run?.stop();
  });

  it('asks for the wage, then works out the severance from the typed reply', () => {
    expect(out).toMatch(/工资/);
    expect(out).toContain('18000');
    expect(out).toMatch(/劳动合同法》第(四十七|47)条/);
  });

  it('offers the grades as choices and works out the subsidy from the one typed', () => {
    expect(out).toContain('[7级]');
    expect(out).toContain('104000'); // 13 months × 8000 (工伤保险条例 37)
  });
});
