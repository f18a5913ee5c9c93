import { describe, expect, it } from 'vitest';
import { articleSpans, articlesOverlapping, locateChunks } from '../../bench/baselines/article-spans.js';

const law = [
  '# 示例法',
  '## 第一章 总则',
  '第一条 为了保护劳动者的合法权益，制定本法。',
  '第二条 本法适用于用人单位。',
  '',
  '用人单位应当遵守本法。',
  '## 第二章 劳动合同',
  '第一百零一条 劳动合同应当书面订立。',
  '引用第二条规定的，不是新的条文。',
].join('\n');

describe('article spans (eval README §3 coverage)', () => {
  const spans = articleSpans(law);

  it('runs each article to the next article line or heading, numerals converted', () => {
    expect(spans.map((s) => s.article)).toEqual([1, 2, 101]);
    const text = (n: number) => law.slice(spans.find((s) => s.article === n)!.start, spans.find((s) => s.article === n)!.end);
    expect(text(2)).toContain('用人单位应当遵守本法。');
    expect(text(2)).not.toContain('第二章');
    expect(text(101)).toContain('引用第二条规定的');
  });

  it('maps a chunk to every article it overlaps, and a heading-only chunk to none', () => {
    const from = law.indexOf('制定本法');
    const to = law.indexOf('适用于');
    expect(articlesOverlapping(spans, from, to)).toEqual([1, 2]);
    const heading = law.indexOf('## 第二章');
    expect(articlesOverlapping(spans, heading, heading + 5)).toEqual([]);
  });

  it('locates overlapping chunks in order, even when a chunk repeats earlier text', () => {
    const text = 'abcabcabc';
    expect(locateChunks(text, ['abca', 'abca', 'bc'])).toEqual([
      { start: 0, end: 4 },
      { start: 3, end: 7 },
      { start: 4, end: 6 },
    ]);
    expect(locateChunks(text, ['zzz'])).toEqual([{ start: 0, end: 0 }]);
  });
});
