/**
 * Text .pdf → blocks with unpdf (pdf.js). A PDF has lines, not paragraphs, so the page text is reflowed into
 * running text and the document layout step cuts it again where each 第X章 / 第X条 begins. A scanned PDF (only
 * images, no text layer) is an error, never an empty document that silently drops out of answers.
 */
import { type Block, reflowLines } from './document-layout.js';
import { FormatError } from './format-error.js';

export const noTextLayer = 'no text layer (scanned PDF?) — OCR it or supply a .docx';

export async function pdfBlocks(bytes: Uint8Array, displayPath: string): Promise<Block[]> {
  const { extractText, getDocumentProxy } = await import('unpdf'); // loaded when a .pdf is read, not with the service
  let pages: string[];
  try {
    // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    ({ text: pages } = await extractText(pdf, { mergePages: false }));
    await pdf.destroy();
  } catch (error) {
    throw new FormatError(displayPath, `not a readable PDF (${(error as Error).message})`, { cause: error });
  }
  const paragraphs = reflowLines(pages.flatMap((page) => page.split('\n')));
  const characters = paragraphs.join('').replace(/\s/g, '').length;
  if (characters < 10 * Math.max(pages.length, 2)) throw new FormatError(displayPath, noTextLayer);
  return paragraphs.map((text) => ({ kind: 'paragraph', text }));
}
