import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  chunkDocument,
  FrontMatterError,
  loadKnowledge,
  loadKnowledgeFile,
  parseArticleHeading,
  parseChineseNumber,
  parseFrontMatter,
  parseThesaurus,
} from '../../src/retrieval/index.js';

const lawsDir = fileURLToPath(new URL('../../knowledge/', import.meta.url));
const fixtureDir = fileURLToPath(new URL('../fixtures/knowledge/', import.meta.url));

describe('Chinese numerals', () => {
  it.each([
    ['一', 1],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['四十七', 47],
    ['九十八', 98],
    ['一百', 100],
    ['一百零一', 101],
    ['一百一十九', 119],
    ['一百二十', 120],
    ['两千零五', 2005],
    ['47', 47],
  ])('%s → %i', (text, value) => expect(parseChineseNumber(text)).toBe(value));

  it('reads article headings, including 之一 and full-width spaces', () => {
    expect(parseArticleHeading('第一百零一条 用人单位…')).toMatchObject({ article: 101, rest: '用人单位…' });
    expect(parseArticleHeading('第二十条之一　内容')).toMatchObject({ article: 20, sub: 1, label: '第二十条之一' });
    expect(parseArticleHeading('第十条')).toMatchObject({ article: 10 });
    expect(parseArticleHeading('依照本法第十条规定')).toBeUndefined();
    expect(parseArticleHeading('第X条 不是')).toBeUndefined();
  });
});

describe('law chunker on the real law files', () => {
  it('labor-contract-law.md: 98 articles, one passage each, 第四十七条 in chapter four', async () => {
    const doc = await loadKnowledgeFile(lawsDir, 'laws/labor-contract-law.md');
    expect(doc.title).toBe('中华人民共和国劳动合同法');
    expect(doc.kind).toBe('law');
    expect(doc.effective).toBe('2013-07-01'); // version_effective wins over effective and last_amended
    expect(doc.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const articles = doc.passages.flatMap((p) => p.articles);
    expect(new Set(articles).size).toBe(98);
    expect(articles).toEqual(Array.from({ length: 98 }, (_, i) => i + 1));
    const a47 = doc.passages.find((p) => p.articles[0] === 47)!;
    expect(a47.text.startsWith('第四十七条 经济补偿按劳动者在本单位工作的年限')).toBe(true);
    expect(a47.text).toContain('本条所称月工资是指劳动者在劳动合同解除或者终止前十二个月的平均工资。');
    expect(a47.text).not.toContain('第四十八条');
    expect(a47.path).toEqual(['第四章 劳动合同的解除和终止']);
    expect(a47.source).toBe('laws/labor-contract-law.md');
    expect(a47.searchText.startsWith('中华人民共和国劳动合同法 Labour Contract Law')).toBe(true);
  });

  it('every law file in knowledge/ loads, with as many articles as its front matter says', async () => {
    const { documents, failed } = await loadKnowledge({ knowledgeDir: lawsDir });
    expect(failed).toEqual([]);
    expect(documents.length).toBeGreaterThanOrEqual(45);
    for (const doc of documents) {
      const declared = Number(doc.meta['articles'] ?? 0);
      const found = new Set(doc.passages.flatMap((p) => p.articles)).size;
      if (declared > 0) expect([doc.source, found]).toEqual([doc.source, declared]);
      else expect([doc.source, found]).toEqual([doc.source, 0]);
    }
  });

  it('carries a front-matter note on an article (what a later text repealed) in that article’s passage', async () => {
    const { passages } = await loadKnowledgeFile(lawsDir, 'laws/spc-labor-dispute-interpretation-1.md');
    const art32 = passages.find((p) => p.articles[0] === 32)!;
    expect(art32.text).toMatch(
      /（注：本条第一款.*自2025年9月1日起被《最高人民法院关于审理劳动争议案件适用法律问题的解释（二）》第二十一条废止/,
    );
    expect(passages.find((p) => p.articles[0] === 31)!.text).not.toContain('（注：');
  });

  it('keeps the section path (## 章 / ### 节)', async () => {
    const doc = await loadKnowledgeFile(lawsDir, 'laws/labor-contract-law.md');
    const a57 = doc.passages.find((p) => p.articles[0] === 57)!;
    expect(a57.path).toEqual(['第五章 特别规定', '第二节 劳务派遣']);
  });

  it('splits an over-long article with overlap, every piece still cited as that article', async () => {
    const long = `第三条 ${Array.from({ length: 40 }, (_, i) => `第${i}句用人单位应当依法支付劳动报酬并缴纳社会保险费。`).join('')}`;
    const body = `# 测试法\n\n## 第一章 总则\n\n第一条 短条文。\n\n第二条 也短。\n\n${long}\n\n第四条 最后一条。\n`;
    const passages = await chunkDocument(
      { source: 'laws/t.md', meta: { title: '测试法', kind: 'law' }, body },
      { maxArticleChars: 300, chunkChars: 250, overlapChars: 50 },
    );
    const pieces = passages.filter((p) => p.articles[0] === 3);
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.every((p) => p.articles.length === 1)).toBe(true);
    expect(pieces[1]!.text.startsWith('第三条（续）')).toBe(true);
    expect(passages.map((p) => p.articles[0])).toEqual([1, 2, ...pieces.map(() => 3), 4]);
    // Overlap: the end of one piece reappears at the start of the next.
    const tail = pieces[0]!.text.slice(-20);
    expect(pieces[1]!.text).toContain(tail.slice(-10));
  });

  it('splits documents without articles by heading and size, articles []', async () => {
    const doc = await loadKnowledgeFile(lawsDir, 'laws/part-time-employment-opinions.md');
    expect(doc.kind).toBe('policy');
    expect(doc.passages.length).toBeGreaterThan(3);
    expect(doc.passages.every((p) => p.articles.length === 0)).toBe(true);
    expect(doc.passages.some((p) => p.path[0] === '一、关于非全日制用工的劳动关系')).toBe(true);
  });
});

describe('front matter', () => {
  it('parses quoted strings, dates, numbers, lists', () => {
    const { meta, body } = parseFrontMatter(
      '---\ntitle: "劳动法"\nkind: law\neffective: 2018-12-29\narticles: 107\ntags: [工资, "加班"]\nalso:\n  - a\n  - 2\nnote: \'it\'\'s\'\n---\n# 劳动法\n',
      'laws/x.md',
    );
    expect(meta).toEqual({
      title: '劳动法',
      kind: 'law',
      effective: '2018-12-29',
      articles: 107,
      tags: ['工资', '加班'],
      also: ['a', 2],
      note: "it's",
    });
    expect(body).toBe('# 劳动法\n');
  });

  it.each([
    ['---\ntitle: "x"\n', /never closed/],
    ['---\ntitle: "x\n---\n', /unterminated/],
    ['---\njust text\n---\n', /line 2: expected "key: value"/],
    ['---\ntitle: a\ntitle: b\n---\n', /duplicate key "title"/],
    ['---\n  - item\n---\n', /list item without a key/],
  ])('rejects %j with a reason naming the file', (text, reason) => {
    try {
      parseFrontMatter(text, 'laws/bad.md');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FrontMatterError);
      expect((error as FrontMatterError).path).toBe('laws/bad.md');
      expect((error as Error).message).toMatch(reason);
      expect((error as Error).message.startsWith('laws/bad.md: ')).toBe(true);
    }
  });

  it('a file that cannot be parsed is reported by path and reason and skipped; the rest load', async () => {
    const { documents, failed } = await loadKnowledge({ knowledgeDir: fixtureDir });
    expect(failed).toEqual([{ path: 'laws/broken-front-matter.md', reason: expect.stringMatching(/never closed/) }]);
    expect(documents.map((d) => d.source)).toEqual([
      'laws/labor-contract-law.md',
      'laws/paid-annual-leave-regulations.md',
      'laws/part-time-employment-opinions.md',
      'laws/trade-union-law.md',
    ]);
  });
});

describe('thesaurus', () => {
  const thesaurus = parseThesaurus(readFileSync(`${fixtureDir}thesaurus.tsv`, 'utf8'));
  it('matches Chinese lay terms as substrings and English as words, case-insensitive', () => {
    expect(thesaurus.expand('老板说要把我炒鱿鱼')).toEqual(['解除劳动合同', '经济补偿']);
    expect(thesaurus.expand('I was FIRED yesterday')).toEqual(['解除劳动合同', '经济补偿']);
    expect(thesaurus.expand('What about my Unions?')).toEqual(['工会']);
    expect(thesaurus.expand('reunionist')).toEqual([]);
  });
  it('rejects a line without a tab', () => {
    expect(() => parseThesaurus('a|b c', 'k/thesaurus.tsv')).toThrow(/k\/thesaurus.tsv: line 1/);
  });
});
