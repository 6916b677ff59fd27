-- migrate:up
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Issue 9, finding 7: a worker killed mid-job leaves its job locked for graphile-worker's 4 hours. Every worker
-- process records a heartbeat under its pool id (the jobs' locked_by); a heartbeat gone stale names a dead worker,
-- whose jobs any live worker then unlocks with graphile-worker's own force_unlock_workers.
create table app_private.worker_heartbeats (
  worker_id text primary key check (length(worker_id) between 1 and 200),
  started_at timestamptz not null default now(),
  seen_at timestamptz not null default now()
);
create index worker_heartbeats_seen_at_idx on app_private.worker_heartbeats (seen_at);
alter table app_private.worker_heartbeats enable row level security;
alter table app_private.worker_heartbeats force row level security;
comment on table app_private.worker_heartbeats is
  'Live graphile-worker pools and when each last reported (workers/heartbeat.ts); stale rows name crashed workers.';

-- migrate:down
drop table app_private.worker_heartbeats;
