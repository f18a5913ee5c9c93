/**
 * The four union services as data: `knowledge/union/services/*.yaml` (fields, validation, texts in zh and
 * en, consent wording, staff checklist), read and checked once at start. A mistake stops the start with a
 * message naming the file and the field, e.g.
 * `knowledge/union/services/join-union.yaml: fields[2].options[0].label.en: expected string`.
 *
 * @example
 *   const services = loadServiceDefinitions('knowledge');
 *   services.get('join_union')!.fields.map((f) => f.id); // ['name', 'phone', 'region', 'industry', …]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/** A service definition file that cannot be used: which file, which field, and why. */
export class ServiceDefinitionError extends Error {
  override name = 'ServiceDefinitionError';
  constructor(
    readonly path: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${path}: ${field ? `${field}: ` : ''}${reason}`);
  }
}

const text = z.object({ zh: z.string().trim().min(1), en: z.string().trim().min(1) }).strict();
const texts = z.object({ zh: z.array(z.string().min(1)).min(1), en: z.array(z.string().min(1)).min(1) }).strict();
const id = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and _');

const option = z.object({ value: id.max(24), label: text, note: text.optional() }).strict();
const field = z
  .object({
    id,
    type: z.enum(['text', 'phone', 'number', 'choice']),
    ask: text,
    label: text,
    personal: z.boolean().default(false),
    optional: z.boolean().default(false),
    /** A free-text answer (a story): any words are taken as the answer, questions included. */
    long: z.boolean().default(false),
    min: z.number().optional(),
    max: z.number().optional(),
    options: z.array(option).min(2).max(12).optional(),
    when: z
      .object({ field: id, in: z.array(z.string()).min(1) })
      .strict()
      .optional(),
  })
  .strict();

export const SERVICE_KINDS = ['membership', 'legal_aid', 'hardship', 'callback'] as const;

const definition = z
  .object({
    id,
    kind: z.enum(SERVICE_KINDS),
    title: text,
    guide: z.string().min(1),
    intro: text,
    fields: z.array(field).min(1).max(15),
    consent: text,
    checklist: texts,
    submitted: text,
    approved: text,
  })
  .strict();

export type LangText = z.infer<typeof text>;
export type ServiceField = z.infer<typeof field>;
export type ServiceDefinition = z.infer<typeof definition>;
export type ServiceDefinitions = ReadonlyMap<string, ServiceDefinition>;

/** Checks what zod cannot see: options where they belong, `when` pointing back, the guide existing. */
function checkShape(def: ServiceDefinition, path: string, unionDir: string): void {
  const fail = (field: string, reason: string) => {
    throw new ServiceDefinitionError(path, field, reason);
  };
  const seen = new Map<string, ServiceField>();
  def.fields.forEach((f, i) => {
    const at = `fields[${i}]`;
    if (seen.has(f.id)) fail(`${at}.id`, `"${f.id}" is used twice`);
    if (f.type === 'choice' && !f.options) fail(`${at}.options`, 'a choice needs options');
    if (f.type !== 'choice' && f.options) fail(`${at}.options`, `only a choice has options (this is ${f.type})`);
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) fail(`${at}.min`, 'is above max');
    if (f.options && new Set(f.options.map((o) => o.value)).size !== f.options.length) fail(`${at}.options`, 'two options share a value');
    if (f.when) {
      const target = seen.get(f.when.field);
      if (!target) fail(`${at}.when.field`, `"${f.when.field}" is not an earlier field`);
      const values = new Set(target!.options?.map((o) => o.value) ?? []);
      const unknown = f.when.in.find((v) => target!.options && !values.has(v));
      if (unknown) fail(`${at}.when.in`, `"${unknown}" is not an option of ${f.when.field}`);
    }
    seen.set(f.id, f);
  });
  if (!existsSync(join(unionDir, def.guide))) fail('guide', `knowledge/union/${def.guide} does not exist`);
  for (const key of ['submitted', 'approved'] as const) {
    for (const lang of ['zh', 'en'] as const) {
      // A YAML comment eats an unquoted ` #{caseId}`: the worker would never learn their number.
      if (!def[key][lang].includes('{caseId}'))
        fail(`${key}.${lang}`, 'must say the number: write {caseId} (quote the text when it has #{caseId})');
    }
  }
}

export function parseServiceDefinition(source: string, path: string, unionDir: string): ServiceDefinition {
  let raw: unknown;
  try {
    raw = parse(source);
  } catch (error) {
    throw new ServiceDefinitionError(path, '', `not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
  const parsed = definition.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '');
    throw new ServiceDefinitionError(path, field, issue.message);
  }
  checkShape(parsed.data, path, unionDir);
  return parsed.data;
}

/** Every `*.yaml` in `<knowledgeDir>/union/services/`, by id (the triage reason that offers it). */
export function loadServiceDefinitions(knowledgeDir: string): ServiceDefinitions {
  const unionDir = join(knowledgeDir, 'union');
  const dir = join(unionDir, 'services');
  const out = new Map<string, ServiceDefinition>();
  if (!existsSync(dir)) return out;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const path = relative(join(knowledgeDir, '..'), join(dir, file)).split('\\').join('/');
    const def = parseServiceDefinition(readFileSync(join(dir, file), 'utf8'), path, unionDir);
    if (out.has(def.id)) throw new ServiceDefinitionError(path, 'id', `"${def.id}" is defined twice`);
    out.set(def.id, def);
  }
  return out;
}
