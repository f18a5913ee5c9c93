/**
 * Documents written for one kind of worker or one situation — workers past retirement age, child labour,
 * dispatch, women workers, heat, public holidays, layoffs, the criminal law on unpaid wages — say so in
 * front matter: `applies_when: [超龄, 退休, "re:[5-9]\\d\\s*周?岁", retire]`, the words (or `re:` patterns)
 * a question about that situation contains. A question without any of them is not about that situation,
 * and the retriever ranks the document's articles lower (the audience prior), so a word-rich special rule
 * (超龄劳动者…工伤) does not crowd the general one (工伤保险条例) out of a plain question.
 *
 * @example
 *   const fits = audienceOf({ applies_when: ['超龄', 're:[5-9]\\d岁'] })!;
 *   fits('我今年62岁还在工地干活受伤了') // → true
 *   fits('手压骨折了，工伤怎么赔') // → false
 */

export type AudienceTest = (query: string) => boolean;

/** The document's audience test, or undefined when it is for everyone. Bad patterns are skipped. */
export function audienceOf(meta: Readonly<Record<string, unknown>>): AudienceTest | undefined {
  const raw = meta['applies_when'];
  if (!Array.isArray(raw) || !raw.length) return undefined;
  const words: string[] = [];
  const patterns: RegExp[] = [];
  for (const item of raw) {
    if (typeof item !== 'string' || !item.trim()) continue;
    if (item.startsWith('re:')) {
      try {
        patterns.push(new RegExp(item.slice(3), 'i'));
      } catch {
        // validated by audienceErrors at index time; a bad one never blocks a search
      }
    } else if (/^[\x20-\x7e]+$/.test(item)) {
      // An English word matches at a word start, so 'age' finds 'aged' but not 'wage'.
      patterns.push(new RegExp(`\\b${item.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i'));
    } else words.push(item);
  }
  if (!words.length && !patterns.length) return undefined;
  return (query) => {
    const q = query.toLowerCase();
    return words.some((w) => q.includes(w)) || patterns.some((p) => p.test(q));
  };
}

/** What is wrong with a document's `applies_when` (for the re-index report), empty when nothing is. */
export function audienceErrors(meta: Readonly<Record<string, unknown>>): string[] {
  const raw = meta['applies_when'];
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return ['applies_when must be a list of words or re: patterns'];
  const errors: string[] = [];
  for (const item of raw) {
    if (typeof item !== 'string' || !item.trim()) errors.push(`applies_when: ${JSON.stringify(item)} is not a word`);
    else if (item.startsWith('re:')) {
      try {
        new RegExp(item.slice(3), 'i');
      } catch (e) {
        errors.push(`applies_when: ${item} is not a valid pattern (${(e as Error).message})`);
      }
    }
  }
  return errors;
}
