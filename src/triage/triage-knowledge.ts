/**
 * Reads the triage knowledge from the knowledge folder: the danger lexicon (`policy/triage/lexicon/*.yaml`)
 * and the labelled training lines (`policy/triage/training/*.tsv`, `label<TAB>lang<TAB>text`). A malformed
 * line fails with its file and line number: training data is data an admin edits.
 *
 * @example
 *   const { lexicon, lines, hash } = await readTriageKnowledge('knowledge');
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DangerLexiconData, LexiconError, parseDangerLexiconFiles } from './danger-lexicon.js';
import { OUTCOMES } from './types.js';

export interface TrainingLine {
  label: string;
  lang: 'zh' | 'en';
  text: string;
  /** file:line, for error messages and the training report. */
  source: string;
}

export interface TriageKnowledge {
  lexicon: DangerLexiconData;
  lines: TrainingLine[];
  /** sha256 over every file read: the model is retrained only when this changes. */
  hash: string;
}

const labelPattern = /^(urgent|escalate|decline|answer):[a-z_]+$/;

export function parseTrainingLines(name: string, text: string): TrainingLine[] {
  const out: TrainingLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const source = `${name}:${i + 1}`;
    const [label, lang, ...rest] = raw.split('\t');
    const message = rest.join('\t').trim();
    if (!label || !labelPattern.test(label.trim()) || !OUTCOMES.includes(label.trim().split(':')[0] as never)) {
      throw new LexiconError(
        `${source}: the first field must be a label like urgent:fire or answer:legal_question (got ${JSON.stringify(label?.slice(0, 40))})`,
      );
    }
    if (lang?.trim() !== 'zh' && lang?.trim() !== 'en') throw new LexiconError(`${source}: the second field must be zh or en`);
    if (!message) throw new LexiconError(`${source}: the third field (the message) is empty`);
    out.push({ label: label.trim(), lang: lang.trim() as 'zh' | 'en', text: message, source });
  });
  return out;
}

async function filesIn(dir: string, pattern: RegExp): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => pattern.test(n)).sort();
  } catch {
    return [];
  }
}

export async function readTriageKnowledge(knowledgeDir: string): Promise<TriageKnowledge> {
  const base = join(knowledgeDir, 'policy', 'triage');
  const hash = createHash('sha256');
  const lexiconFiles: Array<{ name: string; text: string }> = [];
  for (const name of await filesIn(join(base, 'lexicon'), /\.ya?ml$/)) {
    const text = await readFile(join(base, 'lexicon', name), 'utf8');
    hash.update(`lexicon/${name}\0${text}\0`);
    lexiconFiles.push({ name: `policy/triage/lexicon/${name}`, text });
  }
  const lines: TrainingLine[] = [];
  for (const { name, text } of await readTrainingFiles(knowledgeDir)) {
    hash.update(`training/${name}\0${text}\0`);
    lines.push(...parseTrainingLines(`policy/triage/training/${name}`, text));
  }
  return { lexicon: parseDangerLexiconFiles(lexiconFiles), lines, hash: hash.digest('hex') };
}

/** The training files (knowledge/policy/triage/training/*.tsv) by name, in name order; none when the folder is missing. */
export async function readTrainingFiles(knowledgeDir: string): Promise<Array<{ name: string; text: string }>> {
  const dir = join(knowledgeDir, 'policy', 'triage', 'training');
  return Promise.all((await filesIn(dir, /\.tsv$/)).map(async (name) => ({ name, text: await readFile(join(dir, name), 'utf8') })));
}
