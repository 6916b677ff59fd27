-- Password reset (docs/identity.md): a 32-byte link valid 1 h, single-use, minted by the sending task; a newer
-- link voids older ones. Asking always answers true. Resetting signs out every device, because whoever asked may
-- be recovering from a stolen password.

create or replace function app_public.forgot_password(email text)
returns boolean
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_email text := lower(trim(forgot_password.email));
  v_user_id uuid;
begin
  if v_email is null or length(v_email) > 254 then
    return true;
  end if;
  select c.user_id into v_user_id
    from app_public.user_contacts c
    join app_public.users u on u.id = c.user_id
   where c.email = v_email::citext and u.deleted_at is null and u.status <> 'banned';
  if app_hidden.rate_limit_take('password_reset', v_email,
       (app_hidden.config_value('security.rate_reset_hour'))::int, interval '1 hour')
     and v_user_id is not null then
    perform app_hidden.notify(v_user_id, 'password_reset',
      jsonb_build_object('minutes', app_hidden.config_value('auth.password_reset_minutes') #>> '{}',
                         'app_url', app_hidden.config_value('platform.app_url') #>> '{}'), 'urgent');
  end if;
  return true;
end;
$$;
comment on function app_public.forgot_password(text) is E'@resultFieldName success\nEmails a password reset link (valid 1 hour) if the address belongs to an account; at most 3 per hour. Always returns true, so it reveals nothing about the address.';
grant execute on function app_public.forgot_password(text) to app_anonymous;
