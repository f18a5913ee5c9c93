-- What workers asked, for the listening report (issue 14): one row per message the assistant decided, with
-- no worker id. `unanswered` says why the bot did not really answer (declined, an answer below the
-- confidence bar, an answer that matched no issue card); `not_helpful` is the worker's own verdict. The
-- question's words, masked (privacy/mask.ts), are kept only for those rows, for UNANSWERED_KEEP_DAYS — and,
-- for an answer, for the short time the worker may still press "not helpful". `inbound_ref`, the inbound
-- message decided (what the feedback buttons carry), lives as long as that window: cleared then, on the
-- press, and by /forget — after it no row can be traced to a worker.
create table asked_questions (
  id           bigserial primary key,
  at           timestamptz not null,
  lang         text not null,
  kind         text not null check (kind in ('answer', 'escalate', 'decline')),
  reason       text,
  topic        text,
  issue        text,
  confidence   real,
  unanswered   text check (unanswered in ('declined', 'low_confidence', 'no_card')),
  not_helpful  boolean not null default false,
  text         text,
  inbound_ref   bigint
);
create index asked_questions_at on asked_questions (at);
create unique index asked_questions_inbound_ref on asked_questions (inbound_ref) where inbound_ref is not null;

-- Follow-up (issue 14): a set number of days after a resolution, a worker who agreed is asked whether the
-- problem was solved; the answer feeds the report, and a "no" reopens the case.
alter table cases add column follow_up_agreed boolean;
alter table cases add column follow_up_asked_at timestamptz;
alter table cases add column follow_up_solved boolean;
alter table cases add column follow_up_answered_at timestamptz;
create index cases_follow_up on cases (resolved_at) where follow_up_agreed and follow_up_asked_at is null;

-- The report reads cases and their events by time.
create index cases_opened on cases (opened_at);
create index case_events_kind_at on case_events (kind, at);
