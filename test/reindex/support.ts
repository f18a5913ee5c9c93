/**
 * Helpers for the re-index tests: a temp knowledge folder with a few real law files, and the real local
 * embedder wrapped to count how many passages it embeds (fitted or restored, it still counts).
 */
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CorpusFittedEmbedder, Embedder } from '../../src/llm/embedder.js';
import { createLocalEmbedder } from '../../src/llm/local-embedder.js';

export const lawsDir = fileURLToPath(new URL('../../knowledge/laws/', import.meta.url));
export const smallLaws = ['working-hours-provisions.md', 'home-leave-provisions.md', 'paid-annual-leave-regulations.md'] as const;

export const triageDir = fileURLToPath(new URL('../../knowledge/policy/triage/', import.meta.url));

/** A fresh knowledge folder holding `files` from knowledge/laws under laws/, and the shipped triage data. */
export async function tempKnowledge(files: readonly string[] = smallLaws, { triage = true } = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'niangjia-knowledge-'));
  await mkdir(join(dir, 'laws'));
  for (const f of files) await cp(join(lawsDir, f), join(dir, 'laws', f));
  if (triage) await cp(triageDir, join(dir, 'policy', 'triage'), { recursive: true });
  return dir;
}

export async function writeKnowledge(dir: string, path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), content);
}

export async function readLaw(file: string): Promise<string> {
  return readFile(join(lawsDir, file), 'utf8');
}

export interface CountingEmbedder {
  embedder: CorpusFittedEmbedder;
  /** Texts embedded so far. */
  readonly count: number;
  reset(): void;
}

export function countingEmbedder(dimensions = 64): CountingEmbedder {
  const base = createLocalEmbedder({ dimensions });
  let count = 0;
  const wrap = (e: Embedder): Embedder => ({
    id: e.id,
    dimensions: e.dimensions,
    embed: async (texts) => {
      count += texts.length;
      return e.embed(texts);
    },
  });
  const embedder: CorpusFittedEmbedder = {
    ...wrap(base),
    fit: async (corpus) => {
      const fitted = await base.fit(corpus);
      return { embedder: wrap(fitted.embedder), state: fitted.state };
    },
    restore: (state) => wrap(base.restore(state)),
    extend: (state, corpus) => {
      const extended = base.extend!(state, corpus);
      return { embedder: wrap(extended.embedder), state: extended.state };
    },
  };
  return {
    embedder,
    get count() {
      return count;
    },
    reset() {
      count = 0;
    },
  };
}
