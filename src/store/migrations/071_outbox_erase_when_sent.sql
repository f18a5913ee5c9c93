-- After /forget, the items still to be delivered to the worker (the confirmation, an answer on its way) keep
-- their chat id until they are out; this flag has markOutboxSent / markOutboxDead erase the payload and
-- the chat id in the stream name then.
alter table outbox add column erase_when_sent boolean not null default false;
