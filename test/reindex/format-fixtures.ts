/**
 * Builds knowledge files in other formats for the tests: a .docx through the `docx` package, and PDFs written
 * by hand (a text PDF with Helvetica, and a "scanned" one that holds only an image).
 */
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';

export interface DocxParagraph {
  text: string;
  heading?: 'title' | 1 | 2 | 3;
}

export async function buildDocx(paragraphs: DocxParagraph[]): Promise<Uint8Array> {
  const levels = { title: HeadingLevel.TITLE, 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
  const doc = new Document({
    sections: [
      {
        children: paragraphs.map((p) =>
          p.heading ? new Paragraph({ text: p.text, heading: levels[p.heading] }) : new Paragraph({ children: [new TextRun(p.text)] }),
        ),
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

function assemblePdf(objects: string[]): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

const stream = (content: string, extra = '') =>
  `<< /Length ${Buffer.byteLength(content, 'latin1')}${extra} >>\nstream\n${content}\nendstream`;

/** A one-page PDF whose text layer has these lines (ASCII, Helvetica). */
export function buildTextPdf(lines: string[]): Uint8Array {
  const escapePdf = (s: string) => s.replace(/[()\\]/g, (c) => `\\${c}`);
  const content = ['BT', '/F1 11 Tf', '14 TL', '72 740 Td', ...lines.map((l) => `(${escapePdf(l)}) Tj T*`), 'ET'].join('\n');
  return assemblePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    stream(content),
  ]);
}

/** A one-page PDF that is only a picture (what a scanner produces): no text layer. */
export function buildScannedPdf(): Uint8Array {
  const size = 8;
  const pixels = `${Array.from({ length: size * size }, (_, i) => ((i * 37) % 256).toString(16).padStart(2, '0')).join('')}>`;
  return assemblePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>',
    stream(
      pixels,
      ` /Type /XObject /Subtype /Image /Width ${size} /Height ${size} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /ASCIIHexDecode`,
    ),
    stream('q 468 0 0 648 72 72 cm /Im1 Do Q'),
  ]);
}

/** Bytes that are not any document format. */
export function randomBytes(length = 2048, seed = 7): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x & 0xff;
  }
  return out;
}
