-- What goes out first when a backlog builds up (after an outage of Slack or Telegram): higher first, then
-- oldest first. Urgent cases' cards and their workers' safety replies are 1; everything else 0.
alter table outbox add column priority smallint not null default 0;
