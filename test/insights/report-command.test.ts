import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { runReportCommand } from '../../src/insights/report-command.js';
import { openStore } from '../../src/store/open-store.js';
import { recordAskedQuestion } from '../../src/store/question-store.js';

const sink = () => {
  let text = '';
  return { write: (s: string) => ((text += s), true), get text() { return text; } } as unknown as NodeJS.WritableStream & { text: string };
};

describe('npm run report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nj-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the report of the last days and writes its CSV files and charts', async () => {
    const dataDir = join(dir, 'data');
    const db = await openStore({ dataDir });
    await recordAskedQuestion(db, { at: new Date(), lang: 'zh', kind: 'answer', topic: 'wages', issue: 'wage_arrears', confidence: 0.9 });
    await recordAskedQuestion(db, { at: new Date(), lang: 'zh', kind: 'decline', reason: 'out_of_scope', unanswered: 'declined', text: '帮我写情书' });
    await db.close();
    const stdout = sink();
    const stderr = sink();
    const code = await runReportCommand({
      argv: ['--days', '3', '--csv', join(dir, 'csv'), '--charts', join(dir, 'charts')],
      config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), stdout, stderr,
    });
    expect(code).toBe(0);
    expect(stdout.text).toContain('倾听报告');
    expect(stdout.text).toContain('“帮我写情书”');
    expect(stdout.text).toContain('工资：1');
    expect(readFileSync(join(dir, 'csv', 'topics.csv'), 'utf8')).toContain('wages,1,0');
    expect(existsSync(join(dir, 'charts', 'topics.png'))).toBe(true);
    expect(await runReportCommand({ argv: ['--days', 'x'], config: loadConfig({ DATA_DIR: dataDir }), stdout, stderr })).toBe(1);
  });
});
