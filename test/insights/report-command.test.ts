import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminListener } from '../../src/admin/admin-listener.js';
import type { Admin } from '../../src/admin/admin-port.js';
import { runReportCommand } from '../../src/admin/report-command.js';
import { loadConfig } from '../../src/config.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { buildListeningReport, reportPeriod } from '../../src/insights/listening-report.js';
import { openStore } from '../../src/store/open-store.js';
import { recordAskedQuestion } from '../../src/store/question-store.js';

const sink = () => {
  let text = '';
  return {
    write: (s: string) => ((text += s), true),
    get text() {
      return text;
    },
  } as unknown as NodeJS.WritableStream & { text: string };
};

describe('npm run report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nj-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the report of the last days and writes its CSV files and charts', async () => {
    const dataDir = join(dir, 'data');
    const db = await openStore({ dataDir });
    await recordAskedQuestion(db, { at: new Date(), lang: 'zh', kind: 'answer', topic: 'wages', issue: 'wage_arrears', confidence: 0.9 });
    await recordAskedQuestion(db, {
      at: new Date(),
      lang: 'zh',
      kind: 'decline',
      reason: 'out_of_scope',
      unanswered: 'declined',
      text: '帮我写情书',
    });
    await db.close();
    const stdout = sink();
    const stderr = sink();
    const code = await runReportCommand({
      argv: ['--days', '3', '--csv', join(dir, 'csv'), '--charts', join(dir, 'charts')],
      config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
      stdout,
      stderr,
    });
    expect(code).toBe(0);
    expect(stdout.text).toContain('倾听报告');
    expect(stdout.text).toContain('“帮我写情书”');
    expect(stdout.text).toContain('工资：1');
    expect(readFileSync(join(dir, 'csv', 'topics.csv'), 'utf8')).toContain('wages,1,0');
    expect(existsSync(join(dir, 'charts', 'topics.png'))).toBe(true);
    expect(await runReportCommand({ argv: ['--days', 'x'], config: loadConfig({ DATA_DIR: dataDir }), stdout, stderr })).toBe(1);
  });

  it('asks the running service when it owns the embedded store', async () => {
    const dataDir = join(dir, 'owned');
    const db = await openStore({ dataDir }); // this process is "the service": it holds the lock
    await recordAskedQuestion(db, {
      at: new Date(),
      lang: 'zh',
      kind: 'answer',
      topic: 'dismissal',
      confidence: 0.3,
      unanswered: 'low_confidence',
      text: '被末位淘汰合法吗',
    });
    const http = createHttpServer();
    const admin = {
      listeningReport: (days: number) => buildListeningReport(db, reportPeriod(new Date(), days, 'Asia/Shanghai', { untilNow: true })),
    };
    http.mount('/admin', adminListener({ admin: admin as unknown as Admin, token: 'report-token-0123456789abcdef' }));
    const port = await http.listen(0, '127.0.0.1');
    try {
      const stdout = sink();
      const stderr = sink();
      const code = await runReportCommand({
        argv: ['--lang', 'en'],
        config: loadConfig({
          DATA_DIR: dataDir,
          PORT: '0',
          ADMIN_PORT: String(port),
          ADMIN_TOKEN: 'report-token-0123456789abcdef',
          LOG_LEVEL: 'silent',
        }),
        stdout,
        stderr,
      });
      expect(code).toBe(0);
      expect(stderr.text).toContain('asking it to do this');
      expect(stdout.text).toContain('Listening report');
      expect(stdout.text).toContain('dismissal and severance: of 1 questions, 1 not sure');
    } finally {
      await http.close();
      await db.close();
    }
  });
});
