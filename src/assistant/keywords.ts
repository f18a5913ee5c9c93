/**
 * The content words of a question (Chinese words of two or more characters, English words of three or
 * more letters), used to trim long articles to the relevant sentences, to judge retrieval, and to carry a
 * follow-up's topic forward. Segmentation by jieba: the tokenizer's segmenter, one per process.
 *
 * @example
 *   keywords('算经济补偿的时候，月工资包不包括奖金和补贴？') // → ['经济', '补偿', '月工资', '包括', '奖金', '补贴']
 */
import { segmenter } from '../text/tokenizer.js';

// Function words and question words that say nothing about the topic.
const stop = new Set([
  '怎么',
  '怎么办',
  '怎么样',
  '怎样',
  '什么',
  '为什么',
  '多少',
  '多久',
  '哪些',
  '哪里',
  '是不是',
  '是否',
  '可以',
  '能不能',
  '不能',
  '能否',
  '应该',
  '需要',
  '我们',
  '你们',
  '他们',
  '自己',
  '一个',
  '这个',
  '那个',
  '这样',
  '那样',
  '这种',
  '现在',
  '时候',
  '已经',
  '还是',
  '或者',
  '如果',
  '的话',
  '请问',
  '一下',
  '一直',
  '就是',
  '知道',
  '规定',
  '法律',
  '问题',
  '情况',
  '国家',
  '一般',
  '有没有',
  '没有',
  '吗',
  '呢',
  'the',
  'and',
  'for',
  'are',
  'was',
  'what',
  'how',
  'can',
  'does',
  'did',
  'that',
  'this',
  'with',
  'have',
  'has',
  'they',
  'them',
  'my',
  'your',
  'you',
  'their',
  'there',
  'from',
  'about',
  'will',
  'would',
  'should',
  'could',
  'when',
  'much',
  'many',
  'any',
  'not',
  'get',
  'still',
  'just',
  'into',
  'than',
  'then',
  'also',
  'been',
  'were',
  'our',
  'out',
  'who',
  'its',
]);

export function keywords(text: string): string[] {
  const out: string[] = [];
  for (const raw of segmenter().cut(text, false)) {
    const w = raw.trim().toLowerCase();
    if (stop.has(w)) continue;
    if (/^\p{Script=Han}{2,}$/u.test(w) || /^[a-z]{3,}$/.test(w)) out.push(w);
  }
  return [...new Set(out)];
}

/** Share of `words` that occur in `text` (0 when there are none). */
export function coverage(words: readonly string[], text: string): number {
  if (!words.length) return 0;
  const lower = text.toLowerCase();
  return words.filter((w) => lower.includes(w)).length / words.length;
}
