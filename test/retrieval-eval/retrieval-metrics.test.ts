import { describe, expect, it } from 'vitest';
import {
  type CoveringPassage,
  type EvalQuestion,
  parseQuestions,
  percentile,
  QuestionFileError,
  scoreQuestion,
  summarize,
  summarizeBy,
} from '../../src/retrieval/retrieval-metrics.js';

const LCL = '中华人民共和国劳动合同法';
const LL = '中华人民共和国劳动法';

const question = (overrides: Partial<EvalQuestion> = {}): EvalQuestion => ({
  id: 'q-1',
  question: '被辞退了补偿怎么算',
  lang: 'zh',
  topic: 'dismissal_severance',
  relevant: [
    { title: LCL, article: 46 },
    { title: LCL, article: 47 },
  ],
  ...overrides,
});
const p = (title: string, ...articles: number[]): CoveringPassage => ({ title, articles });
const filler = (n: number) => Array.from({ length: n }, () => p(LL, 1));

describe('scoreQuestion', () => {
  it('finds the rank of the first passage covering a relevant article', () => {
    const s = scoreQuestion(question(), [p(LL, 47), p(LCL, 40), p(LCL, 47), p(LCL, 46)]);
    expect(s.firstHit).toBe(3);
    expect(s.foundAt5).toBe(2);
    expect(s.relevantPairs).toBe(2);
  });

  it('needs the same title: the right article number in another law is no hit', () => {
    const s = scoreQuestion(question(), [p(LL, 46), p(LL, 47)]);
    expect(s.firstHit).toBeNull();
    expect(s.foundAt10).toBe(0);
  });

  it('counts a multi-article chunk as covering all its articles', () => {
    const s = scoreQuestion(question(), [p(LCL, 45, 46, 47)]);
    expect(s.firstHit).toBe(1);
    expect(s.foundAt5).toBe(2);
  });

  it('does not de-duplicate ranks, and counts a pair once however many passages cover it', () => {
    const s = scoreQuestion(question(), [p(LCL, 46), p(LCL, 46), p(LCL, 46), p(LCL, 46), p(LCL, 46), p(LCL, 47)]);
    expect(s.firstHit).toBe(1);
    expect(s.foundAt5).toBe(1);
    expect(s.foundAt10).toBe(2);
  });

  it('ignores hits below rank 10 and passages without articles', () => {
    const s = scoreQuestion(question(), [p('工会服务指南'), ...filler(9), p(LCL, 47)]);
    expect(s.firstHit).toBeNull();
    expect(s.foundAt10).toBe(0);
  });

  it('counts a relevant pair listed twice once', () => {
    const q = question({
      relevant: [
        { title: LCL, article: 47 },
        { title: LCL, article: 47 },
      ],
    });
    expect(scoreQuestion(q, [p(LCL, 47)]).relevantPairs).toBe(1);
  });
});

describe('summarize', () => {
  it('computes hit rates, MRR@10 and micro article recall', () => {
    const a = scoreQuestion(question({ id: 'a' }), [p(LCL, 47)]); // rank 1, 1 of 2 pairs
    const b = scoreQuestion(question({ id: 'b' }), [...filler(3), p(LCL, 46), p(LCL, 47)]); // rank 4, 2 of 2
    const c = scoreQuestion(question({ id: 'c', relevant: [{ title: LL, article: 44 }] }), [...filler(7), p(LL, 44)]); // rank 8
    const d = scoreQuestion(question({ id: 'd', lang: 'en' }), filler(10)); // miss
    const s = summarize([a, b, c, d]);
    expect(s.questions).toBe(4);
    expect(s.hit_at_1).toBe(0.25);
    expect(s.hit_at_3).toBe(0.25);
    expect(s.hit_at_5).toBe(0.5);
    expect(s.hit_at_10).toBe(0.75);
    expect(s.mrr_at_10).toBeCloseTo((1 + 1 / 4 + 1 / 8) / 4, 10);
    // pairs: 2 + 2 + 1 + 2 = 7; covered in top 5: 1 + 2 + 0 + 0; in top 10: 1 + 2 + 1 + 0
    expect(s.article_recall_at_5).toBeCloseTo(3 / 7, 10);
    expect(s.article_recall_at_10).toBeCloseTo(4 / 7, 10);
  });

  it('is all zeros for no questions', () => {
    expect(summarize([]).hit_at_5).toBe(0);
  });

  it('groups by language', () => {
    const a = scoreQuestion(question({ id: 'a' }), [p(LCL, 47)]);
    const d = scoreQuestion(question({ id: 'd', lang: 'en' }), []);
    const by = summarizeBy([a, d], (s) => s.lang);
    expect([...by.keys()]).toEqual(['en', 'zh']);
    expect(by.get('zh')!.hit_at_1).toBe(1);
    expect(by.get('en')!.hit_at_1).toBe(0);
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(10);
    expect(percentile(values, 95)).toBe(19);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });
});

describe('parseQuestions', () => {
  const line = (o: object) => JSON.stringify(o);
  const good = { id: 'x-1', question: '加班费', lang: 'zh', topic: 'overtime', relevant: [{ title: LL, article: 44 }] };

  it('reads JSON lines and skips blank lines', () => {
    const qs = parseQuestions(`${line(good)}\n\n${line({ ...good, id: 'x-2', lang: 'en' })}\n`);
    expect(qs.map((q) => q.id)).toEqual(['x-1', 'x-2']);
    expect(qs[0]!.relevant).toEqual([{ title: LL, article: 44 }]);
  });

  it('names the line of bad JSON', () => {
    const err = (() => {
      try {
        parseQuestions(`${line(good)}\n{"id": "x-2",}\n`, 'my.jsonl');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(QuestionFileError);
    expect((err as QuestionFileError).line).toBe(2);
    expect((err as Error).message).toMatch(/^my\.jsonl:2: not valid JSON/);
  });

  it('rejects missing fields, bad articles and duplicate ids with the line', () => {
    expect(() => parseQuestions(line({ ...good, question: '' }))).toThrow(/:1: "question"/);
    expect(() => parseQuestions(line({ ...good, relevant: [{ title: LL, article: '44' }] }))).toThrow(/relevant\[0\]/);
    expect(() => parseQuestions(line({ ...good, relevant: [] }))).toThrow(/"relevant"/);
    expect(() => parseQuestions(`${line(good)}\n${line(good)}`)).toThrow(/:2: duplicate id x-1/);
    expect(() => parseQuestions('\n\n')).toThrow(/no questions/);
  });

  it('defaults a missing topic and language', () => {
    const { lang, topic, ...rest } = good;
    const [q] = parseQuestions(line(rest));
    expect(q!.lang).toBe('zh');
    expect(q!.topic).toBe('(none)');
  });
});
