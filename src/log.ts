/**
 * Structured logs on pino: one JSON line per event on stderr (`{"level":"info","time":…,"event":…}`).
 * Every field passes through a redaction hook before it is written: configured secrets are replaced and
 * personal data is masked, so a careless `log.info('x', { text })` still cannot leak a worker's phone
 * number or the bot token. Callers see only the small `Logger` interface, never pino.
 *
 * @example
 *   const log = createLogger({ level: 'info', secrets: secretValues(config) });
 *   log.info('telegram.update', { updateId: 42 });
 *   const outboxLog = log.child({ component: 'outbox' });
 */
import { type DestinationStream, pino } from 'pino';
import { maskPersonalData } from './privacy/mask.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  secrets?: string[];
  /** Where each line goes (without its newline); default stderr. */
  write?: (line: string) => void;
  clock?: () => Date;
}

/** Beyond this depth a value is not walked (and so not written): nothing unredacted slips through. */
const MAX_DEPTH = 5;

/** The redaction hook: a copy of `value` with secrets replaced and personal data masked in every string. */
function redactor(secrets: readonly string[]): (value: unknown) => unknown {
  const redact = (s: string) => {
    let out = s;
    for (const secret of secrets) out = out.split(secret).join('[redacted]');
    return maskPersonalData(out);
  };
  const clean = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return redact(value);
    if (value instanceof Error) {
      const { code } = value as { code?: unknown };
      return { name: value.name, message: redact(value.message), code, cause: value.cause ? clean(value.cause, depth + 1) : undefined };
    }
    if (value === null || typeof value !== 'object') return value;
    if (depth >= MAX_DEPTH) return '[…]';
    if (Array.isArray(value)) return value.map((v) => clean(v, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v, depth + 1)]));
  };
  return (value) => clean(value, 0);
}

export function createLogger({ level = 'info', secrets = [], write, clock = () => new Date() }: LoggerOptions = {}): Logger {
  const clean = redactor(secrets) as (fields: Record<string, unknown>) => Record<string, unknown>;
  const destination: DestinationStream = write
    ? { write: (line: string) => write(line.endsWith('\n') ? line.slice(0, -1) : line) }
    : pino.destination({ dest: 2, sync: true }); // synchronous: the last lines before an exit are not lost
  const root = pino(
    {
      level,
      messageKey: 'event',
      base: { pid: process.pid },
      timestamp: () => `,"time":"${clock().toISOString()}"`,
      formatters: {
        level: (label) => ({ level: label }),
        log: clean,
      },
    },
    destination,
  );

  const wrap = (logger: pino.Logger): Logger => ({
    debug: (event, fields = {}) => logger.debug(fields, event),
    info: (event, fields = {}) => logger.info(fields, event),
    warn: (event, fields = {}) => logger.warn(fields, event),
    error: (event, fields = {}) => logger.error(fields, event),
    child: (fields) => wrap(logger.child(clean(fields))), // pino applies `formatters` to log calls, not to child bindings
  });
  return wrap(root);
}

/** A logger that drops everything, for tests and tools that print their own output. */
export const silentLogger: Logger = createLogger({ level: 'silent', write: () => {} });
