-- Incoming messages, hardened:
-- * fingerprint: what identifies the update beyond the channel's id. Telegram picks a random update_id again
--   after a week without updates, so a new message can reuse a stored id; de-duplication compares both.
--   A hash (no chat or user id in clear), kept after the payload is cleared so redeliveries are still caught.
-- * sender: the channel's user id of who sent it, so /forget finds commands and button presses too; cleared
--   by /forget and by the retention of payloads.
-- * failures: deterministic handling failures; after a few the update is given up on ('failed'), not
--   replayed at every start.
alter table inbound_messages add column fingerprint text not null default '';
alter table inbound_messages add column sender text;
alter table inbound_messages add column failures integer not null default 0;

-- Telegram rows stored before this migration: the same formula as channels/telegram/update-identity.ts.
update inbound_messages set
  fingerprint = coalesce(left(encode(sha256(convert_to(case
      when payload ? 'callback_query' then 'callback_query:' || (payload->'callback_query'->>'id')
      else k.kind || ':' || (payload->k.kind->'chat'->>'id') || ':' || (payload->k.kind->>'message_id')
    end, 'UTF8')), 'hex'), 32), ''),
  sender = coalesce(payload->k.kind->'from'->>'id', payload->'callback_query'->'from'->>'id')
  from (select id, (select key from jsonb_object_keys(payload) as key where key <> 'update_id' limit 1) as kind
          from inbound_messages where channel = 'telegram') k
 where inbound_messages.id = k.id and k.kind is not null;

alter table inbound_messages drop constraint inbound_messages_channel_external_id_key;
alter table inbound_messages add constraint inbound_messages_identity unique (channel, external_id, fingerprint);
create index inbound_messages_sender on inbound_messages (channel, sender) where sender is not null;
