-- The triage classifier trained at index time, one per index version: every replica classifies with the
-- same model, and a rollback brings back the model that went with the knowledge.
create table triage_models (
  version_id   integer primary key references index_versions(id) on delete cascade,
  inputs_hash  text not null,                    -- sha256 of the lexicon, training lines and card phrasings
  bundle       jsonb not null,                   -- lexicon + model (weights as base64 float32)
  stats        jsonb not null default '{}'::jsonb,
  trained_at   timestamptz not null default now()
);
