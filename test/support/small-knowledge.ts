/** A knowledge folder with a few real laws, the union guides, the thesaurus and the decision rules: what the whole app needs, quick to index. */
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function smallKnowledge(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nj-small-knowledge-'));
  mkdirSync(join(dir, 'laws'));
  for (const f of ['labor-contract-law.md', 'labor-law.md', 'wage-payment-provisions.md', 'legal-aid-law.md']) {
    cpSync(join('knowledge/laws', f), join(dir, 'laws', f));
  }
  for (const f of ['union', 'policy', 'thesaurus.tsv']) cpSync(join('knowledge', f), join(dir, f), { recursive: true });
  return dir;
}
