/**
 * The decision policy: a small engine over `knowledge/policy/decision-rules.json`. Risk first — the stages
 * run in the file's order (urgent, manipulation, out of scope, escalate) and the first matching rule wins,
 * so an injection that also carries a real risk signal still escalates urgently. A message no rule claims
 * goes on to retrieval.
 *
 * @example
 *   const policy = createDecisionPolicy(loadDecisionRules('knowledge/policy/decision-rules.json'));
 *   policy.classify('今晚想从厂里楼顶跳下去') // → { stage: 'urgent', category: 'self_harm', priority: 'urgent', … }
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { compileTerms, findHits, normalise, precededBy, wordsOf, type CompiledTerm, type Hit } from './text-matcher.js';

const stageName = z.enum(['urgent', 'manipulation', 'out_of_scope', 'escalate']);
export type Stage = z.infer<typeof stageName>;

const ruleSchema = z.object({
  id: z.string(),
  stage: stageName,
  category: z.string(),
  priority: z.enum(['urgent', 'normal']).optional(),
  /** Key of the reply text in replies.json. */
  reply: z.string(),
  any: z.array(z.string()).optional(),
  all: z.array(z.array(z.string()).min(1)).optional(),
  negatable: z.boolean().default(false),
  yieldToLabour: z.boolean().default(false),
}).refine((r) => Boolean(r.any) !== Boolean(r.all), { message: 'a rule needs exactly one of `any` or `all`' });

const rulesSchema = z.object({
  version: z.number(),
  stages: z.array(stageName),
  negationCues: z.array(z.string()),
  reportedCues: z.array(z.string()),
  labourTerms: z.array(z.string()),
  rules: z.array(ruleSchema),
  lowConfidence: z.object({
    threshold: z.number().min(0).max(1),
    outOfScope: z.number().min(0).max(1),
    action: z.enum(['answer_with_offer', 'escalate']),
  }),
  followUp: z.object({
    cues: z.array(z.string()),
    maxHanChars: z.number().int().positive(),
    maxWords: z.number().int().positive(),
    withinMinutes: z.number().positive(),
  }),
});

export type DecisionRules = z.infer<typeof rulesSchema>;
export type DecisionRule = z.infer<typeof ruleSchema>;

/** The rules file is missing or malformed; the message names the file and the field. */
export class PolicyError extends Error {
  override name = 'PolicyError';
}

export function parseDecisionRules(json: unknown, source = 'decision rules'): DecisionRules {
  const parsed = rulesSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new PolicyError(`${source} is not valid — fix these fields:\n${issues}`);
  }
  return parsed.data;
}

export function loadDecisionRules(file: string): DecisionRules {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PolicyError(`Cannot read the decision rules ${file}: ${(error as Error).message}. It ships in knowledge/policy/; check KNOWLEDGE_DIR.`, { cause: error });
  }
  return parseDecisionRules(json, file);
}

export interface Verdict {
  stage: Stage;
  ruleId: string;
  category: string;
  priority?: 'urgent' | 'normal';
  reply: string;
  /** The terms that matched, for logs and the eval's miss list (never the worker's text). */
  terms: string[];
}

export interface DecisionPolicy {
  /** The first rule that claims the message, in stage order; undefined = retrieve and answer. */
  classify(text: string): Verdict | undefined;
  /** True when the message is about work at all (used to tell out-of-scope from a weak retrieval). */
  isAboutWork(text: string): boolean;
  readonly lowConfidence: DecisionRules['lowConfidence'];
  readonly followUp: DecisionRules['followUp'];
}

interface CompiledRule {
  rule: DecisionRule;
  groups: CompiledTerm[][];
}

export function createDecisionPolicy(rules: DecisionRules): DecisionPolicy {
  const compiled: CompiledRule[] = rules.rules.map((rule) => ({
    rule,
    groups: (rule.all ?? [rule.any ?? []]).map(compileTerms),
  }));
  const labour = compileTerms(rules.labourTerms);
  const stageOrder = new Map(rules.stages.map((s, i) => [s, i]));
  const ordered = compiled
    .filter((c) => stageOrder.has(c.rule.stage))
    .sort((a, b) => stageOrder.get(a.rule.stage)! - stageOrder.get(b.rule.stage)!);

  // Negation applies to the rule's subject (its first group: "没有流血"), not to the context cues that
  // follow ("领导说没事接着干" is still "keep working").
  const counts = (rule: DecisionRule, text: string, group: number) => (hit: Hit) =>
    !precededBy(text, hit.index, rules.reportedCues, { hanWindow: 6, wordWindow: 4 }) &&
    !(rule.negatable && group === 0 && precededBy(text, hit.index, rules.negationCues, { hanWindow: 2, wordWindow: 2 }));

  return {
    classify(raw) {
      const text = normalise(raw);
      const words = wordsOf(text);
      const aboutWork = findHits(labour, text, words).length > 0;
      for (const { rule, groups } of ordered) {
        if (rule.yieldToLabour && aboutWork) continue;
        const terms: string[] = [];
        const matched = groups.every((group, g) => {
          const hits = findHits(group, text, words).filter(counts(rule, text, g));
          terms.push(...hits.map((h) => h.term));
          return hits.length > 0;
        });
        if (matched) {
          return { stage: rule.stage, ruleId: rule.id, category: rule.category, priority: rule.priority, reply: rule.reply, terms: [...new Set(terms)] };
        }
      }
      return undefined;
    },
    isAboutWork(raw) {
      const text = normalise(raw);
      return findHits(labour, text).length > 0;
    },
    lowConfidence: rules.lowConfidence,
    followUp: rules.followUp,
  };
}
