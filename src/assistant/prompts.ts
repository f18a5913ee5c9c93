/**
 * The LLM prompts, loaded once from the prompts folder (PROMPTS_DIR): system, answer, condense and triage, in zh
 * and en. `{{name}}` placeholders are filled here; passages are wrapped as data.
 *
 * @example
 *   const prompts = loadPrompts('prompts');
 *   prompts.render('answer', 'zh', { passages: formatPassages(hits), question: '试用期最长多久' });
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Passage } from '../retrieval/types.js';
import { citationOf } from './citations.js';
import { PolicyError } from './reply-texts.js';
import type { Lang } from './types.js';

export type PromptName = 'system' | 'answer' | 'condense' | 'triage';
const names: PromptName[] = ['system', 'answer', 'condense', 'triage'];
const langs: Lang[] = ['zh', 'en'];

export interface Prompts {
  render(name: PromptName, lang: Lang, values?: Record<string, string>): string;
}

export function loadPrompts(dir: string): Prompts {
  const files = new Map<string, string>();
  for (const name of names) {
    for (const lang of langs) {
      const file = join(dir, `${name}.${lang}.md`);
      try {
        files.set(`${name}.${lang}`, readFileSync(file, 'utf8').trim());
      } catch (error) {
        throw new PolicyError(`Missing prompt ${file}: the prompts ship in prompts/; check PROMPTS_DIR.`, { cause: error });
      }
    }
  }
  return {
    render(name, lang, values = {}) {
      const template = files.get(`${name}.${lang}`)!;
      return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
    },
  };
}

/** Keeps a document from closing or opening wrapper tags: angle brackets become full-width. */
const asData = (text: string) => text.replace(/</g, '＜').replace(/>/g, '＞');

/** Numbered passages wrapped as data, with the citation the model may use for each. */
export function formatPassages(passages: readonly Passage[]): string {
  const body = passages.map((p, i) => {
    const c = citationOf(p);
    const effective = p.effective ? ` effective="${p.effective}"` : '';
    return `<passage n="${i + 1}" cite="${asData(c.label)}"${effective}>\n${asData(p.text.trim())}\n</passage>`;
  });
  return `<passages>\n${body.join('\n')}\n</passages>`;
}

export { asData };
