-- The staff desk in daily use (issue 14): a case thread is internal; what goes to the worker is sent
-- explicitly and the thread is told when it arrived. A staff message to the worker remembers the outbox item
-- that carries it, so its delivery (or its loss) can be shown in the thread once; console notes are kept as
-- internal messages (never sent).
alter table case_messages add column internal boolean not null default false;
alter table case_messages add column outbox_id bigint;
alter table case_messages add column delivered_at timestamptz;
alter table case_messages add column undelivered_at timestamptz;
create index case_messages_outbox on case_messages (outbox_id) where outbox_id is not null;
-- Sent replies whose delivery the thread was not told about yet (the SLA clock sweeps them after a crash).
create index case_messages_awaiting on case_messages (id)
  where outbox_id is not null and delivered_at is null and undelivered_at is null;
