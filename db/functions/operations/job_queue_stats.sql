-- The job queue as /metrics reports it (docs/operations.md, Metrics; server/operations/metrics.ts): per task, jobs
-- ready to run, scheduled later, running (locked), failing (an error, attempts left) and failed for good (no attempt
-- left: they stay until someone looks). Read by the server's owner pool, never by the API roles.
create or replace function app_private.job_queue_stats()
returns jsonb
language sql stable
set search_path = pg_catalog, public, pg_temp
as $$
  select coalesce(jsonb_agg(jsonb_build_object('task', s.task_identifier, 'ready', s.ready, 'scheduled', s.scheduled,
                                               'running', s.running, 'failing', s.failing, 'failed', s.failed)
                            order by s.task_identifier), '[]')
    from (select j.task_identifier,
                 count(*) filter (where j.locked_at is null and j.attempts < j.max_attempts and j.run_at <= now()) as ready,
                 count(*) filter (where j.locked_at is null and j.attempts < j.max_attempts and j.run_at > now()) as scheduled,
                 count(*) filter (where j.locked_at is not null) as running,
                 count(*) filter (where j.last_error is not null and j.attempts < j.max_attempts) as failing,
                 count(*) filter (where j.attempts >= j.max_attempts) as failed
            from graphile_worker.jobs j
           group by j.task_identifier) s;
$$;
comment on function app_private.job_queue_stats() is 'Per task: jobs ready, scheduled, running, failing and failed for good (for /metrics).';
