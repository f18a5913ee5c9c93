/**
 * Parses the YAML subset our knowledge files use in their front matter: `key: value` lines, quoted
 * strings, dates, numbers, booleans, and lists (`[a, b]` or `- item` lines). Anything else is a
 * FrontMatterError naming the file and the line, so an admin can fix the file.
 *
 * @example
 *   const { meta, body } = parseFrontMatter(text, 'laws/labor-law.md');
 *   meta.title // '中华人民共和国劳动法'
 */
export type FrontMatterValue = string | number | boolean | null | FrontMatterValue[];
export type FrontMatter = Record<string, FrontMatterValue>;

/** A knowledge file's front matter is missing or malformed. `path` is relative to the knowledge folder. */
export class FrontMatterError extends Error {
  override name = 'FrontMatterError';
  constructor(
    readonly path: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`${path}: ${reason}`, options);
  }
}

export interface ParsedDocument {
  meta: FrontMatter;
  body: string;
  /** 1-based line number where the body starts in the file. */
  bodyLine: number;
}

/** Files without a `---` block are allowed (plain notes): their meta is empty. */
export function parseFrontMatter(text: string, path: string): ParsedDocument {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!src.startsWith('---\n')) return { meta: {}, body: src, bodyLine: 1 };
  const end = src.indexOf('\n---', 3);
  if (end < 0) throw new FrontMatterError(path, 'front matter starts with --- but is never closed by a --- line');
  const afterClose = src.indexOf('\n', end + 4);
  const header = src.slice(4, end + 1);
  const body = afterClose < 0 ? '' : src.slice(afterClose + 1);
  const lines = header.split('\n');
  const meta: FrontMatter = {};
  let listKey: string | undefined;
  lines.forEach((raw, i) => {
    const lineNo = i + 2;
    const line = raw.replace(/\s+$/, '');
    if (!line.trim() || line.trim().startsWith('#')) return;
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (item) {
      if (!listKey) throw new FrontMatterError(path, `line ${lineNo}: list item without a key above it`);
      (meta[listKey] as FrontMatterValue[]).push(parseScalar(item[1]!, path, lineNo));
      return;
    }
    const kv = /^([A-Za-z_][\w-]*)\s*:(?:\s+(.*))?$/.exec(line);
    if (!kv) throw new FrontMatterError(path, `line ${lineNo}: expected "key: value", got "${line.slice(0, 40)}"`);
    const key = kv[1]!;
    const value = kv[2]?.trim() ?? '';
    if (key in meta) throw new FrontMatterError(path, `line ${lineNo}: duplicate key "${key}"`);
    if (value === '') {
      meta[key] = [];
      listKey = key;
      return;
    }
    listKey = undefined;
    meta[key] = parseValue(value, path, lineNo);
  });
  for (const [k, v] of Object.entries(meta)) if (Array.isArray(v) && v.length === 0) meta[k] = null;
  return { meta, body, bodyLine: header.split('\n').length + 2 };
}

function parseValue(value: string, path: string, lineNo: number): FrontMatterValue {
  if (value.startsWith('[')) {
    if (!value.endsWith(']')) throw new FrontMatterError(path, `line ${lineNo}: list opened with [ but not closed`);
    const inner = value.slice(1, -1).trim();
    if (!inner) return [];
    return splitList(inner).map((part) => parseScalar(part.trim(), path, lineNo));
  }
  return parseScalar(value, path, lineNo);
}

function splitList(inner: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let cur = '';
  for (const ch of inner) {
    if (quote) {
      if (ch === quote) quote = undefined;
      cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      cur += ch;
    } else if (ch === ',') {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

function parseScalar(value: string, path: string, lineNo: number): FrontMatterValue {
  // A `#` starts a comment only outside quotes: "… ## and ### …" inside a quoted note is text.
  const quoted = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*(?:#.*)?$/.exec(value.trim());
  const v = quoted ? quoted[1]! : value.replace(/\s+#.*$/, '').trim();
  if (v.startsWith('"')) {
    if (!v.endsWith('"') || v.length < 2) throw new FrontMatterError(path, `line ${lineNo}: unterminated "quoted string"`);
    try {
      return JSON.parse(v) as string;
    } catch (error) {
      throw new FrontMatterError(path, `line ${lineNo}: bad escape in quoted string`, { cause: error });
    }
  }
  if (v.startsWith("'")) {
    if (!v.endsWith("'") || v.length < 2) throw new FrontMatterError(path, `line ${lineNo}: unterminated 'quoted string'`);
    return v.slice(1, -1).replace(/''/g, "'");
  }
  if (v === 'true' || v === 'false') return v === 'true';
  if (v === 'null' || v === '~') return null;
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return v; // plain string, dates stay yyyy-mm-dd strings
}

/** A string field of the front matter, or undefined. Dates come back as yyyy-mm-dd. */
export function metaString(meta: FrontMatter, key: string): string | undefined {
  const v = meta[key];
  if (v === undefined || v === null || Array.isArray(v)) return undefined;
  return String(v);
}
