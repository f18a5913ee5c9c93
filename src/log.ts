/**
 * A small structured logger: one JSON line per event on stderr. Every string that passes through it is
 * redacted: configured secrets are replaced and personal data is masked, so a careless `log.info({ text })`
 * still cannot leak a worker's phone number or the bot token.
 *
 * @example
 *   const log = createLogger({ level: 'info', secrets: secretValues(config) });
 *   log.info('telegram.update', { updateId: 42 });
 */
import { maskPersonalData } from './privacy/mask.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface LoggerOptions {
  level?: LogLevel;
  secrets?: string[];
  write?: (line: string) => void;
  clock?: () => Date;
}

export function createLogger({
  level = 'info',
  secrets = [],
  write = (line) => process.stderr.write(line + '\n'),
  clock = () => new Date(),
}: LoggerOptions = {}): Logger {
  const redact = (s: string) => {
    let out = s;
    for (const secret of secrets) out = out.split(secret).join('[redacted]');
    return maskPersonalData(out);
  };
  const clean = (value: unknown, depth = 0): unknown => {
    if (typeof value === 'string') return redact(value);
    if (value instanceof Error) {
      return { name: value.name, message: redact(value.message), code: (value as { code?: unknown }).code, cause: value.cause ? clean(value.cause, depth + 1) : undefined };
    }
    if (depth > 4 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => clean(v, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v, depth + 1)]));
  };
  const make = (base: Record<string, unknown>): Logger => {
    const emit = (lvl: LogLevel) => (event: string, fields: Record<string, unknown> = {}) => {
      if (rank[lvl] < rank[level]) return;
      write(JSON.stringify({ t: clock().toISOString(), level: lvl, event, ...(clean({ ...base, ...fields }) as object) }));
    };
    return {
      debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error'),
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return make({});
}

/** A logger that drops everything, for tests and tools that print their own output. */
export const silentLogger: Logger = createLogger({ level: 'silent' });
