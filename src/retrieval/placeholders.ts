/**
 * `{{PLACEHOLDERS}}` in the union's own guides (addresses, hours, local numbers) that the admin fills before
 * going live. A re-index lists every unfilled one by file (and /healthz shows them); an answer never prints
 * one: the sentence that holds it is left out, and a contact line becomes the 12351 workers' hotline.
 *
 * @example
 *   findPlaceholders('服务时间：{{DESK_HOURS}}。') // ['DESK_HOURS']
 *   withoutPlaceholders('服务时间：{{DESK_HOURS}}。也可以拨打12351。', 'zh') // '也可以拨打12351。'
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const pattern = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

export function findPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(pattern)].map((m) => m[1]!))];
}

const hotline = { zh: '也可以拨打职工服务热线12351。', en: 'You can also call the workers’ hotline 12351.' };

/** The text without any sentence that holds a placeholder; a dropped contact sentence points to 12351. */
export function withoutPlaceholders(text: string, lang: 'zh' | 'en'): string {
  if (!findPlaceholders(text).length) return text;
  let droppedContact = false;
  const kept = text.split('\n').map((line) => {
    if (!findPlaceholders(line).length) return line;
    const sentences = line.split(/(?<=[。；！？!?;]|\.\s)/);
    return sentences
      .filter((s) => {
        if (!findPlaceholders(s).length) return true;
        if (/电话|联系|地址|窗口|热线|时间|contact|phone|address|hours|office/i.test(s)) droppedContact = true;
        return false;
      })
      .join('')
      .trim();
  });
  // Lines that held only placeholder sentences go; blank lines between paragraphs stay.
  const original = text.split('\n');
  const out = kept
    .filter((l, i) => l || !original[i]!.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return droppedContact && !out.includes('12351') ? `${out}${lang === 'zh' ? '' : ' '}${hotline[lang]}`.trim() : out;
}

export interface UnfilledPlaceholders {
  /** Path relative to the knowledge folder. */
  path: string;
  names: string[];
}

/** Every unfilled `{{…}}` in the knowledge folder's text files, by file (what a re-index reports). */
export async function scanPlaceholders(knowledgeDir: string, files: readonly string[]): Promise<UnfilledPlaceholders[]> {
  const out: UnfilledPlaceholders[] = [];
  for (const path of files.filter((f) => /\.(md|markdown|txt|html?|ya?ml)$/i.test(f))) {
    const names = findPlaceholders(await readFile(join(knowledgeDir, path), 'utf8').catch(() => ''));
    if (names.length) out.push({ path, names });
  }
  return out;
}
