-- Helpful / not helpful on the bot's answers. `answer_id` is the inbound message the answer replied to.
create table answer_feedback (
  id          bigserial primary key,
  worker_id   bigint not null references workers(id) on delete cascade,
  answer_id   bigint not null,
  helpful     boolean not null,
  created_at  timestamptz not null default now(),
  unique (worker_id, answer_id)
);
