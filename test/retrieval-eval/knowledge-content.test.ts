/**
 * The knowledge the bot ships is data; these checks keep it honest: every statute term of the thesaurus
 * occurs in the law texts (or, for the union's own services, in the union guides), and every union guide
 * has the front matter, headings, English section and placeholder list the admin relies on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeFile } from '../../src/retrieval/knowledge-loader.js';
import { parseThesaurus } from '../../src/retrieval/thesaurus.js';

const knowledgeDir = join(import.meta.dirname, '../../knowledge');
// Law texts wrap some sentences across lines; a term may span the break.
const flatten = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');
const readAll = (dir: string) =>
  readdirSync(join(knowledgeDir, dir))
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .map((f) => ({ file: f, text: readFileSync(join(knowledgeDir, dir, f), 'utf8') }));

const laws = flatten(
  readAll('laws')
    .map((d) => d.text)
    .join('\n'),
);
const guides = readAll('union');
const guideText = flatten(guides.map((d) => d.text).join('\n'));
const thesaurus = parseThesaurus(readFileSync(join(knowledgeDir, 'thesaurus.tsv'), 'utf8'));

describe('knowledge/thesaurus.tsv', () => {
  it('has 200–320 groups', () => {
    expect(thesaurus.groups.length).toBeGreaterThanOrEqual(200);
    expect(thesaurus.groups.length).toBeLessThanOrEqual(320);
  });

  it('maps only to words that occur in the law texts or the union guides', () => {
    const missing = thesaurus.groups.flatMap((g) => g.statute).filter((t) => !laws.includes(flatten(t)) && !guideText.includes(flatten(t)));
    expect([...new Set(missing)]).toEqual([]);
  });

  it('expands lay words, typos and English to statute terms', () => {
    expect(thesaurus.expand('老板说明天别来了')).toContain('解除劳动合同');
    expect(thesaurus.expand('厂里欠薪三个月')).toContain('拖欠劳动报酬');
    expect(thesaurus.expand('工商保险怎么报')).toContain('工伤保险');
    expect(thesaurus.expand('Do I get overtime pay?')).toContain('延长工作时间');
    expect(thesaurus.expand('My employer withheld my ID card')).toContain('扣押劳动者居民身份证');
    expect(thesaurus.expand('How many days of annual leave?')).toContain('年休假');
  });

  it('does not fire on unrelated everyday words', () => {
    expect(thesaurus.expand('今天天气怎么样')).toEqual([]);
    expect(thesaurus.expand('What is the weather like?')).toEqual([]);
  });
});

describe('knowledge/union guides', () => {
  it('has 6–8 guides', () => {
    expect(guides.length).toBeGreaterThanOrEqual(6);
    expect(guides.length).toBeLessThanOrEqual(8);
  });

  it.each(guides.map((g) => [g.file, g.text]))('%s: front matter, headings, English, placeholders listed', async (file, text) => {
    const doc = await loadKnowledgeFile(knowledgeDir, `union/${file}`);
    expect(doc.kind).toBe('union-guide');
    for (const key of ['title', 'title_en', 'issuer', 'effective', 'source', 'notes']) expect(doc.meta[key], key).toBeTruthy();
    expect(doc.meta['source']).toBe('Niangjia union guides');
    expect(doc.passages.length).toBeGreaterThan(0);
    expect(doc.passages.every((p) => p.articles.length === 0)).toBe(true);
    expect(text).toMatch(/^## English summary$/m);
    const placeholders = new Set(text.match(/\{\{[A-Z0-9_]+\}\}/g) ?? []);
    for (const p of placeholders) expect(String(doc.meta['notes']), `${p} listed in notes`).toContain(p);
    // Only the real national numbers: no invented phone numbers.
    for (const n of text.match(/\b\d{3,}\b/g) ?? []) {
      if (/^(19|20)\d\d$/.test(n)) continue; // years
      expect(['12351', '12333', '12348', '110', '120', '119'], n).toContain(n);
    }
  });
});
