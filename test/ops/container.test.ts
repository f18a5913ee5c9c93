/**
 * No image can be built here (no Docker daemon), so the Dockerfile and compose.yaml are checked with what runs:
 * the stages and their order, every file the Dockerfile copies exists and is not ignored, the runtime stage
 * carries what the code reads at run time, and compose wires the pgvector database and both health checks.
 */

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config.js';

interface Instruction {
  op: string;
  args: string;
}

/** The Dockerfile's instructions, continuation lines joined and comments left out. */
function dockerfile(path = 'Dockerfile'): Instruction[] {
  const text = readFileSync(path, 'utf8').replace(/\\\r?\n/g, ' ');
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      return { op: op!.toUpperCase(), args: rest.join(' ') };
    });
}

function stages(instructions: Instruction[]) {
  const out: Array<{ name: string; from: string; steps: Instruction[] }> = [];
  for (const i of instructions) {
    if (i.op === 'FROM') {
      const [from, as, name] = i.args.split(/\s+/);
      expect(as?.toUpperCase(), `FROM ${i.args} names its stage`).toBe('AS');
      out.push({ name: name!, from: from!, steps: [] });
    } else {
      out.at(-1)!.steps.push(i);
    }
  }
  return out;
}

const ignored = readFileSync('.dockerignore', 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

describe('the Dockerfile', () => {
  const all = stages(dockerfile());
  const stage = (name: string) => all.find((s) => s.name === name)!;

  it('builds, tests and runs in stages of Node 20, the runtime one last (the default target)', () => {
    expect(all.map((s) => s.name)).toEqual(['build', 'test', 'runtime']);
    const major = readFileSync('.nvmrc', 'utf8').trim();
    for (const s of all.filter((s) => s.from.startsWith('node:'))) expect(s.from).toMatch(new RegExp(`^node:${major}-`));
    expect(stage('test').from).toBe('build');
  });

  it('copies only files that exist and that .dockerignore lets through; --from names an earlier stage', () => {
    for (const [index, s] of all.entries()) {
      for (const copy of s.steps.filter((i) => i.op === 'COPY')) {
        const words = copy.args.split(/\s+/);
        const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
        const paths = words.filter((w) => !w.startsWith('--'));
        const sources = paths.slice(0, -1);
        if (from) {
          expect(
            all.slice(0, index).map((x) => x.name),
            `COPY --from=${from}`,
          ).toContain(from);
          continue;
        }
        for (const source of sources) {
          if (source === '.') continue;
          expect(existsSync(source), `COPY ${source} (stage ${s.name})`).toBe(true);
          expect(ignored, `${source} is in .dockerignore`).not.toContain(source);
        }
      }
    }
  });

  it('builds dist/ with npm ci (prepare), and runs node dist/main.js with what it reads at run time', () => {
    const run = (name: string) =>
      stage(name)
        .steps.filter((i) => i.op === 'RUN')
        .map((i) => i.args)
        .join('\n');
    expect(run('build')).toMatch(/npm ci\b/);
    expect(JSON.parse(readFileSync('package.json', 'utf8')).scripts.prepare).toMatch(/build/);
    // The runtime has no dev dependencies, so prepare (tsc) must not run there.
    expect(run('runtime')).toMatch(/npm ci --omit=dev --ignore-scripts/);
    const runtime = stage('runtime').steps;
    const copied = runtime.filter((i) => i.op === 'COPY').map((i) => i.args.split(/\s+/).filter((w) => !w.startsWith('--'))[0]);
    expect(copied).toEqual(expect.arrayContaining(['/app/dist', 'knowledge', 'prompts', 'locales']));
    expect(JSON.parse(runtime.find((i) => i.op === 'CMD')!.args)).toEqual(['node', 'dist/main.js']);
    expect(existsSync('src/main.ts')).toBe(true);
    expect(runtime.find((i) => i.op === 'USER')?.args).toBe('node');
    expect(runtime.find((i) => i.op === 'EXPOSE')?.args).toBe(String(loadConfig({}).PORT));
    expect(JSON.parse(stage('test').steps.find((i) => i.op === 'CMD')!.args)).toEqual(['npm', 'test']);
  });
});

describe('compose.yaml', () => {
  const compose = parse(readFileSync('compose.yaml', 'utf8')) as {
    services: Record<
      string,
      {
        image?: string;
        build?: { target: string };
        environment?: Record<string, string>;
        ports?: string[];
        depends_on?: Record<string, { condition: string }>;
        healthcheck?: { test: string[] };
        profiles?: string[];
      }
    >;
  };
  const { db, app, test } = compose.services;
  const targets = stages(dockerfile()).map((s) => s.name);

  it('runs PostgreSQL with pgvector, checked with pg_isready', () => {
    expect(db!.image).toBe('pgvector/pgvector:pg16');
    expect(db!.healthcheck!.test.join(' ')).toMatch(/pg_isready -U (\S+) -d (\S+)/);
  });

  it('starts the service once the database is healthy, pointed at it, checked on /healthz/ready', () => {
    expect(targets).toContain(app!.build!.target);
    expect(app!.depends_on!['db']!.condition).toBe('service_healthy');
    const url = new URL(app!.environment!['DATABASE_URL']!.replace(/\$\{[^}]+\}/g, 'x'));
    expect(url.hostname).toBe('db');
    const port = app!.environment!['PORT']!;
    expect(app!.ports).toContain(`${port}:${port}`);
    expect(app!.healthcheck!.test.join(' ')).toContain(`http://127.0.0.1:${port}/healthz/ready`);
  });

  it('runs the tests on the compose database server, as .ci/run does', () => {
    expect(targets).toContain(test!.build!.target);
    expect(test!.profiles).toEqual(['test']);
    expect(test!.depends_on!['db']!.condition).toBe('service_healthy');
    expect(new URL(test!.environment!['TEST_DATABASE_URL']!.replace(/\$\{[^}]+\}/g, 'x')).hostname).toBe('db');
    expect(readFileSync('.ci/run', 'utf8')).toMatch(/npm test/);
  });
});
