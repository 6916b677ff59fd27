-- The second half of phone verification (request_phone_verification.sql): the texted code.
create or replace function app_public.confirm_phone_verification(code text)
returns boolean
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'verify a phone number');
  v_row app_private.phone_verification_codes;
  v_max integer := (app_hidden.config_value('auth.phone_code_attempts'))::int;
begin
  if confirm_phone_verification.code is null or confirm_phone_verification.code !~ '^[0-9]{6}$' then
    raise exception 'The code has 6 digits' using errcode = 'INVAL';
  end if;
  select * into v_row from app_private.phone_verification_codes p
   where p.user_id = v_user_id and p.used_at is null and p.code_hash is not null
   order by p.created_at desc
   limit 1
   for update;
  if v_row.id is null or v_row.expires_at <= now() then
    raise exception 'There is no valid code; ask for a new one' using errcode = 'EXPRD';
  end if;
  if public.crypt(confirm_phone_verification.code, v_row.code_hash) <> v_row.code_hash then
    -- Returned, not raised, so the attempt is counted; the last allowed miss uses the code up.
    update app_private.phone_verification_codes p
       set attempts = p.attempts + 1,
           used_at = case when p.attempts + 1 >= v_max then now() end
     where p.id = v_row.id;
    return false;
  end if;

  update app_private.phone_verification_codes p set used_at = now() where p.id = v_row.id;
  update app_public.user_contacts c set phone_number = v_row.phone_number, phone_verified_at = now()
   where c.user_id = v_user_id;
  perform app_hidden.refresh_verification_level(v_user_id);
  return true;
end;
$$;
comment on function app_public.confirm_phone_verification(text) is E'@resultFieldName success\nConfirms the phone number with the texted code: true when it matched (the number is now verified), false when it did not (5 misses use the code up). Errors: LOGIN, DNIED, INVAL (not 6 digits), EXPRD (no live code), EXIST (the number was verified on another account meanwhile).';
grant execute on function app_public.confirm_phone_verification(text) to app_user;
