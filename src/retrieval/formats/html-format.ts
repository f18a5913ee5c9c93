/**
 * .html → blocks: headings and paragraphs in document order; scripts, styles, navigation and forms dropped.
 * Also the shape mammoth gives a .docx.
 */
import { type HTMLElement, type Node, NodeType, parse } from 'node-html-parser';
import type { Block } from './document-layout.js';
import { FormatError } from './format-error.js';

const DROP = new Set(['script', 'style', 'noscript', 'template', 'nav', 'form', 'button', 'svg', 'iframe', 'head']);
const HEADING = /^h([1-6])$/;
/** Elements whose text is one paragraph: we take their text and do not descend further. */
const PARAGRAPH = new Set(['p', 'li', 'dt', 'dd', 'blockquote', 'pre', 'caption', 'figcaption', 'tr', 'address']);

export interface HtmlDocument {
  title?: string;
  blocks: Block[];
}

export function readHtml(bytes: Uint8Array, displayPath: string): HtmlDocument {
  const text = new TextDecoder().decode(bytes);
  let root: HTMLElement;
  try {
    root = parse(text, { comment: false });
  } catch (error) {
    throw new FormatError(displayPath, `not readable HTML (${(error as Error).message})`, { cause: error });
  }
  const title = root.querySelector('title')?.text.trim() || undefined;
  const body = root.querySelector('body') ?? root;
  return { title, blocks: htmlBlocks(body) };
}

/** Walks an element tree and returns its headings and paragraphs in order. */
export function htmlBlocks(root: HTMLElement): Block[] {
  const blocks: Block[] = [];
  let inline = '';
  const flush = () => {
    if (inline.trim()) blocks.push({ kind: 'paragraph', text: inline.trim() });
    inline = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      inline += node.text;
      return;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) return;
    const element = node as HTMLElement;
    const tag = element.rawTagName?.toLowerCase() ?? '';
    if (DROP.has(tag)) return;
    if (tag === 'br') {
      flush();
      return;
    }
    const heading = HEADING.exec(tag);
    if (heading || PARAGRAPH.has(tag)) {
      flush();
      const text =
        tag === 'tr'
          ? element
              .querySelectorAll('td,th')
              .map((c) => c.text.trim())
              .join(' | ')
          : paragraphText(element);
      if (text.trim()) blocks.push(heading ? { kind: 'heading', level: Number(heading[1]), text } : { kind: 'paragraph', text });
      return;
    }
    const block = !['span', 'a', 'strong', 'b', 'em', 'i', 'u', 'sup', 'sub', 'small', 'font', 'code', ''].includes(tag);
    if (block) flush();
    for (const child of element.childNodes) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return blocks;
}

/** Text of a paragraph element; a <br> inside becomes a space so the layout step can still split articles. */
function paragraphText(element: HTMLElement): string {
  return parse(element.innerHTML.replace(/<br\s*\/?>/gi, ' '))
    .text.replace(/\s+/g, ' ')
    .trim();
}
