import { describe, expect, it } from 'vitest';
import { cardDocuments } from '../../src/retrieval/card-documents.js';
import type { IssueCard } from '../../src/retrieval/issue-cards.js';

const card = (id: string, zh: string[], en: string[] = []): IssueCard => ({
  id,
  area: 'test',
  source: 'issues/test.yaml',
  issue: { zh: zh[0]!, en: en[0] ?? id },
  asked: { zh, en },
  bottomLine: { zh: '', en: '' },
  dependsOn: [],
  articles: [],
  nextSteps: [],
  employerClaims: [],
  doNot: [],
  reviewed: false,
});

const cards = [
  card(
    'no-contract',
    ['入职三个月没签劳动合同', '老板一直不签合同能要二倍工资吗', '没签书面合同怎么赔'],
    ['No written contract after three months'],
  ),
  card('wage-arrears', ['老板拖欠工资两个月', '工资一直不发去哪投诉', '干了活不给钱'], ['My boss has not paid my wages']),
  card('commute-injury', ['下班路上被车撞了算工伤吗', '上班途中出车祸', '骑电动车下班摔伤'], ['Hit by a car on my way home from work']),
];

describe('cardDocuments', () => {
  const docs = cardDocuments(cards);

  it('matches a story to the card whose phrasings, together, share its legal words', () => {
    // No single phrasing is close to this story; the words 合同, 签, 二倍 are spread over one card's phrasings.
    const story = '我在老家县城的饭店干了快半年，老板娘人挺好，就是一直没跟我签合同，听说可以要二倍？';
    expect(docs.score(story)[0]?.id).toBe('no-contract');
    expect(docs.score('My boss has not paid wages for two months')[0]?.id).toBe('wage-arrears');
  });

  it('scores only cards that share a term, best first, and nothing for a question of unknown words', () => {
    const scored = docs.score('下班路上摔伤');
    expect(scored[0]?.id).toBe('commute-injury');
    expect(scored.every((s, i) => s.score > 0 && (i === 0 || scored[i - 1]!.score >= s.score))).toBe(true);
    expect(docs.score('%%%')).toEqual([]);
  });
});
