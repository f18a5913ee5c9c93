-- Core tables shared by every channel: workers, the inbox of incoming messages, the outbox.
create extension if not exists vector;

-- A worker as known on one channel. Personal fields are nulled by /forget; the row stays as a tombstone.
create table workers (
  id            bigserial primary key,
  channel       text not null,                 -- 'telegram' | 'console' | …
  external_id   text not null,                 -- the channel's user id
  chat_id       text,                          -- where to send replies
  display_name  text,
  username      text,
  lang          text,                          -- chosen language ('zh' | 'en'), null = follow the message
  pseudonym     text not null,                 -- what staff see by default, e.g. 'W-7F3A'
  share_contact boolean not null default false,
  created_at    timestamptz not null default now(),
  forgotten_at  timestamptz,
  unique (channel, external_id)
);

-- Every incoming message is written here before it is handled (idempotent on its channel id).
-- Rows still 'received' at start-up were interrupted and are handled again.
create table inbound_messages (
  id           bigserial primary key,
  channel      text not null,
  external_id  text not null,                  -- e.g. Telegram update_id
  worker_id    bigint references workers(id) on delete set null,
  payload      jsonb not null,
  status       text not null default 'received' check (status in ('received', 'handled', 'failed')),
  error        text,
  received_at  timestamptz not null default now(),
  handled_at   timestamptz,
  unique (channel, external_id)
);
create index inbound_messages_pending on inbound_messages (received_at) where status = 'received';

-- Every outgoing message or staff-desk post. Delivered by the outbox worker with retries; `stream` keeps
-- order (one chat, one case thread); `dedupe_key` makes enqueueing idempotent.
create table outbox (
  id               bigserial primary key,
  channel          text not null,              -- which deliverer: 'telegram' | 'slack' | 'console' | …
  stream           text not null,              -- ordering key, e.g. 'telegram:12345'
  kind             text not null,              -- what to do, e.g. 'message', 'case_card'
  dedupe_key       text unique,
  payload          jsonb not null,
  status           text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'dead')),
  attempts         integer not null default 0,
  next_attempt_at  timestamptz not null default now(),
  locked_until     timestamptz,
  last_error       text,
  result           jsonb,
  created_at       timestamptz not null default now(),
  sent_at          timestamptz
);
create index outbox_due on outbox (next_attempt_at, id) where status in ('pending', 'sending');
create index outbox_stream on outbox (stream, id) where status in ('pending', 'sending');
