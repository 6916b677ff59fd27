-- Daily maintenance (workers/crontab): ended sessions (with their rotated refresh token hashes), login attempts,
-- finished two-factor challenges and setup records are kept for retention.sessions_days, then deleted.
create or replace function app_private.prune_sessions()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with cutoff as (
    select now() - make_interval(days => (app_hidden.config_value('retention.sessions_days'))::int) as at
  ), pruned as (
    delete from app_private.sessions s using cutoff
     where least(s.revoked_at, s.expires_at) < cutoff.at
    returning 1
  ), attempts as (
    delete from app_private.login_attempts a using cutoff where a.created_at < cutoff.at returning 1
  ), challenges as (
    delete from app_private.mfa_challenges m using cutoff where m.expires_at < cutoff.at returning 1
  ), setups as (
    delete from app_private.two_factor_setups t using cutoff where t.created_at < cutoff.at returning 1
  )
  -- Data-modifying CTEs run to completion whether or not they are read.
  select count(*)::integer from pruned;
$$;
comment on function app_private.prune_sessions() is 'Deletes sessions that ended, and login attempts, two-factor challenges and setups older than the retention period; returns the sessions deleted.';
