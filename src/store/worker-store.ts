/** SQL for workers: one row per person per channel. Personal fields are erased by `forgetWorker`. */
import { randomBytes } from 'node:crypto';
import type { Db } from './db.js';

export interface Worker {
  id: number;
  channel: string;
  external_id: string;
  chat_id: string | null;
  display_name: string | null;
  username: string | null;
  lang: 'zh' | 'en' | null;
  pseudonym: string;
  share_contact: boolean;
  forgotten_at: Date | null;
  /**
   * Read with the row when upsertWorker links an incoming update (undefined otherwise): whether the worker then
   * had an application draft, and a case that is not closed. False means the lookup cannot find one: a
   * worker's drafts and cases begin only with their own messages, which are handled one at a time per chat.
   */
  has_draft?: boolean;
  has_case?: boolean;
}

const columns = `id::int, channel, external_id, chat_id, display_name, username, lang, pseudonym, share_contact, forgotten_at`;

/**
 * Finds or creates the worker for a channel user; refreshes chat and names (unless they asked to be forgotten).
 * With `inboundId`, also links that stored update to them (as linkInboundToWorker), and reads `has_draft` and
 * `has_case`, in the same statement.
 */
export async function upsertWorker(
  db: Db,
  w: { channel: string; externalId: string; chatId?: string; displayName?: string | null; username?: string | null },
  { inboundId }: { inboundId?: number } = {},
): Promise<Worker> {
  const pseudonym = `W-${randomBytes(3).toString('hex').toUpperCase()}`;
  const upsert = `insert into workers (channel, external_id, chat_id, display_name, username, pseudonym)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (channel, external_id) do update set
       chat_id = coalesce(excluded.chat_id, workers.chat_id),
       display_name = excluded.display_name,
       username = excluded.username,
       forgotten_at = null
     returning ${columns}`;
  const params = [w.channel, w.externalId, w.chatId ?? null, w.displayName ?? null, w.username ?? null, pseudonym];
  const [row] =
    inboundId === undefined
      ? await db.query<Worker>(upsert, params)
      : await db.query<Worker>(
          `with w as (${upsert}),
             linked as (update inbound_messages set worker_id = (select id from w) where id = $7 and worker_id is null)
           select w.*,
                  exists(select 1 from applications a where a.worker_id = w.id and a.status = 'draft') as has_draft,
                  exists(select 1 from cases c where c.worker_id = w.id and c.status <> 'closed') as has_case
             from w`,
          [...params, inboundId],
        );
  return row!;
}

export async function getWorker(db: Db, id: number): Promise<Worker | undefined> {
  const [row] = await db.query<Worker>(`select ${columns} from workers where id = $1`, [id]);
  return row;
}

export async function findWorker(db: Db, channel: string, externalId: string): Promise<Worker | undefined> {
  const [row] = await db.query<Worker>(`select ${columns} from workers where channel = $1 and external_id = $2`, [channel, externalId]);
  return row;
}

export async function setWorkerLang(db: Db, id: number, lang: 'zh' | 'en' | null): Promise<void> {
  await db.query('update workers set lang = $2 where id = $1', [id, lang]);
}

export async function setWorkerShareContact(db: Db, id: number, share: boolean): Promise<void> {
  await db.query('update workers set share_contact = $2 where id = $1', [id, share]);
}

/**
 * Erases the worker's personal fields, their channel id and chat included; the row stays (pseudonym only) so
 * statistics still add up. If they write again, they are a new worker with a new pseudonym.
 */
export async function forgetWorker(db: Db, id: number): Promise<void> {
  await db.query(
    `update workers set external_id = 'forgotten:' || id, chat_id = null, display_name = null, username = null,
            share_contact = false, lang = null, forgotten_at = now()
      where id = $1`,
    [id],
  );
}

export async function recordFeedback(db: Db, workerId: number, answerId: number, helpful: boolean): Promise<void> {
  await db.query(
    `insert into answer_feedback (worker_id, answer_id, helpful) values ($1, $2, $3)
     on conflict (worker_id, answer_id) do update set helpful = excluded.helpful, created_at = now()`,
    [workerId, answerId, helpful],
  );
}

/** Links a stored incoming message to its worker, so /forget can find and erase it. */
export async function linkInboundToWorker(db: Db, inboundId: number, workerId: number): Promise<void> {
  await db.query('update inbound_messages set worker_id = $2 where id = $1 and worker_id is null', [inboundId, workerId]);
}

/**
 * Erases what the channel layer kept of a worker: every stored incoming message they sent — linked to them
 * or only by their channel id (commands, button presses, messages dropped by the flood limit) — and the
 * texts of messages already delivered to them, with the chat id in their stream. Undelivered outbox items
 * keep their payload so they still arrive, and are erased once delivered.
 */
export async function eraseWorkerMessages(db: Db, worker: Pick<Worker, 'id' | 'channel' | 'external_id'>, stream: string): Promise<void> {
  await db.query(
    `update inbound_messages set payload = '{}'::jsonb, sender = null, worker_id = $1
      where channel = $2 and (worker_id = $1 or sender = $3)`,
    [worker.id, worker.channel, worker.external_id],
  );
  await db.query(`update outbox set payload = '{}'::jsonb, stream = 'erased:' || id where stream = $1 and status in ('sent', 'dead')`, [
    stream,
  ]);
  await db.query(`update outbox set erase_when_sent = true where stream = $1 and status in ('pending', 'sending')`, [stream]);
  await db.query('delete from answer_feedback where worker_id = $1', [worker.id]);
}
