/**
 * The whole service as `npm start` composes it, with Telegram (webhook) and Slack pointed at the local fakes,
 * for the guided applications: a worker's chat driven by updates, staff by signed Slack requests, and a
 * restart that keeps the store (a data directory on PGlite, a schema on PostgreSQL).
 */
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import pg from 'pg';
import { expect } from 'vitest';
import { type App, startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { CASES_CHANNEL, SIGNING_SECRET, STAFF, sign } from '../channels/slack/slack-rig.js';
import { callbackUpdate, textUpdate } from '../channels/telegram/support.js';
import { FAKE_SLACK_TOKEN, type FakeSlack, startFakeSlack } from '../fakes/fake-slack.js';
import { FAKE_TOKEN, type FakeTelegram, type RecordedCall, startFakeTelegram } from '../fakes/fake-telegram.js';
import { type StoreKind, testDatabaseUrl, uniqueSchema } from '../support/stores.js';

export { CASES_CHANNEL, STAFF };
export const COURIER_CHANNEL = 'C_COURIER';
export const COURIER_UNION = '深圳市快递行业工会联合会';
const HOOK_SECRET = 'services_hook_secret';

/** A few laws, the union guides and services, the thesaurus and the decision rules. */
export function smallKnowledge(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nj-services-knowledge-'));
  mkdirSync(join(dir, 'laws'));
  for (const f of ['labor-contract-law.md', 'labor-law.md', 'wage-payment-provisions.md', 'legal-aid-law.md'])
    cpSync(join('knowledge/laws', f), join(dir, 'laws', f));
  for (const f of ['union', 'policy', 'thesaurus.tsv']) cpSync(join('knowledge', f), join(dir, f), { recursive: true });
  return dir;
}

export async function databaseFor(kind: StoreKind): Promise<{ settings: Record<string, string>; drop: () => Promise<void> }> {
  if (kind === 'pglite') return { settings: { DATA_DIR: mkdtempSync(join(tmpdir(), 'nj-services-data-')) }, drop: async () => {} };
  const schema = uniqueSchema('svc');
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(testDatabaseUrl!);
  url.searchParams.set('options', `-c search_path=${schema},public`);
  return {
    settings: { DATABASE_URL: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: testDatabaseUrl });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

type Keyboard = { inline_keyboard?: Array<Array<{ text: string; callback_data: string }>> };

export interface ServiceAppRig {
  readonly app: App;
  telegram: FakeTelegram;
  slack: FakeSlack;
  /** The worker types a message. */
  say(chatId: number, text: string, lang?: string): Promise<void>;
  /** A member of a group writes there. */
  sayIn(groupId: number, text: string): Promise<void>;
  /** The worker presses the button whose label contains `label` on `message`. */
  press(chatId: number, message: RecordedCall, label: string): Promise<void>;
  /** The next message to the chat (after the ones already awaited) that contains `needle`. */
  reply(chatId: number, needle: string | RegExp): Promise<RecordedCall>;
  /** Every message to the chat after the ones already awaited, without waiting. */
  since(chatId: number): RecordedCall[];
  /** The next case card posted in `channel` (not a thread message). */
  card(channel?: string): Promise<{ caseId: number; ts: string; json: string }>;
  click(actionId: string, caseId: number, user?: string): Promise<number>;
  /** Submits the decline / ask-for-more modal. */
  submitModal(caseId: number, verdict: 'decline' | 'more', note: string, user?: string): Promise<number>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export const buttonsOf = (call: RecordedCall) => ((call.payload['reply_markup'] as Keyboard | undefined)?.inline_keyboard ?? []).flat();
export const textOf = (call: RecordedCall) => String(call.payload['text']);

export async function startServiceAppRig(kind: StoreKind): Promise<ServiceAppRig> {
  const telegram = await startFakeTelegram();
  const slack = await startFakeSlack({ users: { [STAFF.id]: STAFF.name }, channels: [CASES_CHANNEL, COURIER_CHANNEL] });
  const db = await databaseFor(kind);
  const routes = [
    { union: COURIER_UNION, services: ['join_union'], regions: ['深圳'], industries: ['courier', 'rider'], slackChannel: COURIER_CHANNEL },
  ];
  const config = loadConfig({
    ...db.settings,
    KNOWLEDGE_DIR: smallKnowledge(),
    PORT: '0',
    ADMIN_PORT: '0',
    ADMIN_TOKEN: 'services-admin-token-0123456789',
    LOG_LEVEL: 'silent',
    TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram',
    TELEGRAM_WEBHOOK_SECRET: HOOK_SECRET,
    SLACK_BOT_TOKEN: FAKE_SLACK_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_CASES_CHANNEL: CASES_CHANNEL,
    SLACK_STAFF_USER_IDS: STAFF.id,
    SLACK_API_URL: slack.apiUrl,
    APPLICATION_ROUTES: JSON.stringify(routes),
  });
  const start = () => startApp({ config, console: false, host: '127.0.0.1', progress: { write: () => true } as never });
  let app = await start();
  const seen = new Map<number, number>();
  const cardsSeen = new Set<string>();
  const base = () => `http://127.0.0.1:${app.port}`;

  const toBot = async (update: object) => {
    const res = await fetch(`${base()}/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': HOOK_SECRET },
      body: JSON.stringify(update),
    });
    expect(res.status).toBe(200);
  };
  const toSlack = async (body: string, contentType: string) => {
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`${base()}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(body, ts) },
      body,
    });
    return res.status;
  };
  const form = (payload: object) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;

  const since = (chatId: number) => telegram.sent('sendMessage', chatId).slice(seen.get(chatId) ?? 0);

  return {
    get app() {
      return app;
    },
    telegram,
    slack,
    say: (chatId, text, lang = 'zh-hans') => toBot(textUpdate(text, { chatId, lang })),
    sayIn: (groupId, text) => toBot(textUpdate(text, { chatId: groupId, chatType: 'group', fromId: 77_001 })),
    async press(chatId, message, label) {
      const button = buttonsOf(message).find((b) => b.text.includes(label));
      if (!button)
        throw new Error(
          `no button "${label}" on: ${textOf(message).slice(0, 80)} [${buttonsOf(message)
            .map((b) => b.text)
            .join(' | ')}]`,
        );
      await toBot(callbackUpdate(button.callback_data, { chatId }));
    },
    since,
    async reply(chatId, needle) {
      let found: RecordedCall | undefined;
      await expect
        .poll(
          () => {
            const fresh = since(chatId);
            const i = fresh.findIndex((c) => (typeof needle === 'string' ? textOf(c).includes(needle) : needle.test(textOf(c))));
            if (i >= 0) {
              found = fresh[i];
              seen.set(chatId, (seen.get(chatId) ?? 0) + i + 1);
            }
            return found !== undefined;
          },
          {
            timeout: 20_000,
            interval: 25,
            message: `a message to ${chatId} with ${String(needle)}; got: ${since(chatId).map(textOf).join(' ‖ ').slice(0, 600)}`,
          },
        )
        .toBe(true);
      return found!;
    },
    async card(channel = CASES_CHANNEL) {
      let card: { caseId: number; ts: string; json: string } | undefined;
      await expect
        .poll(
          () => {
            const m = [...slack.messages.values()].find(
              (x) =>
                x.channel === channel && !x.thread_ts && !cardsSeen.has(x.ts) && JSON.stringify(x.blocks ?? []).includes('application_'),
            );
            if (m) {
              cardsSeen.add(m.ts);
              card = { caseId: Number(/#(\d+)/.exec(m.text ?? '')![1]), ts: m.ts, json: JSON.stringify(m.blocks) };
            }
            return card !== undefined;
          },
          { timeout: 20_000, interval: 25 },
        )
        .toBe(true);
      return card!;
    },
    click: (actionId, caseId, user = STAFF.id) =>
      toSlack(
        form({
          type: 'block_actions',
          user: { id: user, team_id: 'TFAKE' },
          team: { id: 'TFAKE' },
          api_app_id: 'AFAKE',
          channel: { id: CASES_CHANNEL },
          container: { type: 'message', message_ts: '1.1', channel_id: CASES_CHANNEL },
          message: { ts: '1.1', type: 'message' },
          trigger_id: `trigger${Math.random()}`,
          response_url: slack.responseUrl(`r${Math.random()}`),
          actions: [{ type: 'button', action_id: actionId, block_id: 'b', value: String(caseId), action_ts: String(Date.now() / 1000) }],
        }),
        'application/x-www-form-urlencoded',
      ),
    submitModal: (caseId, verdict, note, user = STAFF.id) =>
      toSlack(
        form({
          type: 'view_submission',
          team: { id: 'TFAKE' },
          user: { id: user, team_id: 'TFAKE' },
          api_app_id: 'AFAKE',
          trigger_id: `t${Math.random()}`,
          view: {
            id: 'V1',
            type: 'modal',
            team_id: 'TFAKE',
            callback_id: 'application_decision',
            private_metadata: `${caseId}:${verdict}`,
            hash: 'h',
            state: { values: { note: { text: { type: 'plain_text_input', value: note } } } },
          },
        }),
        'application/x-www-form-urlencoded',
      ),
    async restart() {
      await app.stop();
      app = await start();
    },
    async close() {
      await app?.stop();
      await telegram.close();
      await slack.close();
      await db.drop();
    },
  };
}

/**
 * The embedded default's console with a typed script: every line is read once the answer to the one before is
 * out; resolves with everything printed. `stop` stops the app and drops its store.
 */
export async function runConsoleScript(kind: StoreKind, script: string[]): Promise<{ out: () => string; stop: () => Promise<void> }> {
  const db = await databaseFor(kind);
  let out = '';
  const config = loadConfig({
    ...db.settings,
    KNOWLEDGE_DIR: smallKnowledge(),
    PORT: '0',
    ADMIN_PORT: '0',
    LOG_LEVEL: 'silent',
    ADMIN_TOKEN: 'console-script-token-0123456789',
  });
  const output = new Writable({
    write(chunk, _e, done) {
      out += String(chunk);
      done();
    },
  });
  const app: App = await startApp({
    config,
    input: Readable.from(script.map((l) => `${l}\n`)),
    output,
    progress: { write: () => true } as never,
  });
  await app.consoleDone;
  return {
    out: () => out,
    stop: async () => {
      await app.stop();
      await db.drop();
    },
  };
}
