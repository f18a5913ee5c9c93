/**
 * English gists of articles (`knowledge/laws/gists.en.tsv`: `title<TAB>article<TAB>gist`), shown under the
 * Chinese quote in an English answer. Optional: an article without a gist gets its issue card's one-line
 * issue instead.
 *
 * @example
 *   (await loadArticleGists('knowledge')).get('中华人民共和国劳动合同法#47') // 'Severance: one month's wage per year …'
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function loadArticleGists(knowledgeDir: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await readFile(join(knowledgeDir, 'laws', 'gists.en.tsv'), 'utf8');
  } catch {
    return new Map();
  }
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [title, article, gist] = line.split('\t');
    if (title && Number.isInteger(Number(article)) && gist?.trim()) out.set(`${title.trim()}#${Number(article)}`, gist.trim());
  }
  return out;
}
