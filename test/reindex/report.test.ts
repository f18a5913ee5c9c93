import { describe, expect, it } from 'vitest';
import { createProgressView } from '../../src/admin/progress-view.js';
import { eventLines, formatSummary, type ReindexSummary } from '../../src/admin/reindex-report.js';

const summary = (over: Partial<ReindexSummary> = {}): ReindexSummary => ({
  dryRun: false,
  full: false,
  version: 8,
  previousVersion: 7,
  added: ['policy/wages.docx'],
  changed: ['laws/labor-law.md'],
  removed: [],
  renamed: [{ from: 'a.md', to: 'b.md' }],
  unchanged: 50,
  documents: 53,
  passages: 1741,
  embedded: 120,
  failed: [{ path: 'policy/scan.pdf', reason: 'no text layer (scanned PDF?) — OCR it or supply a .docx' }],
  placeholders: [],
  ms: 2300,
  ...over,
});

describe('re-index report', () => {
  it('lists every unfilled placeholder by file', () => {
    const text = formatSummary(
      summary({ placeholders: [{ path: 'union/joining-the-union.md', names: ['UNION_NAME', 'UNION_OFFICE_HOURS'] }] }),
    );
    expect(text).toContain('Unfilled placeholders (left out of answers until filled): 1 files');
    expect(text).toContain('union/joining-the-union.md: UNION_NAME, UNION_OFFICE_HOURS');
  });

  it('summarises added / changed / removed / failed with paths and reasons', () => {
    expect(formatSummary(summary())).toBe(
      [
        'Re-index done in 2.3 s: version 8 is live (was 7).',
        'added 1 · changed 1 · removed 0 · renamed 1 · unchanged 50 · failed 1',
        'passages 1741 (embedded 120)',
        '  + policy/wages.docx',
        '  ~ laws/labor-law.md',
        '  → a.md → b.md',
        '  ✗ policy/scan.pdf: no text layer (scanned PDF?) — OCR it or supply a .docx',
      ].join('\n'),
    );
    expect(formatSummary(summary({ dryRun: true, version: 7 }))).toMatch(/^Dry run \(nothing written\): a re-index would change/);
  });

  it('posts a few lines to a chat, not one per file', async () => {
    const lines: string[] = [];
    const on = eventLines(async (l) => void lines.push(l));
    await on({ type: 'start', files: 100, full: false });
    for (let i = 1; i <= 100; i++) await on({ type: 'progress', phase: 'read', done: i, total: 100, path: `f${i}.md` });
    await on({ type: 'failed', path: 'x.pdf', reason: 'no text layer' });
    expect(lines).toEqual([
      'Re-indexing 100 files…',
      'reading 25/100',
      'reading 50/100',
      'reading 75/100',
      'reading 100/100',
      '✗ x.pdf: no text layer',
    ]);
  });

  it('draws a bar with \\r on a terminal and plain lines otherwise', () => {
    let tty = '';
    const bar = createProgressView({ stream: { write: (s: string) => ((tty += s), true) } as never, tty: true, width: 10 });
    bar.update({ type: 'progress', phase: 'embed', done: 5, total: 10 });
    bar.finish();
    expect(tty).toContain('\r\x1b[Kembedding [#####-----] 5/10');
    let plain = '';
    const lines = createProgressView({ stream: { write: (s: string) => ((plain += s), true) } as never, tty: false });
    for (let i = 1; i <= 10; i++) lines.update({ type: 'progress', phase: 'embed', done: i, total: 10 });
    expect(plain.split('\n').filter(Boolean)).toHaveLength(10);
    expect(plain).not.toContain('\r');
  });
});
