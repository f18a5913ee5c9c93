/**
 * The only module that reads the environment. Every setting is declared here, validated once with zod,
 * and frozen. A wrong value names the variable and says how to fix it. Documented in .env.example.
 *
 * @example
 *   const config = loadConfig();            // from process.env
 *   const config = loadConfig({ PORT: '0' }); // tests pass their own environment
 */

import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isTimeZone } from './i18n/union-time.js';

/** The folders shipped with the service, found from this file (src/ or dist/, one level below the package). */
const shipped = (folder: string) => fileURLToPath(new URL(`../${folder}`, import.meta.url));

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = z.preprocess(emptyToUndefined, z.url().optional());
const optionalPositive = z.preprocess(emptyToUndefined, z.coerce.number().positive().optional());
const int = (def: number, min = 0) => z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).default(def));
const port = (def: number) => z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65_535).default(def));
/** A URL with one of `protocols` (e.g. `['https:']`); anything else is refused with the list. */
const urlWith = (protocols: string[]) =>
  z.preprocess(
    emptyToUndefined,
    z
      .url()
      .refine((u) => !URL.canParse(u) || protocols.includes(new URL(u).protocol), {
        message: `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`,
      })
      .optional(),
  );
const list = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : (v ?? []),
  z.array(z.string()),
);

const schema = z.object({
  // Store
  DATABASE_URL: urlWith(['postgres:', 'postgresql:']),
  DATABASE_CONNECT_TIMEOUT_MS: int(10_000, 100),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  KNOWLEDGE_DIR: z.preprocess(emptyToUndefined, z.string().default(shipped('knowledge'))),
  PROMPTS_DIR: z.preprocess(emptyToUndefined, z.string().default(shipped('prompts'))),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info')),

  // Models (any OpenAI-compatible endpoint)
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_API_KEY: optionalString,
  EMBEDDER: z.preprocess(emptyToUndefined, z.enum(['local', 'openai']).optional()),
  EMBEDDING_MODEL: optionalString,
  EMBEDDING_DIMENSIONS: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().optional()),
  CHAT_MODEL: optionalString,
  LLM_TIMEOUT_MS: int(12_000, 100),

  // HTTP: PORT carries the Telegram webhook, Slack events, /healthz and /metrics; /admin has a listener of its own
  PORT: port(3000),
  HTTP_HOST: optionalString,
  ADMIN_HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
  ADMIN_PORT: port(3001),
  ADMIN_TOKEN: z.preprocess(emptyToUndefined, z.string().min(24, { message: 'must be at least 24 characters' }).optional()),
  SHUTDOWN_TIMEOUT_MS: int(8_000, 100),

  // Health (/healthz, /healthz/ready)
  OUTBOX_DEAD_LETTERS_MAX: int(10, 0),
  OUTBOX_BACKLOG_MAX_SECONDS: int(600, 1),

  // Telegram
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_WEBHOOK_URL: urlWith(['https:']),
  TELEGRAM_WEBHOOK_SECRET: optionalString,
  TELEGRAM_API_ROOT: optionalUrl,
  FLOOD_LIMIT_PER_MINUTE: int(20, 1),
  INBOUND_RETENTION_DAYS: int(30, 1),

  // Slack staff desk
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_CASES_CHANNEL: optionalString,
  SLACK_STAFF_USER_IDS: list,
  SLACK_STAFF_USERGROUP: optionalString,
  SLACK_ADMIN_USER_IDS: list,
  SLACK_ONDUTY_USERGROUP: optionalString,
  SLACK_API_URL: optionalUrl,
  STAFF_SIGNATURE: z.preprocess(emptyToUndefined, z.enum(['union', 'name']).default('union')),

  // Outbox
  OUTBOX_LEASE_SECONDS: int(60, 1),

  // Caring-person queue
  SLA_URGENT_MINUTES: int(10, 1),
  SLA_NORMAL_MINUTES: int(240, 1),
  CASE_REOPEN_DAYS: int(7, 0),
  FOLLOW_UP_DAYS: int(7, 0),

  // The union's time zone (every date shown to workers and staff, the report's schedule) and the listening report
  UNION_TIME_ZONE: z.preprocess(emptyToUndefined, z.string().default(DEFAULT_TIME_ZONE)),
  REPORT_WEEKDAY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(7).default(1)),
  REPORT_HOUR: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(23).default(9)),
  UNANSWERED_KEEP_DAYS: int(180, 1),

  // Guided applications (knowledge/union/services): which union receives which, and how long personal fields stay
  APPLICATION_ROUTES: optionalString,
  APPLICATION_RETENTION_DAYS: int(180, 1),

  // Knowledge index
  INDEX_VERSIONS_KEPT: int(3, 1),
  RETRIEVAL_CACHE_SIZE: int(500),
  /** Messages run through the offline assistant at start, before any channel opens (warm-up.ts). */
  WARM_UP_MESSAGES: int(60),
  KNOWLEDGE_MAX_FILE_MB: z.preprocess(emptyToUndefined, z.coerce.number().positive().default(10)),

  // Local figures the calculators need (unset: the answer names the figure and where it is published)
  LOCAL_AVERAGE_MONTHLY_WAGE: optionalPositive,
  LOCAL_MINIMUM_WAGE: optionalPositive,
  INJURY_AVERAGE_MONTHLY_WAGE: optionalPositive,
  MATERNITY_EXTRA_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(365).optional()),
});

export type Config = Readonly<z.infer<typeof schema>> & {
  /** Which embedder builds and queries the index. */
  readonly embedder: 'local' | 'openai';
  /** True when a chat model is configured: answers are written by the LLM, else extractive. */
  readonly llmEnabled: boolean;
};

/** A setting has a value that cannot work. The message names the variable and how to fix it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const hints: Record<string, string> = {
  DATABASE_URL: 'use postgres://user:password@host:5432/db, or leave it empty for the embedded PGlite store',
  PORT: 'use a TCP port from 1 to 65535 (0 = any free port)',
  ADMIN_PORT: 'use a TCP port from 1 to 65535 (0 = any free port), not the same as PORT',
  ADMIN_TOKEN:
    'use a long random value, e.g. the output of openssl rand -base64 32, or leave it empty for a random token in DATA_DIR/admin.token',
  OPENAI_BASE_URL: 'use the endpoint root, e.g. https://api.openai.com/v1 or http://localhost:11434/v1',
  TELEGRAM_WEBHOOK_URL: 'use the public https URL Telegram should call, e.g. https://bot.example.org/telegram',
  TELEGRAM_API_ROOT: 'use a Bot API server root such as https://api.telegram.org',
  SLACK_API_URL: 'use a Web API root such as https://slack.com/api/',
};

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '?');
      const hint = hints[name] ? ` (${hints[name]})` : '';
      return `  ${name}: ${issue.message}${hint}`;
    });
    throw new ConfigError(`Invalid settings — fix these in your environment or .env file:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const embedder = c.EMBEDDER ?? (c.EMBEDDING_MODEL ? 'openai' : 'local');
  const problems: string[] = [];
  if (embedder === 'openai' && !c.EMBEDDING_MODEL) {
    problems.push('  EMBEDDER=openai needs EMBEDDING_MODEL (e.g. text-embedding-3-small), or set EMBEDDER=local');
  }
  if ((embedder === 'openai' || c.CHAT_MODEL) && !c.OPENAI_API_KEY && !c.OPENAI_BASE_URL) {
    problems.push('  OPENAI_API_KEY: a model is configured but no key or OPENAI_BASE_URL is set');
  }
  if (c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_WEBHOOK_SECRET) {
    problems.push('  TELEGRAM_WEBHOOK_SECRET: required with TELEGRAM_WEBHOOK_URL (1–256 chars of A-Z a-z 0-9 _ -)');
  }
  if (c.TELEGRAM_WEBHOOK_SECRET && !/^[A-Za-z0-9_-]{1,256}$/.test(c.TELEGRAM_WEBHOOK_SECRET)) {
    problems.push('  TELEGRAM_WEBHOOK_SECRET: only A-Z a-z 0-9 _ - are allowed, 1–256 characters');
  }
  if (c.ADMIN_PORT === c.PORT && c.PORT !== 0) {
    problems.push(`  ADMIN_PORT: ${c.ADMIN_PORT} is PORT as well; /admin needs a port of its own (default 3001, on ADMIN_HOST)`);
  }
  const dataDirProblem = checkDataDir(c.DATA_DIR);
  if (dataDirProblem) problems.push(`  DATA_DIR: ${dataDirProblem}`);
  if (c.SLACK_BOT_TOKEN && !c.SLACK_CASES_CHANNEL) {
    problems.push('  SLACK_CASES_CHANNEL: required with SLACK_BOT_TOKEN (the channel id where case cards go)');
  }
  if (!isTimeZone(c.UNION_TIME_ZONE)) {
    problems.push(
      `  UNION_TIME_ZONE: "${c.UNION_TIME_ZONE}" is not a time zone this Node knows; use an IANA name such as Asia/Shanghai or Asia/Hong_Kong`,
    );
  }
  if (c.SLACK_BOT_TOKEN && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN) {
    problems.push('  SLACK_SIGNING_SECRET: required for HTTP events (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if (problems.length) {
    throw new ConfigError(`Invalid settings — fix these in your environment or .env file:\n${problems.join('\n')}`);
  }
  return Object.freeze({ ...c, embedder, llmEnabled: Boolean(c.CHAT_MODEL) });
}

/** Why DATA_DIR cannot hold the embedded database and admin.token, or undefined when it can (or will be created). */
function checkDataDir(dir: string): string | undefined {
  if (dir.startsWith('memory://')) return undefined;
  try {
    if (!statSync(dir).isDirectory()) return `${dir} is a file, not a folder: point DATA_DIR at a folder (it is created when missing)`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return `${dir} is inside a file, not a folder: point DATA_DIR at a folder`;
    if (code !== 'ENOENT') return `${dir} cannot be read (${code}): give this user access or choose another folder`;
  }
  return undefined;
}

/** Names of settings whose values must never be printed. */
export const secretSettings = [
  'DATABASE_URL',
  'OPENAI_API_KEY',
  'ADMIN_TOKEN',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_WEBHOOK_SECRET',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
] as const;

/** The configured secret values, for the logger to redact. */
export function secretValues(config: Config): string[] {
  return secretSettings.map((k) => config[k]).filter((v): v is string => typeof v === 'string' && v.length >= 6);
}

/**
 * The process environment, with a `.env` file in the working directory merged under it when one exists
 * (variables already set win). Entry points call `loadConfig(readEnvironment())`.
 */
export function readEnvironment(envFile = '.env'): Record<string, string | undefined> {
  let text: string;
  try {
    text = readFileSync(envFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return process.env;
    throw new ConfigError(`${envFile} cannot be read (${(error as NodeJS.ErrnoException).code}): fix its permissions or remove it`, {
      cause: error,
    });
  }
  // Node's own parser skips a line it cannot read without a word; a setting lost that way fails much later.
  const bad = malformedLines(text);
  if (bad.length) {
    throw new ConfigError(
      `${envFile} line ${bad.join(', ')}: not NAME=value — write each setting as NAME=value on its own line ` +
        '(# starts a comment; quote values that span lines)',
    );
  }
  process.loadEnvFile(envFile);
  return process.env;
}

/** The local figures of the calculators, from settings. */
export function localFiguresFromConfig(c: Config) {
  return {
    averageMonthlyWage: c.LOCAL_AVERAGE_MONTHLY_WAGE,
    minimumWage: c.LOCAL_MINIMUM_WAGE,
    injuryAverageMonthlyWage: c.INJURY_AVERAGE_MONTHLY_WAGE,
    maternityExtraDays: c.MATERNITY_EXTRA_DAYS,
  };
}

/** Line numbers (1-based) of a .env text that are neither blank, a comment, nor NAME=value (quoted values may span lines). */
export function malformedLines(text: string): number[] {
  const lines = text.split(/\r?\n/);
  const bad: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=\s*(.*)$/.exec(line);
    if (!m) {
      bad.push(i + 1);
      continue;
    }
    const quote = m[1]![0];
    if ((quote === '"' || quote === "'" || quote === '`') && !m[1]!.slice(1).includes(quote)) {
      let end = i + 1;
      while (end < lines.length && !lines[end]!.includes(quote)) end++;
      if (end === lines.length) bad.push(i + 1);
      i = end;
    }
  }
  return bad;
}
