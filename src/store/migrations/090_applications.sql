-- Guided applications for the union's services (join the union, legal aid, hardship help, a call-back).
-- A draft keeps where the worker is in the flow, so a restart resumes it; on submit the answers become the
-- `fields` the staff desk shows (labels in zh and en, each marked personal or not) and the draft answers are
-- dropped. Personal values are erased by /forget and after APPLICATION_RETENTION_DAYS once decided.
create table applications (
  id              bigserial primary key,
  worker_id       bigint not null references workers(id),
  service         text not null,                        -- the definition's id: join_union, legal_aid, …
  status          text not null default 'draft'
                  check (status in ('draft', 'submitted', 'more_info', 'approved', 'declined', 'cancelled')),
  step            text not null default 'intro',        -- intro | field:<id> | consent | review
  rev             int not null default 0,               -- bumped at every step: a stale button is recognised
  last_inbound    bigint,                               -- the stored update that moved it last: a replay is not applied twice
  answers         jsonb not null default '{}'::jsonb,   -- the draft's answers (personal), emptied on submit
  origin_text     text,                                 -- the words that led to the offer (personal)
  share_identity  boolean,                              -- the worker's consent to show staff their name and account
  lang            text not null default 'zh',
  fields          jsonb,                                -- on submit: [{ id, label, value, personal }]
  meta            jsonb,                                -- on submit: { kind, title, checklist } of the service, as it was then
  union_name      text,                                 -- who receives it (APPLICATION_ROUTES), null = the federation
  desk_channel    text,                                 -- where its card goes, null = the cases channel
  case_id         bigint references cases(id),
  note            text,                                 -- staff's last reason or question, as told to the worker
  created_at      timestamptz not null,
  updated_at      timestamptz not null,
  submitted_at    timestamptz,
  decided_at      timestamptz,
  erased_at       timestamptz
);
-- One flow at a time per worker.
create unique index applications_one_draft on applications (worker_id) where status = 'draft';
create index applications_case on applications (case_id) where case_id is not null;
create index applications_retention on applications (updated_at) where erased_at is null;
