/**
 * What the assistant says, loaded from `knowledge/policy/replies.json` (decision texts, answer parts) and
 * `knowledge/policy/topics.json` (topic names and one-line explanations) — data a union admin can edit.
 *
 * @example
 *   const texts = loadReplyTexts('knowledge/policy');
 *   texts.lang('en').urgent['self_harm'] // the crisis-support reply
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Lang } from './types.js';
import { PolicyError } from './decision-policy.js';
import { compileTerms, findHits, normalise, type CompiledTerm } from './text-matcher.js';

const answerParts = z.object({
  leadIn: z.string(), leadInTopic: z.string(), citation: z.string(), effective: z.string(), guide: z.string(),
  nextSteps: z.string(), disclaimer: z.string(), unsure: z.string(), nothingFound: z.string(), followUpFrom: z.string(),
  inShort: z.string(),
  /** Said when no topic explanation is available (English: the quote is in Chinese). */
  noSummary: z.string().default(''),
});
const langTexts = z.object({
  urgent: z.record(z.string(), z.string()),
  escalate: z.record(z.string(), z.string()),
  decline: z.record(z.string(), z.string()),
  answer: answerParts,
});
const repliesSchema = z.object({ zh: langTexts, en: langTexts });
const topicSchema = z.object({
  id: z.string(), terms: z.array(z.string()).min(1), hints: z.string().default(''), basis: z.string().default(''),
  zh: z.string(), en: z.string(), summaryZh: z.string(), summaryEn: z.string(),
});
const topicsSchema = z.object({ topics: z.array(topicSchema) });

export type LangTexts = z.infer<typeof langTexts>;
export type Topic = z.infer<typeof topicSchema>;

export interface ReplyTexts {
  lang(lang: Lang): LangTexts;
  /** The topic whose terms appear most in the question (first in file order on ties). */
  topicOf(question: string): Topic | undefined;
}

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PolicyError(`Cannot read ${file}: ${(error as Error).message}. It ships in knowledge/policy/; check KNOWLEDGE_DIR.`, { cause: error });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new PolicyError(`${file} is not valid — fix: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export function createReplyTexts(replies: z.infer<typeof repliesSchema>, topics: Topic[]): ReplyTexts {
  const compiled: Array<{ topic: Topic; terms: CompiledTerm[] }> = topics.map((topic) => ({ topic, terms: compileTerms(topic.terms) }));
  return {
    lang: (lang) => replies[lang],
    topicOf(question) {
      const text = normalise(question);
      let best: { topic: Topic; n: number } | undefined;
      for (const { topic, terms } of compiled) {
        const n = new Set(findHits(terms, text).map((h) => h.term)).size;
        if (n > 0 && (!best || n > best.n)) best = { topic, n };
      }
      return best?.topic;
    },
  };
}

/** Loads replies.json and topics.json from the policy folder (knowledge/policy). */
export function loadReplyTexts(policyDir: string): ReplyTexts {
  const replies = readJson(join(policyDir, 'replies.json'), repliesSchema);
  const { topics } = readJson(join(policyDir, 'topics.json'), topicsSchema);
  return createReplyTexts(replies, topics);
}

/** Fills `{name}` placeholders; unknown names stay as they are so a typo in the data is visible. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
