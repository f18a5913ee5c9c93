/**
 * Test kit for the Telegram channel: a hand-written WorkerService that replies through the real outbox,
 * update builders with overrides, and a harness that runs the real grammY bot against the fake Bot API,
 * in webhook or polling mode, on a test store.
 */
import type { Update } from 'grammy/types';
import type { Lang } from '../../../src/assistant/types.js';
import {
  createTelegramChannel,
  type TelegramChannel,
  type TelegramChannelOptions,
} from '../../../src/channels/telegram/telegram-channel.js';
import type { IncomingWorkerMessage, WorkerIdentity, WorkerService } from '../../../src/conversation/types.js';
import { enqueueToWorker } from '../../../src/conversation/worker-outbox.js';
import { createHttpServer, type HttpServer } from '../../../src/http/http-server.js';
import { createOutbox, type Outbox, type OutboxOptions } from '../../../src/outbox/outbox.js';
import { type Db, persist } from '../../../src/store/db.js';
import { upsertWorker } from '../../../src/store/worker-store.js';
import { FAKE_BOT, FAKE_TOKEN, type FakeTelegram, startFakeTelegram } from '../../fakes/fake-telegram.js';

export const SECRET = 'test_secret-123';

/** Answers `答复：<text>` / `Answer: <text>` with feedback buttons; '出错' or 'fail' makes it throw. */
export function fakeWorkers(db: Db, outbox: Outbox) {
  const calls: Array<{ method: string; args: unknown[] }> = [];
  const langs = new Map<string, Lang | null>();
  const reply = async (identity: WorkerIdentity, text: string, dedupeKey: string, extra: object = {}) => {
    const worker = await upsertWorker(db, identity);
    const lang = langs.get(identity.externalId) ?? (/\p{Script=Han}/u.test(text) ? 'zh' : 'en');
    await enqueueToWorker(outbox, worker, { lang, text, ...extra }, { dedupeKey });
  };
  const service: WorkerService = {
    async receive(message: IncomingWorkerMessage, inboundId) {
      calls.push({ method: 'receive', args: [message, inboundId] });
      const text = message.text ?? '';
      if (text.includes('出错') || text.includes('fail')) throw new Error('assistant down');
      if (message.attachment) return reply(message.worker, `收到材料 ${message.attachment.kind}`, `reply:${inboundId}`);
      if (!/[\p{L}\p{N}]/u.test(text)) return reply(message.worker, 'Please type your question in words.', `reply:${inboundId}`);
      const zh = /\p{Script=Han}/u.test(text);
      await reply(message.worker, `${zh ? '答复：' : 'Answer: '}${text}`, `reply:${inboundId}`, {
        buttons: ['helpful', 'not_helpful', 'human'],
        answerId: inboundId,
      });
    },
    async requestHuman(worker, inboundId, lang) {
      calls.push({ method: 'requestHuman', args: [worker, inboundId, lang] });
      await reply(worker, lang === 'en' ? 'A person will reply, case #1' : '已转人工，个案 #1', `reply:${inboundId}`);
    },
    async feedback(worker, answerId, helpful, inboundId) {
      calls.push({ method: 'feedback', args: [worker, answerId, helpful, inboundId] });
      await reply(worker, helpful ? 'Thanks!' : 'Sorry', `reply:${inboundId}`);
    },
    async rate(worker, caseId, rating, inboundId) {
      calls.push({ method: 'rate', args: [worker, caseId, rating, inboundId] });
    },
    async cases(worker) {
      calls.push({ method: 'cases', args: [worker] });
      return [{ id: 7, status: 'claimed', priority: 'normal', category: 'wages', openedAt: new Date('2026-11-20T08:00:00Z') }];
    },
    async setLanguage(worker, lang) {
      calls.push({ method: 'setLanguage', args: [worker, lang] });
      langs.set(worker.externalId, lang);
      const w = await upsertWorker(db, worker);
      await db.query('update workers set lang = $2 where id = $1', [w.id, lang]);
    },
    async language(worker) {
      return langs.get(worker.externalId) ?? null;
    },
    async forget(worker) {
      calls.push({ method: 'forget', args: [worker] });
    },
  };
  return { service, calls, of: (method: string) => calls.filter((c) => c.method === method) };
}

let updateId = 5_000;
export const nextUpdateId = () => ++updateId;

export interface UpdateOverrides {
  chatId: number;
  updateId?: number;
  lang?: string;
  chatType?: 'private' | 'group' | 'supergroup';
  fromId?: number;
  replyToBot?: boolean;
  firstName?: string;
  lastName?: string;
  username?: string;
}

function base({
  chatId,
  lang = 'zh-hans',
  chatType = 'private',
  fromId = chatId,
  firstName = 'Li',
  lastName = 'Ming',
  username = 'liming',
}: UpdateOverrides) {
  return {
    message_id: Math.floor(Math.random() * 1e6),
    date: Math.floor(Date.now() / 1000),
    chat:
      chatType === 'private'
        ? { id: chatId, type: 'private' as const, first_name: firstName }
        : { id: chatId, type: chatType, title: 'Factory 3' },
    from: { id: fromId, is_bot: false, first_name: firstName, last_name: lastName, username, language_code: lang },
  };
}

export function textUpdate(text: string, o: UpdateOverrides): Update {
  const entities = text.startsWith('/') ? [{ type: 'bot_command' as const, offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
  return {
    update_id: o.updateId ?? nextUpdateId(),
    message: {
      ...base(o),
      text,
      entities,
      ...(o.replyToBot ? { reply_to_message: { ...base(o), from: FAKE_BOT, text: 'earlier answer' } } : {}),
    },
  } as Update;
}

export function fileUpdate(kind: 'photo' | 'document' | 'voice' | 'sticker', o: UpdateOverrides & { caption?: string }): Update {
  const file = { file_id: `${kind}-file-id`, file_unique_id: `${kind}-u` };
  const content = {
    photo: {
      photo: [
        { ...file, file_id: 'small', width: 90, height: 90 },
        { ...file, width: 1280, height: 960 },
      ],
    },
    document: { document: { ...file, file_name: 'contract.pdf', mime_type: 'application/pdf' } },
    voice: { voice: { ...file, duration: 3, mime_type: 'audio/ogg' } },
    sticker: { sticker: { ...file, type: 'regular', width: 512, height: 512, is_animated: false, is_video: false } },
  }[kind];
  return { update_id: o.updateId ?? nextUpdateId(), message: { ...base(o), ...content, caption: o.caption } } as Update;
}

export function callbackUpdate(data: string, o: UpdateOverrides): Update {
  const b = base(o);
  return {
    update_id: o.updateId ?? nextUpdateId(),
    callback_query: {
      id: `cb${Math.random()}`,
      from: b.from,
      chat_instance: 'ci',
      data,
      message: { message_id: 77, date: b.date, chat: b.chat, from: FAKE_BOT, text: 'answer' },
    },
  } as Update;
}

export interface Harness {
  tg: FakeTelegram;
  outbox: Outbox;
  channel: TelegramChannel;
  workers: ReturnType<typeof fakeWorkers>;
  http?: HttpServer;
  url?: string;
  post(update: unknown, secret?: string | null): Promise<Response>;
  /** Waits until every stored update is handled (or failed) and the outbox has nothing due. */
  settle(o?: { unhandled?: number }): Promise<void>;
  /** sendMessage texts to one chat, in order. */
  texts(chatId: number): string[];
  stop(): Promise<void>;
}

export async function startHarness(
  db: Db,
  {
    mode = 'webhook',
    tg: givenTg,
    workerService,
    outboxOptions,
    ...options
  }: {
    mode?: 'webhook' | 'polling';
    tg?: FakeTelegram;
    workerService?: (outbox: Outbox) => WorkerService;
    outboxOptions?: Partial<OutboxOptions>;
  } & Partial<TelegramChannelOptions> = {},
): Promise<Harness> {
  const tg = givenTg ?? (await startFakeTelegram());
  const outbox = createOutbox({ db, pollMs: 20, retry: { maxAttempts: 10, baseDelayMs: 10, maxDelayMs: 50 }, ...outboxOptions });
  const workers = fakeWorkers(db, outbox);
  const channel = createTelegramChannel({
    token: FAKE_TOKEN,
    db,
    outbox,
    workers: workerService?.(outbox) ?? workers.service,
    apiRoot: tg.apiRoot,
    botInfo: FAKE_BOT,
    typingAfterMs: 0,
    webhook: mode === 'webhook' ? { url: 'https://bot.example.org/telegram', secret: SECRET } : undefined,
    ...options,
  });
  let http: HttpServer | undefined;
  let url: string | undefined;
  if (channel.webhookListener) {
    http = createHttpServer();
    http.mount('/telegram', channel.webhookListener);
    url = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}/telegram`;
  }
  outbox.start();
  await channel.start();

  return {
    tg,
    outbox,
    channel,
    workers,
    http,
    url,
    post: (update, secret = SECRET) =>
      fetch(url!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
        body: typeof update === 'string' ? update : JSON.stringify(update),
      }),
    async settle({ unhandled = 0 } = {}) {
      for (let i = 0; i < 500; i++) {
        // In flight first: work that ends while the counts are read cannot then look settled.
        const idle = channel.state().inFlight === 0;
        const [row] = await persist(() =>
          db.query<{ received: number; due: number }>(
            `select (select count(*)::int from inbound_messages where status = 'received' and channel = 'telegram') as received,
                  (select count(*)::int from outbox where status in ('pending', 'sending')) as due`,
          ),
        );
        if (idle && row!.received === unhandled && row!.due === 0) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('harness: did not settle');
    },
    texts: (chatId) => tg.sent('sendMessage', chatId).map((c) => String(c.payload['text'])),
    async stop() {
      await channel.stop();
      await outbox.stop();
      await http?.close();
      if (!givenTg) await tg.close();
    },
  };
}
