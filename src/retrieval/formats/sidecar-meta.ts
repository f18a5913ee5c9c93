/**
 * Front matter for files that cannot carry their own (.docx, .pdf, .html, .txt): a sidecar next to the file,
 * `name.ext.meta.yaml` (the same `key: value` subset as Markdown front matter) or `name.ext.meta.json`.
 *
 * @example
 *   // policy/wages.docx.meta.yaml
 *   title: 某省工资支付条例
 *   kind: local-regulation
 *   effective: 2024-01-01
 *   superseded_by: "某省工资支付条例（2025）"
 */
import { readFile } from 'node:fs/promises';
import { type FrontMatter, parseFrontMatter } from '../front-matter.js';
import { FormatError } from './format-error.js';

export type { FrontMatter };
/** Reads a file's bytes, or undefined when it does not exist (the seam tests may replace). */
export type ReadOptionalFile = (path: string) => Promise<Uint8Array | undefined>;

export const readOptionalFile: ReadOptionalFile = async (path) => {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

/** The suffixes a sidecar may have; files with them are metadata, not documents. */
export const sidecarSuffixes = ['.meta.yaml', '.meta.yml', '.meta.json'] as const;

export function isSidecar(path: string): boolean {
  return sidecarSuffixes.some((suffix) => path.endsWith(suffix));
}

/** Reads the sidecar of `path` (a file system path), or {} when there is none. */
export async function readSidecar(path: string, displayPath: string, read = readOptionalFile): Promise<FrontMatter> {
  for (const suffix of sidecarSuffixes) {
    const bytes = await read(path + suffix);
    if (!bytes) continue;
    const text = new TextDecoder().decode(bytes);
    if (suffix === '.meta.json') {
      try {
        const value: unknown = JSON.parse(text);
        if (value && typeof value === 'object' && !Array.isArray(value)) return value as FrontMatter; // values as the JSON has them
        throw new Error('not an object');
      } catch (error) {
        throw new FormatError(displayPath, `sidecar ${suffix} is not a JSON object: ${(error as Error).message}`, { cause: error });
      }
    }
    // The same YAML subset as Markdown front matter, read by the same parser.
    return parseFrontMatter(`---\n${text.replace(/\s+$/, '')}\n---\n`, `${displayPath}${suffix}`).meta;
  }
  return {};
}

/** The bytes of the first sidecar of `path`, for the content hash (a changed sidecar is a changed document). */
export async function sidecarBytes(path: string, read = readOptionalFile): Promise<Uint8Array | undefined> {
  for (const suffix of sidecarSuffixes) {
    const bytes = await read(path + suffix);
    if (bytes) return bytes;
  }
  return undefined;
}
