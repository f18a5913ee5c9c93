-- When an outbox item was given up on: health counts the dead letters of the last hour (a revoked token or an
-- archived channel kills many at once; one worker who blocked the bot should not make the service unready for
-- good), and admins list and retry them (`/niangjia outbox`, `npm run outbox`).
alter table outbox add column dead_at timestamptz;
-- Items dead before this column: their last scheduled attempt is the nearest time we have.
update outbox set dead_at = next_attempt_at where status = 'dead';
create index outbox_dead on outbox (dead_at, id) where status = 'dead';
