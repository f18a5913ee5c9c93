/**
 * Groups questions by likeness, so the report says "23 workers asked whether a delivery rider is an
 * employee" instead of listing 23 lines. A question's shape is its set of Han character pairs and Latin
 * words (masking placeholders and filler dropped); a question joins the first group whose first question
 * shares enough of it (Jaccard ≥ `threshold`), else starts a group. Greedy and order-stable: the same rows
 * give the same groups.
 *
 * @example
 *   groupByLikeness(['外卖骑手算不算劳动关系', '外卖骑手算不算劳动关系？急', '试用期多久'])
 *   // [{ count: 2, examples: ['外卖骑手算不算劳动关系', '外卖骑手算不算劳动关系？急'] }, { count: 1, examples: ['试用期多久'] }]
 */
export interface QuestionGroup {
  count: number;
  /** The first questions of the group, as they were asked (masked). */
  examples: string[];
  /** The indexes of the grouped texts in the input. */
  members: number[];
}

const filler = new Set(['请问', '你好', '您好', '谢谢', '急急', '麻烦', '一下', '怎么', '什么', '可以', '我们', '我的', '是不', '不是']);
const latinFiller = new Set([
  'the',
  'a',
  'an',
  'is',
  'are',
  'do',
  'does',
  'i',
  'my',
  'me',
  'to',
  'of',
  'and',
  'or',
  'can',
  'what',
  'how',
  'please',
]);

/** The shape of a question: Han pairs and Latin words. */
export function questionShape(text: string): Set<string> {
  const shape = new Set<string>();
  const cleaned = text.replace(/\*+|\d+/g, ' ').toLowerCase();
  for (const run of cleaned.match(/\p{Script=Han}+/gu) ?? []) {
    if (run.length === 1) shape.add(run);
    for (let i = 0; i + 1 < run.length; i++) {
      const pair = run.slice(i, i + 2);
      if (!filler.has(pair)) shape.add(pair);
    }
  }
  for (const word of cleaned.match(/[a-z]+/g) ?? []) if (!latinFiller.has(word)) shape.add(word);
  return shape;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

export function groupByLikeness(
  texts: readonly string[],
  { threshold = 0.5, examples = 3 }: { threshold?: number; examples?: number } = {},
): QuestionGroup[] {
  const groups: Array<QuestionGroup & { shape: Set<string> }> = [];
  texts.forEach((text, i) => {
    const shape = questionShape(text);
    const home = groups.find((g) => jaccard(g.shape, shape) >= threshold);
    if (home) {
      home.count++;
      home.members.push(i);
      if (home.examples.length < examples && !home.examples.includes(text)) home.examples.push(text);
    } else {
      groups.push({ count: 1, examples: [text], members: [i], shape });
    }
  });
  return groups.map(({ shape: _shape, ...g }) => g).sort((a, b) => b.count - a.count || a.members[0]! - b.members[0]!);
}
