-- Hourly (workers/crontab, users__end_suspensions): a suspension ends at suspended_until (docs/identity.md). The
-- account goes back to active, or to pending when its email was never verified (what reactivate_account does too),
-- and each end is recorded in app_private.user_status_changes. A suspension without an end lasts until an admin
-- lifts it. At most retention.batch_size accounts per call (users_suspension_end_idx finds them); rows another
-- transaction holds are left for the next call. Idempotent; returns how many suspensions ended.
create or replace function app_private.end_suspensions()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with due as (
    select u.id from app_public.users u
     where u.status = 'suspended' and u.suspended_until <= now()
     order by u.suspended_until
     limit (app_hidden.config_value('retention.batch_size'))::int
     for update skip locked
  ), ended as (
    update app_public.users u
       set status = case when c.email_verified_at is not null then 'active' else 'pending' end::app_public.user_status,
           suspended_until = null
      from due join app_public.user_contacts c on c.user_id = due.id
     where u.id = due.id
    returning u.id, u.status
  ), recorded as (
    insert into app_private.user_status_changes (user_id, old_status, new_status, reason)
    select e.id, 'suspended', e.status, 'The suspension ended' from ended e
    returning 1
  )
  select count(*)::integer from recorded;
$$;
comment on function app_private.end_suspensions() is 'Ends the suspensions whose suspended_until has passed and records each; returns how many.';
