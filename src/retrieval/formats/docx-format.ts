/**
 * .docx → blocks, through mammoth's HTML (so Word heading styles survive as <h1>…). Word documents written
 * without heading styles still get their 第X章 / 第X条 structure back from the document layout step.
 */
import { parse } from 'node-html-parser';
import type { Block } from './document-layout.js';
import { FormatError } from './format-error.js';
import { htmlBlocks } from './html-format.js';

const styleMap = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

export async function docxBlocks(bytes: Uint8Array, displayPath: string): Promise<Block[]> {
  const { default: mammoth } = await import('mammoth'); // loaded when a .docx is read, not with the service
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { styleMap }));
  } catch (error) {
    throw new FormatError(displayPath, `not a readable .docx (${(error as Error).message.split('\n')[0]})`, { cause: error });
  }
  return htmlBlocks(parse(html));
}
