-- The passages of named articles (the ones a spotted issue card rests on, fetched when the search missed them)
-- are found by title within a version: without this index every lookup read the whole version's passages.
create index knowledge_passages_version_title on knowledge_passages (version_id, title);
