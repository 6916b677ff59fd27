-- Daily maintenance (workers/crontab): ended sessions are kept for retention.sessions_days, then deleted.
create or replace function app_private.prune_sessions()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with pruned as (
    delete from app_private.sessions s
     where least(s.revoked_at, s.expires_at)
           < now() - make_interval(days => (app_hidden.config_value('retention.sessions_days'))::int)
    returning 1
  )
  select count(*)::integer from pruned;
$$;
comment on function app_private.prune_sessions() is 'Deletes sessions that ended longer ago than the retention period.';
