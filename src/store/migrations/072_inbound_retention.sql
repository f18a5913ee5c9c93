-- The retention sweep (store/inbound-retention.ts) finds the old rows that still hold a payload or a sender.
create index inbound_messages_retention on inbound_messages (received_at) where payload <> '{}'::jsonb or sender is not null;
