-- The term index carries each posting's weight, so BM25 at query time reads the index alone (an index-only
-- scan once the table is vacuumed, which the build does after loading) instead of one heap row per posting.
alter table knowledge_terms drop constraint knowledge_terms_pkey;
alter table knowledge_terms add constraint knowledge_terms_pkey primary key (version_id, term, passage_id) include (weight);
