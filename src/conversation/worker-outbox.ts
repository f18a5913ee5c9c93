/**
 * Every message to a worker goes through the outbox, on the worker's own channel, in one ordered stream
 * per chat. Core modules (conversation, cases) call this; the channel adapter registered for
 * `worker.channel` delivers it (the WorkerInbox port).
 */

import type { Outbox } from '../outbox/outbox.js';
import type { Db } from '../store/db.js';
import type { Worker } from '../store/worker-store.js';
import type { OutgoingWorkerMessage } from './types.js';

export const WORKER_MESSAGE = 'worker_message';

export function workerStream(worker: Pick<Worker, 'channel' | 'chat_id' | 'id'>): string {
  return `worker:${worker.channel}:${worker.chat_id ?? worker.id}`;
}

/**
 * @example
 *   await enqueueToWorker(outbox, worker, { lang: 'zh', text: '已收到' }, { dedupeKey: `reply:${inboundId}` });
 */
export async function enqueueToWorker(
  outbox: Outbox,
  worker: Worker,
  message: Omit<OutgoingWorkerMessage, 'chatId'>,
  { dedupeKey, db, eraseWhenSent, priority }: { dedupeKey?: string; db?: Db; eraseWhenSent?: boolean; priority?: number } = {},
): Promise<number> {
  return outbox.enqueue(
    {
      channel: worker.channel,
      stream: workerStream(worker),
      kind: WORKER_MESSAGE,
      payload: { ...message, chatId: worker.chat_id ?? String(worker.id) } satisfies OutgoingWorkerMessage,
      dedupeKey,
      eraseWhenSent,
      priority,
    },
    db,
  );
}
