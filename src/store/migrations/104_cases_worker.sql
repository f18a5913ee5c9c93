-- A worker's cases that are not closed, by worker: what the worker upsert reads to tell whether a message can
-- belong to a case at all (most workers have none, and then the case lookup is skipped).
create index cases_worker on cases (worker_id) where status <> 'closed';
