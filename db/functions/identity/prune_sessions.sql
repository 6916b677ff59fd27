-- Daily maintenance (workers/crontab): ended sessions (with their rotated refresh token hashes) and login attempts
-- are kept for retention.sessions_days, then deleted; at most retention.batch_size of each per call (the cleanup
-- job calls again while work is left).
create or replace function app_private.prune_sessions()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with settings as (
    select now() - make_interval(days => (app_hidden.config_value('retention.sessions_days'))::int) as cutoff,
           (app_hidden.config_value('retention.batch_size'))::int as batch_size
  ), pruned as (
    delete from app_private.sessions s
     where s.id in (select e.id from app_private.sessions e, settings
                     where least(e.revoked_at, e.expires_at) < settings.cutoff
                     limit (select batch_size from settings))
    returning 1
  ), attempts as (
    delete from app_private.login_attempts a
     where a.id in (select o.id from app_private.login_attempts o, settings
                     where o.created_at < settings.cutoff
                     limit (select batch_size from settings))
    returning 1
  )
  select ((select count(*) from pruned) + (select count(*) from attempts))::integer;
$$;
comment on function app_private.prune_sessions() is 'Deletes sessions that ended and login attempts older than the retention period, at most retention.batch_size of each; returns how many.';
