/**
 * A figure worked out over several turns in the console of the embedded default, on both stores: the bot asks
 * for the one missing fact, the worker types it (or presses a button by number), and the figure comes back
 * with its working and the article it rests on.
 */

import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { databaseFor, smallKnowledge } from '../services/service-app-rig.js';
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
  let app: App;
  let drop: () => Promise<void>;
  let out = '';

  beforeAll(async () => {
    const db = await databaseFor(kind);
    drop = db.drop;
    const config = loadConfig({
      ...db.settings,
      KNOWLEDGE_DIR: smallKnowledge(),
      PORT: '0',
      ADMIN_PORT: '0',
      LOG_LEVEL: 'silent',
      ADMIN_TOKEN: 'figure-console-token-0123456789',
    });
    const output = new Writable({
      write(chunk, _e, done) {
        out += String(chunk);
        done();
      },
    });
    app = await startApp({ config, input: Readable.from(script.map((l) => `${l}\n`)), output, progress: { write: () => true } as never });
    await app.consoleDone;
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await drop?.();
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
