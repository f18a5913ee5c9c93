/**
 * How the assistant answers, from `knowledge/policy/answering.json`: when a short message is read with the
 * previous question, when the answer says it is not sure, and how sure issue spotting must be before a
 * card's bottom line opens the answer.
 *
 * @example
 *   const settings = loadAnswerSettings('knowledge/policy');
 *   settings.confidence.unsureBelow // 0.45
 */
import { join } from 'node:path';
import { z } from 'zod';
import { readPolicyJson } from './reply-texts.js';

const schema = z.object({
  followUp: z.object({
    cues: z.array(z.string()),
    maxHanChars: z.number().int().positive(),
    maxWords: z.number().int().positive(),
    withinMinutes: z.number().positive(),
  }),
  confidence: z.object({
    unsureBelow: z.number().min(0).max(1),
    cardAtLeast: z.number().min(0).max(1),
    /** Logistic calibration of "the spotted card is right" (bench/calibrate-confidence.ts). */
    model: z.object({ bias: z.number(), similarity: z.number(), agree: z.number(), score: z.number() }),
  }),
});

export type AnswerSettings = z.infer<typeof schema>;
export type FollowUpSettings = AnswerSettings['followUp'];
export type ConfidenceModel = AnswerSettings['confidence']['model'];

export function loadAnswerSettings(policyDir: string): AnswerSettings {
  return readPolicyJson(join(policyDir, 'answering.json'), schema);
}
