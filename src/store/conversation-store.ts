/**
 * SQL for the assistant's conversation memory: the last turns per worker. Worker turns keep the text as
 * written (the store is where personal data may live; logs never see it) and are erased by /forget.
 *
 * @example
 *   const conversations = createConversationStore(db);
 *   await conversations.append({ workerId: 7, role: 'worker', text: '试用期最长多久', lang: 'zh', at: new Date() });
 *   await conversations.recent(7, { limit: 4 });
 */

import type { Lang } from '../i18n/lang.js';
import type { Db } from './db.js';

/** A citation as a conversation turn keeps it (the assistant's answers carry these). */
export interface Citation {
  /** The passage quoted, when the citation is a quote (a calculator's legal basis has none). */
  passageId?: number;
  title: string;
  /** Article number, when the passage has one. */
  article?: number;
  /** How it is shown: 《中华人民共和国劳动合同法》第四十七条 */
  label: string;
  effective: string | null;
}

export interface ConversationTurn {
  workerId: number;
  role: 'worker' | 'assistant';
  text: string;
  lang?: Lang | null;
  decision?: 'answer' | 'escalate' | 'decline' | null;
  understood?: string | null;
  citations?: Citation[];
  at: Date;
}

export interface ConversationStore {
  /** Several turns of one worker are written in one statement, in order. */
  append(turn: ConversationTurn | readonly ConversationTurn[]): Promise<void>;
  /** Most recent last; only turns newer than `since` when given. */
  recent(workerId: number, options?: { limit?: number; since?: Date }): Promise<ConversationTurn[]>;
  /**
   * What a worker's message is read with, in one statement: the question the bot is waiting for this worker to
   * answer (plain JSON), when asked after `since`; the turns newer than `since` as `recent` gives them (most recent
   * last); and whether a pending question is stored at all, however old (when none is, there is nothing for
   * `setPending(…, undefined)` to clear).
   */
  context(
    workerId: number,
    options: { limit: number; since: Date },
  ): Promise<{ pending: unknown | undefined; stored: boolean; recent: ConversationTurn[] }>;
  /** Stores (or, with undefined, clears) the pending question, asked at `at`. */
  setPending(workerId: number, state: unknown | undefined, at?: Date): Promise<void>;
  forget(workerId: number): Promise<void>;
}

interface Row {
  worker_id: number;
  role: 'worker' | 'assistant';
  text: string;
  lang: Lang | null;
  decision: 'answer' | 'escalate' | 'decline' | null;
  understood: string | null;
  citations: Citation[];
  created_at: Date;
}

const turnOf = (r: Row): ConversationTurn => ({
  workerId: r.worker_id,
  role: r.role,
  text: r.text,
  lang: r.lang,
  decision: r.decision,
  understood: r.understood,
  citations: r.citations,
  at: new Date(r.created_at),
});

/** Turns kept per worker; older ones are deleted as new ones arrive. */
const KEEP = 20;

export function createConversationStore(db: Db, { keep = KEEP }: { keep?: number } = {}): ConversationStore {
  const append: ConversationStore['append'] = async (turns) => {
    const list = Array.isArray(turns) ? turns : [turns as ConversationTurn];
    if (!list.length) return;
    const workerId = list[0]!.workerId;
    if (list.length > keep || list.some((t) => t.workerId !== workerId)) {
      for (const t of list) await append(t);
      return;
    }
    // One statement: the new turns, and the worker's older turns beyond the newest keep − n deleted (the
    // delete sees the table as it was before the insert), which leaves the newest `keep` as one append each would.
    const params: unknown[] = [workerId, keep - list.length];
    const arg = (value: unknown) => `$${params.push(value)}`;
    const values = list.map(
      (t) =>
        `($1, ${arg(t.role)}, ${arg(t.text)}, ${arg(t.lang ?? null)}, ${arg(t.decision ?? null)}, ${arg(t.understood ?? null)}, ${arg(JSON.stringify(t.citations ?? []))}::jsonb, ${arg(t.at)})`,
    );
    await db.query(
      `with added as (
           insert into conversation_turns (worker_id, role, text, lang, decision, understood, citations, created_at)
           values ${values.join(', ')})
         delete from conversation_turns where worker_id = $1 and id not in (
           select id from conversation_turns where worker_id = $1 order by id desc limit $2)`,
      params,
    );
  };
  return {
    append,
    async recent(workerId, { limit = 6, since } = {}) {
      const rows = await db.query<Row>(
        `select worker_id::int, role, text, lang, decision, understood, citations, created_at
           from conversation_turns
          where worker_id = $1 and ($3::timestamptz is null or created_at >= $3)
          order by id desc limit $2`,
        [workerId, limit, since ?? null],
      );
      return rows.reverse().map(turnOf);
    },
    async context(workerId, { limit, since }) {
      const rows = await db.query<Row & { part: number; state: unknown; fresh: boolean | null }>(
        `select * from (
           select 0 as part, null::jsonb as state, null::boolean as fresh, t.* from (
             select id, worker_id::int, role, text, lang, decision, understood, citations, created_at
               from conversation_turns where worker_id = $1 and created_at >= $3 order by id desc limit $2) t
           union all
           select 1, state, asked_at >= $3, null, null, null, null, null, null, null, null, null
             from pending_questions where worker_id = $1) c
         order by part, id desc`,
        [workerId, limit, since],
      );
      const stored = rows.find((r) => r.part === 1);
      return {
        pending: stored?.fresh ? stored.state : undefined,
        stored: stored !== undefined,
        recent: rows
          .filter((r) => r.part === 0)
          .reverse()
          .map(turnOf),
      };
    },
    async setPending(workerId, state, at = new Date()) {
      if (state === undefined) {
        await db.query('delete from pending_questions where worker_id = $1', [workerId]);
        return;
      }
      await db.query(
        `insert into pending_questions (worker_id, state, asked_at) values ($1, $2, $3)
         on conflict (worker_id) do update set state = excluded.state, asked_at = excluded.asked_at`,
        [workerId, JSON.stringify(state), at],
      );
    },
    forget: (workerId) => forgetConversation(db, workerId),
  };
}

/** Erases a worker's conversation and any question waiting for their answer (/forget). */
export async function forgetConversation(db: Db, workerId: number): Promise<void> {
  await db.query('delete from conversation_turns where worker_id = $1', [workerId]);
  await db.query('delete from pending_questions where worker_id = $1', [workerId]);
}

/**
 * The worker's last question and the assistant's reply to it, when both are newer than `since`: what a case
 * opened by /human carries to staff.
 */
export async function lastExchange(store: Pick<ConversationStore, 'recent'>, workerId: number, since: Date) {
  const [question, reply] = await store.recent(workerId, { limit: 2, since });
  if (question?.role !== 'worker' || reply?.role !== 'assistant') return undefined;
  return { question: question.understood ?? question.text, reply: reply.text, citations: reply.citations ?? [] };
}
