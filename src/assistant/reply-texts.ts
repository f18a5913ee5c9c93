/**
 * What the assistant says, loaded from `knowledge/policy/replies.json` — data a union admin can edit: the
 * urgent reply of each danger category (its safety instruction first, then that a person was alerted),
 * the acknowledgement of each kind of escalation, the decline of each kind of request it will not serve,
 * and the fixed parts of an answer.
 *
 * @example
 *   const texts = loadReplyTexts('knowledge/policy');
 *   texts.lang('en').urgent['confined_space'] // "⚠️ Do NOT go down the well …"
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Lang } from './types.js';

const answerParts = z.object({
  citation: z.string(),
  effective: z.string(),
  articleIntro: z.string(),
  gist: z.string(),
  nextStepsTitle: z.string(),
  disclaimer: z.string(),
  unsure: z.string(),
  nothingFound: z.string(),
  nothingAtAll: z.string(),
  followUpFrom: z.string(),
  depends: z.string(),
  defaultSteps: z.string(),
});
const langTexts = z.object({
  urgent: z.record(z.string(), z.string()),
  /** Said after an urgent reply whose category has no text of its own. */
  urgentAlert: z.string(),
  escalate: z.record(z.string(), z.string()),
  decline: z.record(z.string(), z.string()),
  answer: answerParts,
});
const repliesSchema = z.object({ zh: langTexts, en: langTexts });

export type LangTexts = z.infer<typeof langTexts>;

export interface ReplyTexts {
  lang(lang: Lang): LangTexts;
  /** The urgent reply for a danger category; an unknown category gets the medical one (call 120) and the alert. */
  urgent(lang: Lang, category: string): string;
  escalate(lang: Lang, reason: string): string;
  decline(lang: Lang, reason: string): string;
}

/** A policy data file is missing or malformed; the message names the file and the field. */
export class PolicyError extends Error {
  override name = 'PolicyError';
}

export function readPolicyJson<T>(file: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PolicyError(`Cannot read ${file}: ${(error as Error).message}. It ships in knowledge/policy/; check KNOWLEDGE_DIR.`, {
      cause: error,
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new PolicyError(`${file} is not valid — fix: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export function createReplyTexts(replies: z.infer<typeof repliesSchema>): ReplyTexts {
  return {
    lang: (lang) => replies[lang],
    urgent: (lang, category) =>
      replies[lang].urgent[category] ?? `${replies[lang].urgent['medical'] ?? ''}\n${replies[lang].urgentAlert}`.trim(),
    escalate: (lang, reason) =>
      replies[lang].escalate[reason] ?? replies[lang].escalate['personal_case'] ?? replies[lang].escalate['explicit_request']!,
    decline: (lang, reason) => replies[lang].decline[reason] ?? replies[lang].decline['out_of_scope']!,
  };
}

/** Loads replies.json from the policy folder (knowledge/policy). */
export function loadReplyTexts(policyDir: string): ReplyTexts {
  return createReplyTexts(readPolicyJson(join(policyDir, 'replies.json'), repliesSchema));
}

/** Fills `{name}` placeholders; unknown names stay as they are so a typo in the data is visible. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
