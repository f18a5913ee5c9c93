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
import { FormatError } from './format-error.js';

export type FrontMatter = Record<string, unknown>;
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
        if (value && typeof value === 'object' && !Array.isArray(value)) return value as FrontMatter;
        throw new Error('not an object');
      } catch (error) {
        throw new FormatError(displayPath, `sidecar ${suffix} is not a JSON object: ${(error as Error).message}`, { cause: error });
      }
    }
    return parseYamlSubset(text, `${displayPath}${suffix}`);
  }
  return {};
}

/**
 * The YAML subset knowledge files use: `key: value` lines, quoted strings, numbers, booleans, `[a, b]` and
 * `- item` lists, `#` comments. Dates stay strings (yyyy-mm-dd), which is what the index stores.
 */
export function parseYamlSubset(text: string, displayPath: string): FrontMatter {
  const out: FrontMatter = {};
  let listKey: string | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = withoutComment(raw).trimEnd();
    if (!line.trim() || line.trim().startsWith('#')) return;
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (item && listKey) {
      (out[listKey] as unknown[]).push(scalar(item[1]!));
      return;
    }
    const pair = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!pair) throw new FormatError(displayPath, `line ${i + 1} is not "key: value"`);
    const [, key, value] = pair as unknown as [string, string, string];
    if (value === '') {
      out[key] = [];
      listKey = key;
      return;
    }
    listKey = undefined;
    out[key] = value.startsWith('[') && value.endsWith(']')
      ? value.slice(1, -1).split(',').map((v) => v.trim()).filter(Boolean).map(scalar)
      : scalar(value);
  });
  return out;
}

/** Drops a ` # comment` that is outside quotes. */
function withoutComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) {
      return line.slice(0, i);
    }
  }
  return line;
}

function scalar(value: string): unknown {
  const v = value.trim();
  if (/^".*"$/.test(v)) {
    try {
      return JSON.parse(v) as string;
    } catch {
      return v.slice(1, -1);
    }
  }
  if (/^'.*'$/.test(v)) return v.slice(1, -1).replace(/''/g, "'");
  if (v === 'true' || v === 'false') return v === 'true';
  if (v === 'null' || v === '~') return null;
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return v;
}
