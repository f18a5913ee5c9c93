/**
 * The danger lexicon (`knowledge/policy/triage/lexicon/*.yaml`, `frames.yaml`): for each danger category
 * the ways people say it — `acute` (happening now: "血止不住", "can't breathe") and `event` (the danger or
 * injury itself, which workers also name when they ask about their rights afterwards) — and the frames that
 * put a mention in the past, in a hypothetical, or in a question about rights, or make it present.
 *
 * A scan reads the message clause by clause: a past, hypothetical or reported cue ("凡是用户说…") governs its
 * own clause and the ones after it until a present cue ("现在", "right now") takes over or its sentence ends. An acute term is urgent unless such a
 * frame governs it; an event term is urgent unless a frame governs it or the message asks about rights
 * ("算不算工伤", "怎么赔"). Negations are not read at all: a danger sign said with 不/没/not is still one.
 *
 * @example
 *   const lexicon = parseDangerLexicon(files);
 *   lexicon.scan('工友触电倒地叫不醒') // → { urgent: [{ category: 'electricity', term: '触电', strength: 'acute' }…], … }
 */

import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { type CompiledTerm, compileTerms, findHits, normalise, wordsOf } from './text-matcher.js';
import { DANGER_CATEGORIES, type DangerCategory } from './types.js';

const terms = z.object({ zh: z.array(z.string().min(1)).default([]), en: z.array(z.string().min(1)).default([]) }).strict();
const categorySchema = z
  .object({
    category: z.enum(DANGER_CATEGORIES),
    acute: terms,
    event: terms.default({ zh: [], en: [] }),
  })
  .strict();
const framesSchema = z
  .object({
    past: terms,
    hypothetical: terms,
    rights: terms,
    present: terms,
    /** Rule-like talk about what users say (凡是用户说…): quotes no person at risk, governs like a hypothetical. */
    reported: terms.default({ zh: [], en: [] }),
    /** The injury already diagnosed or treated (医院一查, "was diagnosed with"): governs its whole sentence. */
    aftermath: terms.default({ zh: [], en: [] }),
  })
  .strict();

/** The words of working life (`work.yaml`): never a danger, a feature of whether a message is about work at all. */
const workSchema = z.object({ work: terms }).strict();

export type DangerLexiconData = {
  categories: Array<z.infer<typeof categorySchema>>;
  frames: z.infer<typeof framesSchema>;
  work?: z.infer<typeof terms>;
};

/** A lexicon or frames file is malformed: the message names the file and the field. */
export class LexiconError extends Error {
  override name = 'LexiconError';
}

/** Parses the lexicon's YAML files (name → text); several files may add terms to one category. */
export function parseDangerLexiconFiles(files: ReadonlyArray<{ name: string; text: string }>): DangerLexiconData {
  const categories: DangerLexiconData['categories'] = [];
  let frames: DangerLexiconData['frames'] | undefined;
  let work: DangerLexiconData['work'];
  for (const { name, text } of files) {
    let doc: unknown;
    try {
      doc = parseYaml(text);
    } catch (error) {
      throw new LexiconError(`${name}: not valid YAML: ${(error as Error).message.split('\n')[0]}`, { cause: error });
    }
    const schema = /(^|\/)frames\.ya?ml$/.test(name) ? framesSchema : /(^|\/)work\.ya?ml$/.test(name) ? workSchema : categorySchema;
    const parsed = schema.safeParse(doc);
    if (!parsed.success) {
      throw new LexiconError(
        `${name} is not valid — fix: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
      );
    }
    if (schema === framesSchema) frames = parsed.data as DangerLexiconData['frames'];
    else if (schema === workSchema) work = (parsed.data as { work: DangerLexiconData['work'] }).work;
    else categories.push(parsed.data as DangerLexiconData['categories'][number]);
  }
  if (!frames) throw new LexiconError('the triage lexicon has no frames.yaml (past / hypothetical / rights / present cues)');
  return work ? { categories, frames, work } : { categories, frames };
}

export interface DangerHit {
  category: DangerCategory;
  term: string;
  strength: 'acute' | 'event';
  /** Whether a past or hypothetical frame governs the clause of the hit. */
  framed: boolean;
}

export interface DangerScan {
  /** Hits that make the message urgent by themselves (no frame governs them). */
  urgent: DangerHit[];
  /** Every hit, framed or not (classifier features). */
  hits: DangerHit[];
  /** Frames found: past, hypothetical, rights, present, reported. */
  frames: Array<'past' | 'hypothetical' | 'rights' | 'present' | 'reported'>;
  /** Whether a word of working life (work.yaml) is in the message. */
  work: boolean;
}

export interface DangerLexicon {
  scan(text: string): DangerScan;
  readonly categories: readonly DangerCategory[];
}

interface CompiledCategory {
  category: DangerCategory;
  acute: CompiledTerm[];
  event: CompiledTerm[];
}

const both = (t: { zh: string[]; en: string[] }) => [...compileTerms(t.zh), ...compileTerms(t.en, { latin: true })];

// Clauses end at sentence and clause punctuation; a frame cue's reach is counted in clauses and ends with
// its sentence.
const clauseBreak = /[。！？!?；;\n，,、…]|\.{2,}|\.\s|\s-\s/g;
// An ellipsis (NFKC makes …… into ......) ends a thought too (……算了先不说这个，现在楼上冒烟): a frame before it
// does not reach past it.
const sentenceEnd = /^[。！？!?\n…]|^\.{2,}|^\.\s/;

export function createDangerLexicon(data: DangerLexiconData): DangerLexicon {
  const byCategory = new Map<DangerCategory, CompiledCategory>();
  for (const c of data.categories) {
    const entry = byCategory.get(c.category) ?? { category: c.category, acute: [], event: [] };
    entry.acute.push(...both(c.acute));
    entry.event.push(...both(c.event));
    byCategory.set(c.category, entry);
  }
  const frame = {
    past: both(data.frames.past),
    hypothetical: both(data.frames.hypothetical),
    rights: both(data.frames.rights),
    present: both(data.frames.present),
    reported: both(data.frames.reported),
    aftermath: both(data.frames.aftermath ?? { zh: [], en: [] }),
  };
  const workTerms = both(data.work ?? { zh: [], en: [] });

  return {
    categories: [...byCategory.keys()],
    scan(raw) {
      const text = normalise(raw);
      const words = wordsOf(text);
      const breaks = [...text.matchAll(clauseBreak)];
      const ends = breaks.map((m) => m.index);
      // Clause i starts a new sentence when the break before it ends one.
      const startsSentence = [true, ...breaks.map((m) => sentenceEnd.test(m[0]))];
      const clauseOf = (index: number) => ends.filter((e) => e < index).length;
      const clauses = ends.length + 1;
      // Per clause: is it governed by a frame? A past, hypothetical or reported cue reaches forward until a
      // present cue or the end of its sentence ends it (a long story that starts 去年… may tell of a danger
      // now in a later sentence); in its own clause a present cue overrides a past or reported one ("昨晚下井到现在
      //还没上来") but not a hypothetical ("如果现在着火了").
      const pastIn = new Array<boolean>(clauses).fill(false);
      const hypoIn = new Array<boolean>(clauses).fill(false);
      const presentIn = new Array<boolean>(clauses).fill(false);
      for (const h of findHits(frame.present, text, words)) presentIn[clauseOf(h.index)] = true;
      const reported = findHits(frame.reported, text, words);
      const past = findHits(frame.past, text, words);
      const hypothetical = findHits(frame.hypothetical, text, words);
      for (const h of [...past, ...reported]) pastIn[clauseOf(h.index)] = true;
      for (const h of hypothetical) hypoIn[clauseOf(h.index)] = true;
      const governed = new Array<boolean>(clauses).fill(false);
      let active = false;
      for (let i = 0; i < clauses; i++) {
        if (startsSentence[i]) active = false;
        if (hypoIn[i] || (pastIn[i] && !presentIn[i])) active = true;
        else if (presentIn[i]) active = false;
        governed[i] = active;
      }
      // An aftermath cue (医院一查有酒精) governs its whole sentence, the clauses before it too, but not a clause
      // with a present cue.
      let sentence = 0;
      const sentenceOf = startsSentence.map((starts) => (starts ? ++sentence : sentence));
      const afterSentences = new Set(findHits(frame.aftermath, text, words).map((h) => sentenceOf[clauseOf(h.index)]));
      for (let i = 0; i < clauses; i++) if (afterSentences.has(sentenceOf[i]) && !presentIn[i]) governed[i] = true;
      const framedFrom = pastIn.map((p, i) => p || hypoIn[i]);
      const frames: DangerScan['frames'] = [];
      if (framedFrom.some(Boolean) && past.length) frames.push('past');
      if (hypothetical.length) frames.push('hypothetical');
      const rights = findHits(frame.rights, text, words).length > 0;
      if (rights) frames.push('rights');
      if (presentIn.some(Boolean)) frames.push('present');
      if (reported.length) frames.push('reported');
      if (afterSentences.size && !frames.includes('past')) frames.push('past');

      const hits: DangerHit[] = [];
      for (const c of byCategory.values()) {
        for (const [strength, list] of [
          ['acute', c.acute],
          ['event', c.event],
        ] as const) {
          const seen = new Set<string>();
          for (const h of findHits(list, text, words)) {
            if (seen.has(h.term)) continue;
            seen.add(h.term);
            hits.push({ category: c.category, term: h.term, strength, framed: governed[clauseOf(h.index)]! });
          }
        }
      }
      const urgent = hits.filter((h) => !h.framed && (h.strength === 'acute' || !rights));
      return { urgent, hits, frames, work: workTerms.some((t) => t.find(text, words).length > 0) };
    },
  };
}
