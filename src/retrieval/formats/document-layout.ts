/**
 * Turns the blocks a format reader found (headings, paragraphs) into the markdown-like text the law chunker
 * reads: `# title`, `## 第X章`, `### 第X节`, and every 第X条 at the start of its own line. Word and PDF often
 * glue articles together ("…制定本条例。第二条 本条例适用于…"), so paragraphs are split again where an article
 * begins — but not at references inside a sentence ("依照本法第四十七条的规定").
 */

export type Block = { kind: 'heading'; level: number; text: string } | { kind: 'paragraph'; text: string };

const NUM = '[零〇一二两三四五六七八九十百千万0-9０-９]+';
/** Where a unit starts: 第X条 (with 之一…), 第X章/节/编, or the English "Article N" / "Chapter N". */
const UNIT = new RegExp(`第${NUM}(?:条(?:之[一二三四五六七八九十]+)?|章|节|编)|\\b(?:Article|Chapter|Section) \\d+\\b`, 'g');
/** A unit name followed by one of these is a reference inside a sentence, not a new unit. */
const REFERENCE_NEXT = /^[的、，,。；;：:之款项和或至及与规中所第（(）)条]/;
const SENTENCE_END = /[。；！？!?;:：.”」』）)]$/;

function isUnitStart(text: string, index: number, match: string, segment: string): boolean {
  const before = text.slice(0, index).trimEnd();
  const gap = before.length < index; // whitespace between what came before and the unit
  const next = text.charAt(index + match.length);
  const spaced = next === '' || /\s/.test(next);
  const afterSentence = SENTENCE_END.test(before);
  const afterHeading = headingLevelOf(segment.trim()) !== undefined;
  if (/^[A-Z]/.test(match)) return gap && spaced && (afterSentence || afterHeading);
  if (afterSentence) return spaced || !REFERENCE_NEXT.test(next);
  // Chinese running text has no spaces, so "总则 第一条 为了…" is a new unit; "依照本法第四十七条" is not.
  return gap && spaced;
}

/** True when the line begins with 第X条 / 第X章 / Article N …: body text, never a title. */
export function startsWithUnit(line: string): boolean {
  UNIT.lastIndex = 0;
  return UNIT.exec(line)?.index === 0;
}

/** Splits a paragraph into lines so that each article, chapter or section starts a line. */
export function splitAtUnits(paragraph: string): string[] {
  const cuts: number[] = [];
  let from = 0;
  for (const m of paragraph.matchAll(UNIT)) {
    if (m.index > 0 && isUnitStart(paragraph, m.index, m[0], paragraph.slice(from, m.index))) {
      cuts.push(m.index);
      from = m.index;
    }
  }
  const lines: string[] = [];
  from = 0;
  for (const cut of [...cuts, paragraph.length]) {
    const line = paragraph.slice(from, cut).trim();
    if (line) lines.push(line);
    from = cut;
  }
  return lines;
}

const CHAPTER = new RegExp(`^(?:第${NUM}[章编]|Chapter \\d+)(?:\\s|$)`);
const SECTION = new RegExp(`^(?:第${NUM}节|Section \\d+)(?:\\s|$)`);

/** A short line that names a chapter or section becomes a heading, even when Word had no heading style. */
function headingLevelOf(line: string): number | undefined {
  if (line.length > 40) return undefined;
  if (CHAPTER.test(line)) return 2;
  if (SECTION.test(line)) return 3;
  return undefined;
}

const CJK_END = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]$/;
const CJK_START = /^[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/**
 * Joins the visual lines of a PDF page back into paragraphs: no space where a line wrap cut Chinese text, one
 * space between Latin words; a line that begins an article or chapter, or follows a heading, starts a new
 * paragraph (articles glued inside a line are cut later by `splitAtUnits`).
 */
export function reflowLines(lines: string[]): string[] {
  const paragraphs: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (!line) continue;
    if (current && (beginsUnit(line) || headingLevelOf(current) !== undefined)) {
      paragraphs.push(current);
      current = '';
    }
    if (current && !(CJK_END.test(current) && CJK_START.test(line))) current += ' ';
    current += line;
  }
  if (current) paragraphs.push(current);
  return paragraphs;
}

/** The line starts with 第X条 / 第X章 … as a unit, not with a wrapped reference ("第四十七条的规定…"). */
function beginsUnit(line: string): boolean {
  UNIT.lastIndex = 0;
  const match = UNIT.exec(line);
  if (match?.index !== 0) return false;
  const next = line.charAt(match[0].length);
  return next === '' || /\s/.test(next) || (!/^[A-Z]/.test(match[0]) && !REFERENCE_NEXT.test(next));
}

/**
 * Renders blocks as markdown-like text. The title becomes the `# ` line unless the first heading already
 * says it.
 */
export function renderBlocks(blocks: Block[], title: string): string {
  const out: string[] = [];
  const first = blocks[0];
  const startsWithTitle = first?.kind === 'heading' && first.text.trim() === title.trim();
  if (!startsWithTitle) out.push(`# ${title.trim()}`);
  for (const block of blocks) {
    const text = block.text.replace(/[ \t\u00a0]+/g, ' ').trim();
    if (!text) continue;
    if (block.kind === 'heading') {
      out.push(`${'#'.repeat(headingLevelOf(text) ?? Math.min(Math.max(block.level, 1), 6))} ${text}`);
      continue;
    }
    for (const line of splitAtUnits(text)) {
      const level = headingLevelOf(line);
      out.push(level ? `${'#'.repeat(level)} ${line}` : line);
    }
  }
  return `${out.join('\n\n')}\n`;
}

/** The first heading's text, for a title when no front matter gives one. */
export function firstHeading(blocks: Block[]): string | undefined {
  const heading = blocks.find((b) => b.kind === 'heading' && b.text.trim() && !headingLevelOf(b.text.trim()));
  return heading?.text.trim();
}
