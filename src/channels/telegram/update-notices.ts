/**
 * What a worker hears when their update could not be handled as usual (see update-journal.ts): that it is
 * kept and will be handled when the service works again, or that it could not be handled at all, so they
 * can write it again or ask for a person. Only in private chats: an update the bot could not read in a
 * group was seldom meant for it.
 *
 * @example
 *   const notify = createUpdateNotices({ db, outbox, translate });
 *   await notify(update, inboundId, 'failed');
 */
import type { Update } from 'grammy/types';
import { enqueueToWorker } from '../../conversation/worker-outbox.js';
import type { Translate } from '../../i18n/translator.js';
import type { Outbox } from '../../outbox/outbox.js';
import type { Db } from '../../store/db.js';
import { upsertWorker } from '../../store/worker-store.js';
import { chooseLang, identityOf } from './incoming-message.js';
import { updateIdentity } from './update-identity.js';
import type { UpdateNotice } from './update-journal.js';

const texts: Record<UpdateNotice, string> = { kept: 'tg-update-kept', failed: 'tg-update-failed' };

export function createUpdateNotices({ db, outbox, translate }: { db: Db; outbox: Outbox; translate: Translate }) {
  return async (update: Update, inboundId: number, notice: UpdateNotice): Promise<void> => {
    const { chat, from } = updateIdentity(update);
    if (!chat || !from || chat.type !== 'private') return;
    const worker = await upsertWorker(db, identityOf(chat, from));
    const lang = chooseLang(worker.lang, update.message?.text, from);
    const key = texts[notice];
    await enqueueToWorker(outbox, worker, { lang, text: translate(lang, key) }, { dedupeKey: `tg:${inboundId}:${key}` });
  };
}
