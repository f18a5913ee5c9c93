/**
 * The service as an operator runs it: the build in dist/ (made here first; incremental, so quick when dist/ is
 * current), started with `npm start`, answering in the console, and stopped with SIGTERM to the npm process:
 * it exits in time, leaves no node process behind and releases the embedded data directory's lock.
 */

import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve('.');
const dist = (path: string) => pathToFileURL(join(root, 'dist', path)).href;

function smallKnowledge(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nj-process-knowledge-'));
  mkdirSync(join(dir, 'laws'));
  for (const f of ['labor-contract-law.md', 'wage-payment-provisions.md']) cpSync(join('knowledge/laws', f), join(dir, 'laws', f));
  for (const f of ['union', 'policy', 'thesaurus.tsv']) cpSync(join('knowledge', f), join(dir, f), { recursive: true });
  return dir;
}

const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Resolves with the child's output once `match` finds it, or rejects when the child exits first. */
function waitForOutput(child: ChildProcessWithoutNullStreams, match: RegExp, timeoutMs: number): Promise<string> {
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${match} in time; stdout so far: ${out}`)), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (match.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before ${match}`));
    });
  });
}

describe('the built service', () => {
  const temp: string[] = [];
  beforeAll(async () => {
    await promisify(execFile)('npm', ['run', 'build', '--silent'], { cwd: root }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`npm run build failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    });
  }, 180_000);
  afterAll(() => {
    for (const dir of temp) rmSync(dir, { recursive: true, force: true });
  });

  it('finds what it reads at run time from dist/: migrations, locales, knowledge, prompts', async () => {
    const { listMigrations } = (await import(dist('store/migrate.js'))) as { listMigrations: () => Array<{ name: string }> };
    expect(listMigrations().map((m) => m.name)).toEqual(
      readdirSync('src/store/migrations')
        .filter((f) => f.endsWith('.sql'))
        .sort(),
    );
    const { localesDir } = (await import(dist('i18n/translator.js'))) as { localesDir: string };
    expect(resolve(localesDir)).toBe(join(root, 'locales'));
    const { loadConfig } = (await import(dist('config.js'))) as {
      loadConfig: (env: object) => { KNOWLEDGE_DIR: string; PROMPTS_DIR: string };
    };
    expect(loadConfig({})).toMatchObject({ KNOWLEDGE_DIR: join(root, 'knowledge'), PROMPTS_DIR: join(root, 'prompts') });
  });

  it('npm start answers in the console; SIGTERM to npm stops it in time, with no node process or lock left', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nj-process-data-'));
    const knowledgeDir = smallKnowledge();
    temp.push(dataDir, knowledgeDir);
    const child = spawn('npm', ['start', '--silent'], {
      cwd: root,
      // Only what npm needs, and our settings: a developer's .env or shell settings must not reach this service.
      env: {
        PATH: process.env['PATH'],
        HOME: process.env['HOME'],
        DATA_DIR: dataDir,
        KNOWLEDGE_DIR: knowledgeDir,
        PORT: '0',
        SHUTDOWN_TIMEOUT_MS: '8000',
        DATABASE_URL: '',
        TELEGRAM_BOT_TOKEN: '',
        SLACK_BOT_TOKEN: '',
        OPENAI_API_KEY: '',
        CHAT_MODEL: '',
        EMBEDDING_MODEL: '',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    try {
      const answered = waitForOutput(child, /《[^》]+》第[^条\n]+条/, 90_000);
      child.stdin.write('公司拖欠工资怎么办\n'); // the input stays open: the service keeps running
      await answered;

      const lock = join(dataDir, 'niangjia.lock');
      const pid = Number(readFileSync(lock, 'utf8'));
      expect(running(pid)).toBe(true);
      if (existsSync(`/proc/${pid}/stat`)) {
        // npm's own child is node itself (the start script execs it): a signal to npm reaches the service.
        const ppid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
        expect(ppid).toBe(child.pid);
      }

      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const sentAt = performance.now();
      child.kill('SIGTERM');
      const code = await exited;
      expect(performance.now() - sentAt).toBeLessThan(10_000);
      expect(code).toBe(0);
      await expect.poll(() => running(pid), { timeout: 2_000 }).toBe(false);
      expect(existsSync(lock)).toBe(false);
      expect(stderr).not.toMatch(/could not start|Error/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 120_000);
});
