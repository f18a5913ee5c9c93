-- The last turns of each worker's conversation with the assistant, so a follow-up ("那赔偿呢？") is read in
-- context. Erased by /forget (forgetConversation) and trimmed to the most recent turns per worker.
create table conversation_turns (
  id          bigserial primary key,
  worker_id   bigint not null references workers(id) on delete cascade,
  role        text not null check (role in ('worker', 'assistant')),
  text        text not null,
  lang        text check (lang in ('zh', 'en')),
  decision    text check (decision in ('answer', 'escalate', 'decline')),
  -- For a worker turn: the question as the assistant understood it (with the earlier topic), when different.
  understood  text,
  citations   jsonb not null default '[]'::jsonb,
  created_at  timestamptz not null default now()
);
create index conversation_turns_worker on conversation_turns (worker_id, id desc);
