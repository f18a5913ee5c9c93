/**
 * `npm run check:cards [-- FILE…]`: validates issue cards (all of knowledge/issues, or the files named)
 * against the schema and the corpus, printing each failed card with its file and the reason.
 * Exit code 1 when any card fails.
 */
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { corpusArticles, type FailedCard, type IssueCard, loadIssueCards, parseIssueCardFile } from './issue-cards.js';

const knowledgeDir = process.env.KNOWLEDGE_DIR ?? 'knowledge';
const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const articles = await corpusArticles(knowledgeDir);
let cards: IssueCard[] = [];
let failed: FailedCard[] = [];
if (files.length) {
  for (const f of files) {
    const r = parseIssueCardFile(relative(resolve(knowledgeDir), resolve(f)), await readFile(f, 'utf8'), articles);
    cards.push(...r.cards);
    failed.push(...r.failed);
  }
} else {
  ({ cards, failed } = await loadIssueCards({ knowledgeDir, articles }));
}
for (const f of failed) console.log(`FAIL ${f.path} ${f.card}: ${f.reason}`);
const byArea = new Map<string, number>();
for (const c of cards) byArea.set(c.area, (byArea.get(c.area) ?? 0) + 1);
console.log(`${cards.length} cards valid, ${failed.length} failed; by area: ${[...byArea].map(([a, n]) => `${a} ${n}`).join(', ') || '-'}`);
process.exitCode = failed.length ? 1 : 0;
