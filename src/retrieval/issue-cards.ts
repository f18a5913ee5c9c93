/**
 * Issue cards (`knowledge/issues/*.yaml`): one legal issue each — how workers put it, the bottom line with
 * its conditions, the facts it turns on, the articles it rests on, next steps, the employer's usual claims
 * and why they fail, what not to do. They are what lets an answer start with the verdict; they are indexed
 * beside the articles and checked against them: a card citing an article the corpus does not have fails,
 * with its file, its id and the reason, and the other cards still load.
 *
 * @example
 *   const { cards, failed } = await loadIssueCards({ knowledgeDir: 'knowledge', articles: await corpusArticles('knowledge') });
 *   cards[0].bottomLine.zh // '可以。公司无正当理由辞退你属于违法解除……'
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { parseArticleHeading } from './chinese-numerals.js';
import { metaString, parseFrontMatter } from './front-matter.js';

const text = z.string().trim().min(1);
const bilingual = z.object({ zh: text, en: text }).strict();

export const calculatorNames = [
  'severance',
  'unlawful_termination',
  'notice_pay',
  'double_wage_no_contract',
  'overtime_pay',
  'annual_leave_days',
  'unused_annual_leave_pay',
  'probation',
  'maternity_leave',
  'injury_disability',
  'arbitration_deadline',
] as const;

const articleRef = z.object({ title: text, article: z.number().int().positive() }).strict();

const cardSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case: lower-case letters, digits and dashes'),
    issue: bilingual,
    asked: z
      .object({
        zh: z.array(text).min(6, 'at least 6 Chinese phrasings'),
        en: z.array(text).min(3, 'at least 3 English phrasings'),
      })
      .strict(),
    bottom_line: bilingual,
    depends_on: z.array(bilingual).min(1),
    articles: z.array(articleRef).min(1).max(6),
    next_steps: z.array(bilingual).min(2).max(4),
    employer_claims: z.array(z.object({ claim: bilingual, answer: bilingual }).strict()).default([]),
    do_not: z.array(bilingual).default([]),
    calculator: z.enum(calculatorNames).optional(),
    /** Only a union lawyer sets this to true, after reading the card against the law. */
    reviewed: z.boolean(),
  })
  .strict();

const fileSchema = z
  .object({
    area: z.string().regex(/^[a-z0-9_]+$/),
    cards: z.array(z.unknown()).min(1),
  })
  .strict();

export type IssueCardData = z.infer<typeof cardSchema>;

export interface ArticleRef {
  title: string;
  article: number;
}

export interface Bilingual {
  zh: string;
  en: string;
}

/** A card as the rest of the service sees it. */
export interface IssueCard {
  id: string;
  /** The file's topic area, e.g. dismissal. */
  area: string;
  /** Path relative to the knowledge folder, e.g. issues/dismissal.yaml */
  source: string;
  issue: Bilingual;
  asked: { zh: string[]; en: string[] };
  bottomLine: Bilingual;
  dependsOn: Bilingual[];
  articles: ArticleRef[];
  nextSteps: Bilingual[];
  employerClaims: Array<{ claim: Bilingual; answer: Bilingual }>;
  doNot: Bilingual[];
  calculator?: (typeof calculatorNames)[number];
  reviewed: boolean;
}

export interface FailedCard {
  /** File path relative to the knowledge folder. */
  path: string;
  /** The card's id, or its position when it has none. */
  card: string;
  reason: string;
}

/** Titles → article numbers present in the corpus, for checking what cards cite. */
export type CorpusArticles = ReadonlyMap<string, ReadonlySet<number>>;

/** Reads every Markdown law in `knowledgeDir/laws` and lists the articles it has (第X条 lines). */
export async function corpusArticles(knowledgeDir: string): Promise<CorpusArticles> {
  const dir = join(knowledgeDir, 'laws');
  const out = new Map<string, Set<number>>();
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.md') && !/^readme\./i.test(n)).sort()) {
    const { meta, body } = parseFrontMatter(await readFile(join(dir, name), 'utf8'), `laws/${name}`);
    const title = metaString(meta, 'title');
    if (!title) continue;
    const set = out.get(title) ?? new Set<number>();
    for (const line of body.split('\n')) {
      const h = parseArticleHeading(line.trim());
      if (h) set.add(h.article);
    }
    out.set(title, set);
  }
  return out;
}

const toCard = (c: IssueCardData, area: string, source: string): IssueCard => ({
  id: c.id,
  area,
  source,
  issue: c.issue,
  asked: c.asked,
  bottomLine: c.bottom_line,
  dependsOn: c.depends_on,
  articles: c.articles,
  nextSteps: c.next_steps,
  employerClaims: c.employer_claims,
  doNot: c.do_not,
  calculator: c.calculator,
  reviewed: c.reviewed,
});

/** Parses one card file; every card is checked on its own, so one bad card does not hide the others. */
export function parseIssueCardFile(
  source: string,
  yamlText: string,
  articles: CorpusArticles,
): { cards: IssueCard[]; failed: FailedCard[] } {
  let doc: unknown;
  try {
    doc = parseYaml(yamlText);
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line})` : '';
    return {
      cards: [],
      failed: [{ path: source, card: '(file)', reason: `not valid YAML${where}: ${(error as Error).message.split('\n')[0]}` }],
    };
  }
  const file = fileSchema.safeParse(doc);
  if (!file.success) {
    return { cards: [], failed: [{ path: source, card: '(file)', reason: describe(file.error) }] };
  }
  const cards: IssueCard[] = [];
  const failed: FailedCard[] = [];
  file.data.cards.forEach((raw, i) => {
    const name = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : `#${i + 1}`;
    const parsed = cardSchema.safeParse(raw);
    if (!parsed.success) {
      failed.push({ path: source, card: name, reason: describe(parsed.error) });
      return;
    }
    const missing = parsed.data.articles.filter((a) => !articles.get(a.title)?.has(a.article));
    if (missing.length) {
      const what = missing.map((a) =>
        articles.has(a.title) ? `《${a.title}》has no article ${a.article}` : `no document titled 《${a.title}》`,
      );
      failed.push({ path: source, card: name, reason: `cites what the corpus does not have: ${what.join('; ')}` });
      return;
    }
    cards.push(toCard(parsed.data, file.data.area, source));
  });
  return { cards, failed };
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

/** Loads every `issues/*.yaml` under the knowledge folder; duplicate ids fail the later card. */
export async function loadIssueCards({ knowledgeDir, articles }: { knowledgeDir: string; articles: CorpusArticles }): Promise<{
  cards: IssueCard[];
  failed: FailedCard[];
}> {
  const dir = join(knowledgeDir, 'issues');
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch {
    return { cards: [], failed: [] };
  }
  const cards: IssueCard[] = [];
  const failed: FailedCard[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const source = `issues/${name}`;
    const result = parseIssueCardFile(source, await readFile(join(dir, name), 'utf8'), articles);
    failed.push(...result.failed);
    for (const card of result.cards) {
      const first = seen.get(card.id);
      if (first) {
        failed.push({ path: source, card: card.id, reason: `duplicate id: already used in ${first}` });
        continue;
      }
      seen.set(card.id, source);
      cards.push(card);
    }
  }
  return { cards, failed };
}
