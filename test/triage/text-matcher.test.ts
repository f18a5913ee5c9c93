import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileTerm, findHits, normalise, requiredLiterals } from '../../src/triage/text-matcher.js';
import { readTriageKnowledge } from '../../src/triage/triage-knowledge.js';

describe('the literals a pattern needs', () => {
  it('reads lookaheads, alternations, groups and quantifiers', () => {
    expect(requiredLiterals('(?=[^。]*(明天|今晚))(?=[^。]*下井)')).toEqual([['明天', '今晚'], ['下井']]);
    expect(requiredLiterals('\\bno one (came|answered)\\b')).toEqual([['no one '], ['came', 'answered']]);
    expect(requiredLiterals('ab+c')).toEqual([['a'], ['b'], ['c']]);
    expect(requiredLiterals('Help\\.')).toEqual([['help.']]);
  });

  it('requires nothing of what may be absent or what it cannot read', () => {
    expect(requiredLiterals('(?!不)(着火|冒烟)?')).toEqual([]);
    expect(requiredLiterals('(着火|)烟')).toEqual([['烟']]);
    expect(requiredLiterals('[着火]\\d+')).toEqual([]);
    expect(requiredLiterals('(a)\\1')).toEqual([['a']]);
    expect(requiredLiterals('Ä')).toEqual([]); // a cased letter beyond a–z: its case folding is not checked
  });

  it('a term finds what it found before: the pre-checks never skip a match (the shipped lexicon on its training lines)', async () => {
    const k = await readTriageKnowledge('knowledge');
    const terms: string[] = [];
    const add = (t: { zh: string[]; en: string[] }) => terms.push(...t.zh, ...t.en);
    for (const c of k.lexicon.categories) add(c.acute), add(c.event);
    for (const f of Object.values(k.lexicon.frames)) add(f);
    // Every other training line and the behaviour sets' messages.
    const texts = k.lines.filter((_, i) => i % 2 === 0).map((l) => normalise(l.text));
    for (const f of readdirSync('eval/blind').filter((n) => n.startsWith('behaviour'))) {
      for (const line of readFileSync(`eval/blind/${f}`, 'utf8').split('\n'))
        if (line.trim()) texts.push(normalise(JSON.parse(line).message));
    }
    const patterns = terms.filter((t) => t.startsWith('re:'));
    expect(patterns.length).toBeGreaterThan(100);
    let matched = 0;
    const differ: string[] = [];
    for (const raw of patterns) {
      const source = raw.slice(3);
      const re = new RegExp(source.startsWith('(?=[^.!?]*') ? `(?<![^.!?])${source}` : source, 'giu');
      const term = compileTerm(raw);
      for (const text of texts) {
        const expected = [...text.matchAll(re)].map((m) => m.index).join();
        if (expected) matched++;
        if (
          term
            .find(text, [])
            .map((h) => h.index)
            .join() !== expected
        )
          differ.push(`${raw} on ${text}`);
      }
    }
    expect(differ).toEqual([]);
    expect(matched).toBeGreaterThan(100);
  });

  it('a literal term is found at every place, whatever text was looked at before', () => {
    const terms = ['着火', '火', 'fire*', '着火了'].map(compileTerm);
    expect(findHits(terms, normalise('仓库着火了，着火'))).toEqual([
      { term: '着火', index: 2 },
      { term: '着火', index: 6 },
      { term: '火', index: 3 },
      { term: '火', index: 7 },
      { term: '着火了', index: 2 },
    ]);
    expect(findHits(terms, normalise('没事'))).toEqual([]);
    expect(findHits(terms, normalise('the fire is spreading'))).toEqual([{ term: 'fire*', index: 4 }]);
    expect(findHits(terms, normalise('着火'))).toEqual([
      { term: '着火', index: 0 },
      { term: '火', index: 1 },
    ]);
  });
});
