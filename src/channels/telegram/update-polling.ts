/**
 * Long polling on @grammyjs/runner, with the runner's own fetcher (offsets, retries) wrapped so every
 * batch is stored before it is handed on. Telegram learns a batch arrived only from the next getUpdates
 * offset, which is sent after the batch was stored: a crash in between means Telegram sends it again.
 * Handling is concurrent across chats; `sequentialize` in the bot keeps each chat in order.
 */

import {
  createConcurrentSink,
  createRunner,
  createSource,
  createUpdateFetcher,
  type RunnerHandle,
  type UpdateSupplier,
} from '@grammyjs/runner';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../../log.js';

export interface PollingOptions {
  // biome-ignore lint/suspicious/noExplicitAny: any context type
  bot: Bot<any>;
  admit: (update: Update) => Promise<number | undefined>;
  handle: (update: Update) => Promise<void>;
  log: Logger;
  allowedUpdates: ReadonlyArray<Exclude<keyof Update, 'update_id'>>;
  /** How long to wait before trying to store a batch again when the database is unreachable. */
  storeRetryMs?: number;
}

export function startPolling({ bot, admit, handle, log, allowedUpdates, storeRetryMs = 1_000 }: PollingOptions): RunnerHandle {
  const fetchUpdates = createUpdateFetcher(bot, { fetch: { timeout: 30, allowed_updates: allowedUpdates }, silent: true });
  const supplier: UpdateSupplier<Update> = {
    async supply(batchSize, signal) {
      const updates = await fetchUpdates(batchSize, signal);
      const admitted: Update[] = [];
      for (const update of updates) {
        // In order, one by one: the replay after a crash follows the stored order.
        for (;;) {
          try {
            if ((await admit(update)) !== undefined) admitted.push(update);
            break;
          } catch (error) {
            log.error('telegram.store_failed', { updateId: update.update_id, error });
            if (signal.aborted) throw error;
            await new Promise((r) => setTimeout(r, storeRetryMs));
          }
        }
      }
      return admitted;
    },
  };
  const source = createSource(supplier);
  const sink = createConcurrentSink<Update>({ consume: handle }, async (error) => {
    log.error('telegram.update_failed', { error });
  });
  const runner = createRunner(source, sink);
  runner.start();
  // 401 (bad token) and 409 (another instance polls, or a webhook is set) end polling: say so loudly.
  runner.task()?.catch((error) => log.error('telegram.polling_stopped', { error }));
  return runner;
}
