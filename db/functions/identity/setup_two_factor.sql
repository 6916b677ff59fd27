-- Starts setting up two-factor authentication: a new secret, shown once as an otpauth URI (two_factor.sql).
create or replace function app_public.setup_two_factor()
returns app_public.two_factor_setup
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_session();
  v_secret bytea := public.gen_random_bytes(20);
  v_email citext;
  v_issuer text := app_hidden.config_value('auth.totp_issuer') #>> '{}';
begin
  perform 1 from app_private.user_secrets s where s.user_id = v_user_id for update;  -- one setup at a time
  if exists (select 1 from app_private.user_two_factor_auth t where t.user_id = v_user_id and t.enabled) then
    raise exception 'Two-factor authentication is already on' using errcode = 'BADST';
  end if;
  if (select count(*) from app_private.two_factor_setups s
       where s.user_id = v_user_id and s.created_at > now() - interval '1 hour')
     >= (app_hidden.config_value('security.rate_2fa_setup_hour'))::int then
    raise exception 'Too many two-factor setups; try again later' using errcode = 'LIMIT';
  end if;
  insert into app_private.two_factor_setups (user_id) values (v_user_id);
  perform app_private.seal_totp_secret(v_user_id, v_secret);
  -- A setup started again forgets the previous one's codes and steps.
  update app_private.user_two_factor_auth t set backup_code_hashes = '{}', last_used_step = null, created_at = now()
   where t.user_id = v_user_id;
  select c.email into v_email from app_public.user_contacts c where c.user_id = v_user_id;
  return row(
    app_private.base32_encode(v_secret),
    format('otpauth://totp/%s:%s?secret=%s&issuer=%s&algorithm=SHA1&digits=6&period=30',
           app_private.uri_encode(v_issuer), app_private.uri_encode(v_email::text), app_private.base32_encode(v_secret),
           app_private.uri_encode(v_issuer))
  )::app_public.two_factor_setup;
end;
$$;
comment on function app_public.setup_two_factor() is E'@resultFieldName setup\nStarts turning on two-factor authentication: returns a new TOTP secret and its otpauth:// URI, shown once. Confirm with confirmTwoFactor. BADST when it is already on, LIMIT after too many setups in an hour.';
grant execute on function app_public.setup_two_factor() to app_user;
