/**
 * Turns Chinese and English text into the terms both the lexical index and the local embedder use:
 * jieba search-mode words (long words plus their parts, so 劳动合同法 also yields 劳动, 合同) for Chinese,
 * lower-cased light-stemmed words for English, and CJK character bigrams on request (they keep a typo
 * such as 工商保险 for 工伤保险 close to the right passages).
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { Lru } from '../lru.js';

let jieba: Jieba | undefined;
/**
 * The one jieba segmenter of the process (the tokenizer's and the assistant's keywords): loading the
 * dictionary takes ~300 ms and ~45 MB, so it is done once, on first use.
 */
export function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

// Function words carry no topic; everything else is left to IDF. Kept tiny on purpose.
const stopwords = new Set([
  '的',
  '了',
  '是',
  '在',
  '和',
  '与',
  '及',
  '或',
  '或者',
  '等',
  '其',
  '之',
  '对',
  '由',
  '为',
  '以',
  '于',
  '将',
  '被',
  '把',
  '吗',
  '呢',
  '吧',
  '啊',
  '呀',
  '嘛',
  '我',
  '你',
  '他',
  '她',
  '我们',
  '他们',
  '这',
  '那',
  '这个',
  '那个',
  '就',
  '都',
  '也',
  '还',
  '又',
  '很',
  '能',
  '会',
  '要',
  '有',
  '没',
  '不',
  '着',
  '过',
  '给',
  '让',
  '说',
  '啥',
  '什么',
  '怎么',
  '怎么办',
  '么',
  'a',
  'an',
  'the',
  'of',
  'to',
  'in',
  'on',
  'for',
  'and',
  'or',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'it',
  'its',
  'i',
  'me',
  'my',
  'we',
  'our',
  'you',
  'your',
  'he',
  'she',
  'they',
  'them',
  'their',
  'this',
  'that',
  'these',
  'those',
  'do',
  'does',
  'did',
  'have',
  'has',
  'had',
  'can',
  'could',
  'will',
  'would',
  'should',
  'shall',
  'may',
  'might',
  'must',
  'what',
  'which',
  'who',
  'whom',
  'how',
  'when',
  'where',
  'why',
  'if',
  'so',
  'but',
  'not',
  'no',
  'at',
  'by',
  'with',
  'from',
  'as',
  'about',
  'into',
  'than',
  'then',
  'there',
  'here',
  'just',
  'still',
  'also',
  'any',
  'all',
  'some',
  'am',
  's',
  't',
  've',
  'm',
  'll',
  'd',
  're',
  'people',
  'republic',
  'china',
]);

const cjk = /[\u3400-\u9fff]/;
const wordish = /^[\p{L}\p{N}]+$/u;

/** Light English stemming: enough to make "contracts"/"contract", "paid"/"pay" meet, no more. */
export function stemEnglish(word: string): string {
  let w = word.toLowerCase();
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith('es') && /(ss|sh|ch|x)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  return w;
}

// The last texts tokenized: one message's question is tokenized several times (triage, both search pools,
// the query embedder), and jieba is the costly part. Small, so a re-index's passages just pass through.
const recent = new Lru<string, readonly string[]>(16);

/** Search-mode terms of `text`, stopwords removed, in order (duplicates kept: they are term frequency). */
export function tokenize(text: string): string[] {
  const known = recent.get(text);
  if (known) return [...known];
  const out = tokenizeUncached(text);
  recent.set(text, out.slice());
  return out;
}

function tokenizeUncached(text: string): string[] {
  const out: string[] = [];
  for (const raw of segmenter().cutForSearch(text.normalize('NFKC'), true)) {
    const t = raw.trim().toLowerCase();
    if (!t || !wordish.test(t)) continue;
    if (cjk.test(t)) {
      if (!stopwords.has(t)) out.push(t);
    } else if (/^\d+$/.test(t)) {
      out.push(t);
    } else {
      const s = stemEnglish(t);
      if (s.length > 1 && !stopwords.has(t) && !stopwords.has(s)) out.push(s);
    }
  }
  return out;
}

/** Overlapping CJK character bigrams of `text` (runs of Chinese characters only). */
export function cjkBigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/[\u3400-\u9fff]+/g) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

/** Counts of each item. */
export function countTerms(terms: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}
