/**
 * The features the triage classifier sees: jieba words, Chinese character bigrams and trigrams, English
 * words and word pairs, and what the danger lexicon found (category, strength, frames) — so the model can
 * learn that "摔伤" in a question about compensation is a rights question, and in a cry for help is not.
 *
 * @example
 *   messageFeatures('工友触电倒地', lexicon.scan('工友触电倒地')) // → ['w:工友', 'w:触电', 'b:工友', …, 'L:acute:electricity']
 */
import { stemEnglish, tokenize } from '../text/tokenizer.js';
import type { DangerScan } from './danger-lexicon.js';
import { normalise } from './text-matcher.js';

export function messageFeatures(text: string, scan: DangerScan): string[] {
  const t = normalise(text);
  const out: string[] = [];
  for (const w of tokenize(t)) out.push(`w:${w}`);
  for (const run of t.match(/\p{Script=Han}+/gu) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) out.push(`b:${run.slice(i, i + 2)}`);
    for (let i = 0; i + 2 < run.length; i++) out.push(`t:${run.slice(i, i + 3)}`);
  }
  // English word pairs keep negations and phrases ("not breathing", "call me") that single words lose.
  const en = (t.match(/[a-z][a-z']*/g) ?? []).map((w) => stemEnglish(w.replace(/'/g, '')));
  for (let i = 0; i + 1 < en.length; i++) out.push(`e:${en[i]}_${en[i + 1]}`);
  for (const h of scan.hits) {
    out.push(`L:${h.strength}:${h.category}`, `L:${h.strength}${h.framed ? ':framed' : ''}`);
  }
  for (const f of scan.frames) out.push(`F:${f}`);
  if (scan.urgent.length) out.push('L:urgent');
  const han = t.match(/\p{Script=Han}/gu)?.length ?? 0;
  const size = han + en.length;
  out.push(size < 8 ? 'len:short' : size < 40 ? 'len:mid' : 'len:long');
  if (/[?？]|吗|么$|\b(?:how|what|can|is|are|do|does)\b/.test(t)) out.push('q:question');
  return out;
}
