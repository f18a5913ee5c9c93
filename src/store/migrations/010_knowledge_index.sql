-- The knowledge index, versioned from the start: a build writes a new version beside the live one and
-- switches in one transaction, so questions are always answered from one complete version.
create table index_versions (
  id              serial primary key,
  embedder        text not null,                 -- design + params, e.g. local-tfidf-v1:1024:b0.5
  dimensions      integer not null,
  status          text not null default 'building' check (status in ('building', 'live', 'retired', 'failed')),
  embedder_state  jsonb,                          -- fitted state (IDF table …) so every process embeds alike
  stats           jsonb not null default '{}'::jsonb,
  created_at      timestamptz not null default now(),
  activated_at    timestamptz
);
-- At most one live version.
create unique index index_versions_one_live on index_versions ((status)) where status = 'live';

create table knowledge_documents (
  id            serial primary key,
  version_id    integer not null references index_versions(id) on delete cascade,
  source        text not null,                    -- path relative to the knowledge folder
  title         text not null,
  kind          text not null,
  effective     date,
  content_hash  text not null,                    -- sha256 of the file bytes
  meta          jsonb not null default '{}'::jsonb,
  passages      integer not null default 0,
  unique (version_id, source)
);

create table knowledge_passages (
  id           bigserial primary key,
  version_id   integer not null references index_versions(id) on delete cascade,
  document_id  integer not null references knowledge_documents(id) on delete cascade,
  ordinal      integer not null,
  title        text not null,
  kind         text not null,
  path         text[] not null default '{}',
  articles     integer[] not null default '{}',
  effective    date,
  source       text not null,
  text         text not null,
  search_text  text not null,                     -- jieba-segmented, space separated
  embedding    vector                             -- dimension per version: see index_versions.dimensions
);
create index knowledge_passages_version on knowledge_passages (version_id);

-- Lexical index: one row per (term, passage) holding the term's BM25 weight in that passage, computed at
-- build time (IDF of the version, length normalisation), so a query is one indexed join and a sum.
create table knowledge_terms (
  version_id  integer not null references index_versions(id) on delete cascade,
  term        text not null,
  passage_id  bigint not null,                   -- rows go with their version (cascade above)
  weight      real not null,
  primary key (version_id, term, passage_id)
);
