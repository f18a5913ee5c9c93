/**
 * Query expansion from `knowledge/thesaurus.tsv`: lay words and English → statute terms. Each
 * non-comment line is `lay|lay|…<TAB>statute|statute|…`. Chinese lay terms match as substrings,
 * English ones as whole words, case-insensitive (a plural or -ed/-ing ending still matches).
 *
 * @example
 *   const thesaurus = await loadThesaurus('knowledge/thesaurus.tsv');
 *   thesaurus.expand('老板要炒我鱿鱼') // ['解除劳动合同', '经济补偿']
 */
import { readFile } from 'node:fs/promises';

export interface ThesaurusGroup {
  lay: string[];
  statute: string[];
}

export interface Thesaurus {
  readonly groups: readonly ThesaurusGroup[];
  /** Statute terms of every group whose lay term occurs in `query`, without duplicates, in file order. */
  expand(query: string): string[];
}

export class ThesaurusError extends Error {
  override name = 'ThesaurusError';
}

const latin = /[a-z]/i;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function parseThesaurus(text: string, path = 'thesaurus.tsv'): Thesaurus {
  const groups: ThesaurusGroup[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.trimStart().startsWith('#')) return;
    const cols = line.split('\t');
    if (cols.length < 2) throw new ThesaurusError(`${path}: line ${i + 1}: expected "lay terms<TAB>statute terms"`);
    const split = (s: string) =>
      s
        .split('|')
        .map((t) => t.trim())
        .filter(Boolean);
    const lay = split(cols[0]!);
    const statute = split(cols[1]!);
    if (lay.length && statute.length) groups.push({ lay, statute });
  });
  const matchers = groups.map((g) => ({
    group: g,
    tests: g.lay.map((term) => {
      if (!latin.test(term)) return (q: string) => q.includes(term);
      const lower = term.toLowerCase();
      const re = new RegExp(`(^|[^a-z0-9])${escapeRegExp(lower)}(s|es|d|ed|ing)?($|[^a-z0-9])`);
      // The pattern contains the term literally: a query without it cannot match (most queries, most terms).
      return (q: string) => q.includes(lower) && re.test(q);
    }),
  }));
  return {
    groups,
    expand(query) {
      const q = query.normalize('NFKC').toLowerCase().replace(/[’']/g, "'");
      const out: string[] = [];
      const seen = new Set<string>();
      for (const { group, tests } of matchers) {
        if (!tests.some((t) => t(q))) continue;
        for (const s of group.statute) if (!seen.has(s)) seen.add(s), out.push(s);
      }
      return out;
    },
  };
}

export const emptyThesaurus: Thesaurus = parseThesaurus('');

/** Reads a thesaurus file; a missing file is an empty thesaurus (retrieval still works, less well). */
export async function loadThesaurus(path: string): Promise<Thesaurus> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyThesaurus;
    throw new ThesaurusError(`${path}: cannot read (${(error as Error).message})`, { cause: error });
  }
  return parseThesaurus(text, path);
}
