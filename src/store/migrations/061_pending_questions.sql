-- The one question the bot is waiting for a worker to answer (a missing fact for a calculation), so the
-- reply is understood after a restart too. One per worker; cleared when answered, dropped when the worker
-- changes the subject, erased by /forget.
create table pending_questions (
  worker_id   bigint primary key references workers(id) on delete cascade,
  state       jsonb not null,
  asked_at    timestamptz not null default now()
);
