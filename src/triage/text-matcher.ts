/**
 * Term matching for the decision rules: Chinese substrings, English whole words with an optional `*`
 * ending and one tolerated typo, and `re:` regular expressions — on text normalised once (full-width to
 * half-width, lower case, no spaces between Chinese characters, no zero-width characters). A term written
 * `=word` is matched exactly, for words one typo away from an everyday word (protest / protect).
 *
 * @example
 *   const m = compileTerms(['自杀', 'kill myself', 'suicid*', 're:\\bend it all\\b']);
 *   findHits(m, normalise('I am feeling suicidal')) // → [{ term: 'suicid*', index: 12 }]
 */

export interface Hit {
  term: string;
  /** Where the hit starts in the normalised text. */
  index: number;
}

export interface CompiledTerm {
  term: string;
  find(text: string, words: Word[]): Hit[];
}

export interface Word {
  text: string;
  index: number;
}

const han = /\p{Script=Han}/u;

/** NFKC, lower case, zero-width and spaces between Chinese characters removed, whitespace collapsed. */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u200b-\u200f\u2060\ufeff]/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/(\p{Script=Han})\s+(?=\p{Script=Han})/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Latin words with their positions, for fuzzy matching. */
export function wordsOf(text: string): Word[] {
  return [...text.matchAll(/[a-z][a-z'-]*/g)].map((m) => ({ text: m[0], index: m.index }));
}

/** What a term returns when it does not occur: most terms, for most messages, so nothing is allocated. */
const none: Hit[] = [];

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function regexTerm(term: string, re: RegExp): CompiledTerm {
  return {
    term,
    find(text) {
      // test() moves lastIndex past its match, and matchAll starts from there: reset it both ways.
      re.lastIndex = 0;
      const found = re.test(text);
      re.lastIndex = 0;
      return found ? [...text.matchAll(re)].map((m) => ({ term, index: m.index })) : none;
    },
  };
}

/** Compiles one term of the rules file. Throws a message naming the bad term when a regex is invalid. */
export function compileTerm(raw: string): CompiledTerm {
  if (raw.startsWith('re:')) {
    // A pattern of lookaheads over one sentence, `(?=[^.!?]*A)(?=[^.!?]*B)[^.!?]+`, that matches anywhere in
    // a sentence matches from its start: anchoring it there gives the same hits without trying every position.
    const source = raw.slice(3);
    const anchored = source.startsWith('(?=[^.!?]*') ? `(?<![^.!?])${source}` : source;
    try {
      return regexTerm(raw, new RegExp(anchored, 'giu'));
    } catch (error) {
      throw new Error(`decision rules: bad regular expression ${JSON.stringify(raw)}: ${(error as Error).message}`, { cause: error });
    }
  }
  const exactOnly = raw.startsWith('=');
  const term = normalise(exactOnly ? raw.slice(1) : raw);
  if (han.test(term) || !/[a-z]/.test(term)) {
    return { term: raw, find: (text) => (text.includes(term) ? indexesOf(text, term).map((index) => ({ term: raw, index })) : none) };
  }
  const wildcard = term.endsWith('*');
  const body = wildcard ? term.slice(0, -1) : term;
  const pattern = escapeRegex(body).replace(/ /g, '\\s+');
  const exact = new RegExp(`(?<![a-z])${pattern}${wildcard ? "[a-z'-]*" : ''}(?![a-z])`, 'giu');
  // One typo is tolerated in single long words ("suicde", "harrassment"); short words would collide.
  const fuzzy = !exactOnly && !body.includes(' ') && body.length >= 6;
  // Within one edit the word keeps one of its first two letters in place or shifted by one: a cheap test
  // that spares the edit distance for almost every word.
  const [b0, b1] = [body[0], body[1]];
  const mayBeNear = (w: string) => w[0] === b0 || w[1] === b1 || w[1] === b0 || w[0] === b1;
  // With a `*` ending only the word's start must be within one edit ("suicde" → suicid*).
  const near = (w: string) =>
    mayBeNear(w) &&
    (wildcard
      ? w.length >= body.length - 1 && [-1, 0, 1].some((d) => withinOneEdit(w.slice(0, body.length + d), body))
      : withinOneEdit(w, body));
  return {
    term: raw,
    find(text, words) {
      // The text is normalised like the term (single spaces), so an exact hit contains the term's body.
      const hits = text.includes(body) ? [...text.matchAll(exact)].map((m) => ({ term: raw, index: m.index })) : none;
      if (hits.length || !fuzzy) return hits;
      const close = words.filter((w) => near(w.text));
      return close.length ? close.map((w) => ({ term: raw, index: w.index })) : none;
    },
  };
}

/**
 * An English term that cannot occur in text without Latin letters: a word or phrase, or a regular expression
 * made of ASCII letters, spaces and punctuation only (no digits, no emoji, no Chinese).
 */
const needsLatin = (raw: string) =>
  raw.startsWith('re:') ? /^[\x20-\x7e]+$/.test(raw) && !/\\d|0-9|\\[pPuxX]/.test(raw) : /[a-z]/i.test(raw);

/**
 * Compiles a list of terms. With `latin` (an `en:` list), the terms that need Latin letters are only tried on
 * text that has some.
 */
export function compileTerms(terms: readonly string[], { latin = false } = {}): CompiledTerm[] {
  return terms.map((raw) => {
    const t = compileTerm(raw);
    return latin && needsLatin(raw)
      ? { term: t.term, find: (text: string, words: Word[]) => (words.length ? t.find(text, words) : none) }
      : t;
  });
}

export function findHits(terms: readonly CompiledTerm[], text: string, words = wordsOf(text)): Hit[] {
  const hits: Hit[] = [];
  for (const t of terms) {
    const found = t.find(text, words);
    for (const h of found) hits.push(h);
  }
  return hits;
}

function indexesOf(text: string, term: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) out.push(i);
  return out;
}

/** Edit distance ≤ 1 (one letter inserted, deleted or changed). */
function withinOneEdit(word: string, target: string): boolean {
  if (Math.abs(word.length - target.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < word.length && j < target.length) {
    if (word[i] === target[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (word.length > target.length) i++;
    else if (word.length < target.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (word.length - i) + (target.length - j) <= 1;
}

/**
 * True when a cue (negation, reported speech) stands right before the hit: within `hanWindow` characters
 * for Chinese cues, within `wordWindow` words for English ones.
 */
export function precededBy(text: string, index: number, cues: readonly string[], { hanWindow = 3, wordWindow = 3 } = {}): boolean {
  // "能不能 / 有没有 / 是不是" ask a question; they do not negate what follows.
  const before = text.slice(0, index).replace(/(\p{Script=Han})[不没]\1/gu, '');
  const hanPart = before.slice(-hanWindow);
  const latinPart = before.split(/\s+/).filter(Boolean).slice(-wordWindow).join(' ');
  return cues.some((raw) => {
    const cue = normalise(raw);
    if (han.test(cue)) return before.slice(-(hanWindow + cue.length - 1)).includes(cue) || hanPart.includes(cue);
    return new RegExp(`(?<![a-z])${escapeRegex(cue)}(?![a-z])`, 'i').test(latinPart);
  });
}
