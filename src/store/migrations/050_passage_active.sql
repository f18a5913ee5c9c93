-- A repealed or superseded document stays in the index history (its documents row and passages) but its
-- passages leave answers: search reads only active passages.
alter table knowledge_passages add column active boolean not null default true;
