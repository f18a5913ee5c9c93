-- The caring-person queue: cases, what was said in them, an append-only log of who did what, and where
-- each case's posts live on the staff desk (Slack channel + ts) so a retried delivery never posts twice.

create table cases (
  id                 bigserial primary key,
  worker_id          bigint not null references workers(id),
  status             text not null default 'open'
                     check (status in ('open', 'claimed', 'in_progress', 'waiting_on_worker', 'resolved', 'closed')),
  priority           text not null check (priority in ('urgent', 'normal')),
  category           text not null,
  lang               text not null default 'zh',
  assignee_id        text,                       -- the desk's staff id (Slack user id, 'console')
  assignee_name      text,
  -- Intake, erased by /forget (the row stays as a tombstone for statistics):
  summary            text,
  worker_text        text,
  bot_reply          text,
  facts              jsonb not null default '{}'::jsonb,
  citations          jsonb not null default '[]'::jsonb,   -- labels of laws, not personal
  desk_channel       text,                       -- where the card lives once posted
  desk_ts            text,
  opened_at          timestamptz not null,
  claimed_at         timestamptz,
  first_response_at  timestamptz,
  resolved_at        timestamptz,
  closed_at          timestamptz,
  reopened_at        timestamptz,
  sla_due_at         timestamptz,                -- when an unclaimed case breaches its SLA
  sla_reminded_at    timestamptz,
  rating             smallint check (rating between 1 and 5),
  rated_at           timestamptz,
  forgotten_at       timestamptz,
  updated_at         timestamptz not null
);
-- One active case per worker: a second escalation is added to it (and the index settles races).
create unique index cases_one_active on cases (worker_id)
  where status in ('open', 'claimed', 'in_progress', 'waiting_on_worker');
create index cases_queue on cases (priority, opened_at) where status = 'open';
create index cases_assignee on cases (assignee_id) where status in ('claimed', 'in_progress', 'waiting_on_worker');
create index cases_sla on cases (sla_due_at) where status = 'open' and sla_reminded_at is null;
create unique index cases_desk on cases (desk_channel, desk_ts) where desk_ts is not null;

-- What the worker and staff said in a case. Texts are erased by /forget; `dedupe_key` (a Telegram inbound id,
-- a Slack message ts) makes a replayed message count once.
create table case_messages (
  id          bigserial primary key,
  case_id     bigint not null references cases(id),
  author      text not null check (author in ('worker', 'staff')),
  staff_id    text,
  staff_name  text,
  text        text,
  attachment  jsonb,
  dedupe_key  text unique,
  at          timestamptz not null
);
create index case_messages_case on case_messages (case_id, id);

-- Who did what, when. No worker texts here (they live in case_messages), so the log never needs editing.
create table case_events (
  id          bigserial primary key,
  case_id     bigint not null references cases(id),
  actor_kind  text not null check (actor_kind in ('worker', 'staff', 'system', 'other')),  -- other: a desk user who is not staff
  actor_id    text,
  actor_name  text,
  kind        text not null,
  detail      jsonb not null default '{}'::jsonb,
  at          timestamptz not null
);
create index case_events_case on case_events (case_id, id);

create function case_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'case_events is append-only';
end $$;
create trigger case_events_no_change before update or delete on case_events
  for each row execute function case_events_append_only();

-- Messages the staff desk accepted for an outbox item, written right after the desk's answer: a retry of
-- that item (process died before the outbox marked it sent) finds it here and does not post again.
create table case_desk_posts (
  outbox_id   bigint primary key,
  case_id     bigint not null references cases(id),
  kind        text not null,
  channel     text not null,
  ts          text not null,
  worker_text boolean not null default false,    -- carries a worker's words: redacted on /forget
  at          timestamptz not null
);
create index case_desk_posts_case on case_desk_posts (case_id);
