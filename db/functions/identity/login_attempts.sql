-- One more failed login for an account (wrong password, or wrong second-factor code): at
-- security.max_login_attempts straight failures the account is locked for security.lockout_minutes and its owner
-- is emailed, once per lockout. The caller holds the user's secrets row lock.
create or replace function app_private.record_login_failure(user_id uuid)
returns boolean
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_count integer;
begin
  update app_private.user_secrets s set failed_login_count = s.failed_login_count + 1
   where s.user_id = record_login_failure.user_id
  returning s.failed_login_count into v_count;
  if v_count < (app_hidden.config_value('security.max_login_attempts'))::int then
    return false;
  end if;
  update app_private.user_secrets s
     set failed_login_count = 0,
         locked_until = now() + make_interval(mins => (app_hidden.config_value('security.lockout_minutes'))::int)
   where s.user_id = record_login_failure.user_id;
  perform app_hidden.notify(record_login_failure.user_id, 'account_locked',
    jsonb_build_object('minutes', app_hidden.config_value('security.lockout_minutes') #>> '{}'), 'urgent');
  return true;
end;
$$;
comment on function app_private.record_login_failure(uuid) is 'Counts a failed login; locks the account (and emails its owner) at the threshold. True when it locked.';
