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

/**
 * The character pairs of the last text looked at, as a hashed bit set: a term whose first two characters are not
 * a pair of the text cannot occur in it, which spares most of the thousands of `includes` a message meets. The
 * same text object goes through every term list of a scan, so the set is built once per message.
 */
const PAIR_BITS = 1 << 16;
const pairs = new Uint8Array(PAIR_BITS);
let pairsOf = '';
const pairHash = (a: number, b: number) => (a * 31 + b) & (PAIR_BITS - 1);
function setPairs(text: string, on: 0 | 1) {
  for (let i = 0; i + 1 < text.length; i++) pairs[pairHash(text.charCodeAt(i), text.charCodeAt(i + 1))] = on;
}
function mayContain(text: string, term: string): boolean {
  if (term.length < 2) return true;
  if (text !== pairsOf) {
    setPairs(pairsOf, 0);
    setPairs(text, 1);
    pairsOf = text;
  }
  return pairs[pairHash(term.charCodeAt(0), term.charCodeAt(1))] === 1;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function regexTerm(term: string, re: RegExp, required: readonly (readonly string[])[]): CompiledTerm {
  return {
    term,
    find(text) {
      // Most patterns cannot match most messages: a literal each match needs is looked for first.
      for (const any of required) if (!any.some((s) => text.includes(s))) return none;
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
      const re = new RegExp(anchored, 'giu');
      return regexTerm(raw, re, requiredLiterals(source));
    } catch (error) {
      throw new Error(`decision rules: bad regular expression ${JSON.stringify(raw)}: ${(error as Error).message}`, { cause: error });
    }
  }
  const exactOnly = raw.startsWith('=');
  const term = normalise(exactOnly ? raw.slice(1) : raw);
  if (han.test(term) || !/[a-z]/.test(term)) {
    return {
      term: raw,
      find: (text) => (mayContain(text, term) && text.includes(term) ? indexesOf(text, term).map((index) => ({ term: raw, index })) : none),
    };
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
      const hits =
        mayContain(text, body) && text.includes(body) ? [...text.matchAll(exact)].map((m) => ({ term: raw, index: m.index })) : none;
      if (hits.length || !fuzzy) return hits;
      const close = words.filter((w) => near(w.text));
      return close.length ? close.map((w) => ({ term: raw, index: w.index })) : none;
    },
  };
}

/**
 * What every match of a regular expression (`u` and `i` flags, on normalised — lower-case — text) needs in the
 * text: a list of alternatives lists, each one literal of which must occur (its lookaheads' too, which read the
 * text though they consume none of it). Read from the pattern's syntax, conservatively: a part it does not
 * understand (classes, escapes other than punctuation, back-references, negative lookarounds, optional parts)
 * requires nothing; an alternation requires one of its branches' best literal; a cased letter outside a–z ends a
 * literal (its case folding is not a lower-casing). Empty when nothing is certain: the pattern always runs.
 *
 * @example
 *   requiredLiterals('(?=[^。]*(明天|今晚))(?=[^。]*下井)') // → [['明天', '今晚'], ['下井']]
 */
export function requiredLiterals(source: string): string[][] {
  const chars = Array.from(source);
  let i = 0;
  type Cnf = string[][];
  const best = (cnf: Cnf): string[] | undefined =>
    cnf.reduce<string[] | undefined>((b, c) => {
      const min = (x: string[]) => Math.min(...x.map((s) => s.length));
      return !b || min(c) > min(b) || (min(c) === min(b) && c.length < b.length) ? c : b;
    }, undefined);
  const literalChar = (c: string): string | undefined => {
    const lower = c.toLowerCase();
    if (/[a-z]/i.test(c) && c.length === 1 && c.charCodeAt(0) < 128) return lower;
    return lower === c && c.toUpperCase() === c ? c : undefined;
  };
  // A class, with its escapes, as one unknown atom.
  const skipClass = () => {
    i++; // [
    while (i < chars.length && chars[i] !== ']') i += chars[i] === '\\' ? 2 : 1;
    i++; // ]
  };
  const alternation = (): Cnf => {
    const branches: Cnf[] = [sequence()];
    while (chars[i] === '|') {
      i++;
      branches.push(sequence());
    }
    if (branches.length === 1) return branches[0]!;
    const union: string[] = [];
    for (const b of branches) {
      const clause = best(b);
      if (!clause) return [];
      union.push(...clause);
    }
    return [union];
  };
  const sequence = (): Cnf => {
    const out: Cnf = [];
    let run = '';
    const endRun = () => {
      if (run) out.push([run]);
      run = '';
    };
    while (i < chars.length && chars[i] !== '|' && chars[i] !== ')') {
      let atom: { literal?: string; cnf: Cnf } = { cnf: [] };
      const c = chars[i]!;
      if (c === '(') {
        i++;
        let kind: 'group' | 'look' | 'negative' = 'group';
        if (chars[i] === '?') {
          const next = chars[i + 1];
          const after = chars[i + 2];
          if (next === ':') i += 2;
          else if (next === '=') (kind = 'look'), (i += 2);
          else if (next === '!') (kind = 'negative'), (i += 2);
          else if (next === '<' && after === '=') (kind = 'look'), (i += 3);
          else if (next === '<' && after === '!') (kind = 'negative'), (i += 3);
          else if (next === '<') {
            while (i < chars.length && chars[i] !== '>') i++;
            i++;
          } else throw new Error(`unknown group at ${i}`);
        }
        const inner = alternation();
        if (chars[i] !== ')') throw new Error(`unclosed group at ${i}`);
        i++;
        atom = { cnf: kind === 'negative' ? [] : inner };
        if (kind !== 'group') {
          // A lookaround consumes nothing; what a positive one reads is still in the text. It ends the run.
          endRun();
          out.push(...atom.cnf);
          continue;
        }
      } else if (c === '[') {
        skipClass();
      } else if (c === '\\') {
        const e = chars[i + 1] ?? '';
        i += 2;
        // In a `u` pattern only syntax characters (and /, -) are escaped as themselves.
        if (/^[\^$\\.*+?()[\]{}|/-]$/.test(e)) atom = { literal: e, cnf: [[e]] };
        else if (/[dDsSwWbBpPuxkcn0-9tfrv]/.test(e)) {
          if (e === 'p' || e === 'P' || e === 'u' || e === 'k') {
            // \p{…}, \u{…} / \uXXXX, \k<…>: skip their argument; unknown atoms.
            if (chars[i] === '{' || chars[i] === '<') while (i < chars.length && chars[i - 1] !== '}' && chars[i - 1] !== '>') i++;
            else if (e === 'u') i += 4;
          } else if (e === 'x') i += 2;
          else if (e === 'c') i += 1;
          if (e === 'b' || e === 'B') {
            // A word boundary consumes nothing, but ends the run: the letters on either side are not adjacent text.
            endRun();
            continue;
          }
        } else throw new Error(`unknown escape \\${e}`);
      } else if (c === '^' || c === '$') {
        i++;
        endRun();
        continue;
      } else if (c === '.') {
        i++;
      } else {
        i++;
        const l = literalChar(c);
        if (l !== undefined) atom = { literal: l, cnf: [[l]] };
      }
      // Its quantifier, if any.
      let min = 1;
      let quantified = false;
      const q = chars[i];
      if (q === '*' || q === '?') (min = 0), (quantified = true), i++;
      else if (q === '+') (quantified = true), i++;
      else if (q === '{') {
        const m = /^\{(\d+)(,\d*)?\}/.exec(chars.slice(i, i + 12).join(''));
        if (m) {
          min = Number(m[1]);
          quantified = true;
          i += m[0].length;
        }
      }
      if (quantified && chars[i] === '?') i++; // lazy
      if (atom.literal !== undefined && !quantified) {
        run += atom.literal;
        continue;
      }
      endRun();
      if (min >= 1) out.push(...atom.cnf);
    }
    endRun();
    return out;
  };
  try {
    const cnf = alternation();
    if (i !== chars.length) return [];
    // Each literal once per list; a list that holds an empty string requires nothing.
    return cnf.filter((any) => any.length && any.every(Boolean)).map((any) => [...new Set(any)]);
  } catch {
    return [];
  }
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
