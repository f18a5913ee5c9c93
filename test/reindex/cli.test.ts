import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin } from '../../src/admin/admin.js';
import { adminListener } from '../../src/admin/admin-listener.js';
import { ensureAdminToken } from '../../src/admin/admin-token.js';
import { runReindexCommand } from '../../src/admin/reindex-command.js';
import { loadConfig } from '../../src/config.js';
import { createHttpServer, type HttpServer } from '../../src/http/http-server.js';
import { createLocalEmbedder } from '../../src/llm/local-embedder.js';
import { silentLogger } from '../../src/log.js';
import { type DataDirLock, lockDataDir } from '../../src/store/data-dir-lock.js';
import type { Db } from '../../src/store/db.js';
import { openStore } from '../../src/store/open-store.js';
import { randomBytes } from './format-fixtures.js';
import { tempKnowledge, writeKnowledge } from './support.js';

function capture() {
  let text = '';
  const stream = { write: (chunk: string) => ((text += chunk), true), isTTY: false } as unknown as NodeJS.WritableStream;
  return {
    stream,
    get text() {
      return text;
    },
  };
}

async function command(argv: string[], env: Record<string, string>) {
  const stdout = capture();
  const stderr = capture();
  const code = await runReindexCommand({
    argv,
    config: loadConfig({ LOG_LEVEL: 'silent', ...env }),
    stdout: stdout.stream,
    stderr: stderr.stream,
    log: silentLogger,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('npm run reindex with the embedded store', () => {
  let dataDir: string;
  let knowledgeDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'niangjia-data-'));
    knowledgeDir = await tempKnowledge();
    env = { DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir, EMBEDDING_DIMENSIONS: '64' };
  });

  describe('while a service owns the data directory', () => {
    let lock: DataDirLock;
    let service: Db;
    let http: HttpServer;
    let port: number;

    beforeAll(async () => {
      // The "service": it holds the data-dir lock (this process) and serves /admin over its own store.
      lock = lockDataDir(dataDir);
      service = await openStore({ dataDir: 'memory://' });
      const token = await ensureAdminToken({ dataDir });
      const admin = createAdmin({ db: service, embedder: createLocalEmbedder({ dimensions: 64 }), knowledgeDir });
      http = createHttpServer();
      http.mount('/admin', adminListener({ admin, token }));
      port = await http.listen(0, '127.0.0.1');
    });
    afterAll(async () => {
      await http.close();
      await service.close();
      lock.release();
    });

    it('forwards to the service and streams its progress, never opening the directory', async () => {
      const run = await command([], { ...env, ADMIN_PORT: String(port) });
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/owns .*: asking it to do this/);
      expect(run.stderr).toContain('Re-indexing 3 files');
      expect(run.stdout).toMatch(/^Re-index done in .*: version 1 is live/);
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(false);
      const sources = await command(['--sources'], { ...env, ADMIN_PORT: String(port) });
      expect(sources.stdout).toMatch(/^Index version 1 /);
      const dry = await command(['--dry-run'], { ...env, ADMIN_PORT: String(port) });
      expect(dry.stdout).toMatch(/^Dry run/);
    });

    it('explains what to do when the service does not answer', async () => {
      const run = await command([], { ...env, ADMIN_PORT: '1' });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/belongs to the running service \(pid \d+\), so this command did not open it/);
      expect(run.stderr).toMatch(/Either stop the service and run npm run reindex again/);
      const wrongToken = await command([], { ...env, ADMIN_PORT: String(port), ADMIN_TOKEN: 'not-the-token-but-long-enough' });
      expect(wrongToken.code).toBe(1);
      expect(wrongToken.stderr).toMatch(/missing or wrong bearer token/);
    });
  });

  it('runs in-process when nobody owns the directory; exit code 1 when a file failed', async () => {
    const first = await command([], env);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toMatch(/version 1 is live/);
    await writeKnowledge(knowledgeDir, 'policy/broken.docx', randomBytes());
    const second = await command([], env);
    expect(second.code).toBe(1);
    expect(second.stdout).toMatch(/✗ policy\/broken.docx: not a readable .docx/);
    expect(second.stderr).toMatch(/✗ policy\/broken.docx/);
    expect((await command(['--bogus'], env)).code).toBe(1);
  });
});
