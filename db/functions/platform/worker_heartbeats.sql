-- Crash recovery of worker processes (issue 9, finding 7; workers/heartbeat.ts). Each worker calls this on its
-- heartbeat interval: it records that worker_id is alive, then claims the heartbeats older than stale_after (their
-- workers died without unlocking their jobs) and returns their ids, so that the caller unlocks those workers' jobs
-- through graphile-worker (WorkerUtils.forceUnlockWorkers). `skip locked`: two live workers never claim the same
-- dead one.
create or replace function app_private.beat_and_claim_dead_workers(worker_id text, stale_after interval)
returns text[]
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_dead text[];
begin
  insert into app_private.worker_heartbeats as h (worker_id) values (beat_and_claim_dead_workers.worker_id)
  on conflict on constraint worker_heartbeats_pkey do update set seen_at = now();
  with dead as (
    select h.worker_id from app_private.worker_heartbeats h
     where h.seen_at < now() - beat_and_claim_dead_workers.stale_after
       and h.worker_id <> beat_and_claim_dead_workers.worker_id
       for update skip locked
  ), gone as (
    delete from app_private.worker_heartbeats h using dead where h.worker_id = dead.worker_id returning h.worker_id
  )
  select coalesce(array_agg(gone.worker_id), '{}') into v_dead from gone;
  return v_dead;
end;
$$;
comment on function app_private.beat_and_claim_dead_workers(text, interval) is
  'Records a worker heartbeat; claims and returns the ids of workers silent for longer than stale_after.';

-- A worker stopping cleanly has unlocked its own jobs: it leaves the registry at once.
create or replace function app_private.forget_worker(worker_id text)
returns void
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  delete from app_private.worker_heartbeats h where h.worker_id = forget_worker.worker_id;
$$;
comment on function app_private.forget_worker(text) is 'Removes a cleanly stopped worker from the heartbeat registry.';
