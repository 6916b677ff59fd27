-- The admin activity log (docs/admin.md, Audit): written by every admin function, in its transaction, through
-- app_hidden.log_admin_action only; never updated, by anyone; deleted only by the retention rule.

-- One entry for an admin act: the signed-in admin (null when no one is signed in: a migration, an operator in psql,
-- a job), what was done to which object, the values before and after, how much it matters, the client address and
-- the reason. Not security definer: only admin functions call it, and they run as the owner (no API role may execute
-- it). Severity (domain rules): high for money, suspensions, bans and configuration; critical for role changes.
-- Another domain's admin function adds one line after its change, e.g.
--   perform app_hidden.log_admin_action('admin_grant_credit', 'user', v_user.id::text, 'high',
--     null, jsonb_build_object('amount', amount, 'currency', currency), reason);
create or replace function app_hidden.log_admin_action(
  action text,
  resource_type text,
  resource_id text,
  severity app_public.activity_severity,
  old_values jsonb default null,
  new_values jsonb default null,
  reason text default null
)
returns uuid
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_admin_id uuid := app_public.current_user_id();
  v_id uuid;
begin
  if v_admin_id is not null and not exists (select 1 from app_private.admin_users a where a.user_id = v_admin_id) then
    -- A programming error (an admin function without its caller check): masked, and nothing of the act commits.
    raise exception 'log_admin_action: the signed-in user % is not an admin', v_admin_id;
  end if;
  insert into app_public.admin_activity_log (admin_id, action, resource_type, resource_id, old_values, new_values,
                                             severity, ip_address, reason)
  values (v_admin_id, log_admin_action.action, log_admin_action.resource_type, log_admin_action.resource_id,
          log_admin_action.old_values, log_admin_action.new_values, log_admin_action.severity, app_hidden.current_ip(),
          nullif(trim(log_admin_action.reason), ''))
  returning id into v_id;
  return v_id;
end;
$$;
comment on function app_hidden.log_admin_action(text, text, text, app_public.activity_severity, jsonb, jsonb, text) is
  'Records an admin act in admin_activity_log (the signed-in admin, or null for the system); returns the entry''s id.';

-- Append-only, the owner included: no update ever; a delete only of a row the retention rule would delete anyway
-- (low or medium, older than retention.admin_log_days), which is what app_private.purge_admin_activity_log does.
create or replace function app_hidden.tg_admin_activity_log__append_only()
returns trigger
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
begin
  if TG_OP = 'DELETE' and OLD.severity in ('low', 'medium')
     and OLD.created_at < now() - make_interval(days => (app_hidden.config_value('retention.admin_log_days'))::int) then
    return OLD;
  end if;
  raise exception 'admin_activity_log is append-only' using errcode = 'DNIED';
end;
$$;
comment on function app_hidden.tg_admin_activity_log__append_only() is 'Refuses every update, and every delete but of low and medium entries past retention.admin_log_days.';

create or replace trigger _100_append_only before update or delete on app_public.admin_activity_log
  for each row execute function app_hidden.tg_admin_activity_log__append_only();
create or replace trigger _100_append_only_truncate before truncate on app_public.admin_activity_log
  for each statement execute function app_hidden.tg__append_only();

-- Retention (cleanup_expired_data): low and medium entries older than retention.admin_log_days, at most
-- retention.batch_size per call, oldest first (admin_activity_log_created_at_idx). High and critical entries stay.
create or replace function app_private.purge_admin_activity_log()
returns integer
language sql volatile
set search_path = pg_catalog, public, pg_temp
as $$
  with gone as (
    delete from app_public.admin_activity_log l
     where l.id in (select o.id from app_public.admin_activity_log o
                     where o.created_at < now() - make_interval(days => (app_hidden.config_value('retention.admin_log_days'))::int)
                       and o.severity in ('low', 'medium')
                     order by o.created_at
                     limit (app_hidden.config_value('retention.batch_size'))::int)
    returning 1
  )
  select count(*)::integer from gone;
$$;
comment on function app_private.purge_admin_activity_log() is 'Deletes low and medium admin log entries past retention.admin_log_days, in a batch; returns how many.';
