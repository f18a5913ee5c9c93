-- Parts of a long Telegram message already sent, so a retried outbox item resends only the missing parts.
create table telegram_sent_parts (
  outbox_id   bigint not null references outbox(id) on delete cascade,
  part        integer not null,
  message_id  bigint not null,
  sent_at     timestamptz not null default now(),
  primary key (outbox_id, part)
);
