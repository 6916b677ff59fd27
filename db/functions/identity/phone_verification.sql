-- Phone verification (docs/domain.md §2): a 6-digit code, bcrypt-hashed, 10 min, 5 tries, single-use. Asking
-- creates a request row and enqueues the SMS; the sms__send_phone_code task mints the code
-- (app_private.issue_phone_code), so it exists only in the text message. Only a confirmed code sets
-- phone_verified_at; a number typed into the profile never counts.

create or replace function app_public.request_phone_verification(phone_number text)
returns boolean
language plpgsql volatile security definer
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_user_id uuid := app_hidden.require_user('unverified', 'verify a phone number');
  v_number text := regexp_replace(coalesce(request_phone_verification.phone_number, ''), '[\s().-]', '', 'g');
  v_code_id uuid;
begin
  if v_number !~ '^\+[1-9][0-9]{6,14}$' then
    raise exception 'Enter the phone number in international form, e.g. +4915112345678' using errcode = 'INVAL';
  end if;
  if exists (select 1 from app_public.user_contacts c
              where c.phone_number = v_number and c.phone_verified_at is not null and c.user_id <> v_user_id) then
    raise exception 'This phone number is verified on another account' using errcode = 'INVAL';
  end if;
  if not app_hidden.rate_limit_take('phone_code', v_user_id::text,
       (app_hidden.config_value('security.rate_phone_code_hour'))::int, interval '1 hour') then
    raise exception 'Too many codes requested; try again in an hour' using errcode = 'LIMIT';
  end if;
  -- Only the newest code counts.
  update app_private.phone_verification_codes p set used_at = now()
   where p.user_id = v_user_id and p.used_at is null;
  insert into app_private.phone_verification_codes (user_id, phone_number)
  values (v_user_id, v_number)
  returning id into v_code_id;
  perform graphile_worker.add_job('sms__send_phone_code', json_build_object('id', v_code_id),
    job_key := 'sms__send_phone_code:' || v_code_id, max_attempts := 5);
  return true;
end;
$$;
comment on function app_public.request_phone_verification(text) is E'@resultFieldName success\nTexts a 6-digit code (valid 10 minutes) to the number, to be entered with confirmPhoneVerification; a new request voids the previous code. Errors: LOGIN, DNIED (account not active), INVAL (not an E.164 number, or verified on another account), LIMIT (5 per hour).';
grant execute on function app_public.request_phone_verification(text) to app_user;

-- Called by the SMS task: mints (or, on a retried send, re-mints) the code of a live request. Returns the number
-- and the code, or no row when the request was used or voided meanwhile.
create or replace function app_private.issue_phone_code(code_id uuid)
returns table (phone_number text, code text)
language plpgsql volatile
set search_path = pg_catalog, public, pg_temp
as $$
declare
  v_code text := lpad((('x' || encode(public.gen_random_bytes(4), 'hex'))::bit(32)::bigint % 1000000)::text, 6, '0');
begin
  return query
  update app_private.phone_verification_codes p
     set code_hash = public.crypt(v_code, public.gen_salt('bf', (app_hidden.config_value('auth.phone_code_bcrypt_cost'))::int)),
         expires_at = now() + make_interval(mins => (app_hidden.config_value('auth.phone_code_minutes'))::int),
         attempts = 0
   where p.id = issue_phone_code.code_id and p.used_at is null
  returning p.phone_number, v_code;
end;
$$;
comment on function app_private.issue_phone_code(uuid) is 'Creates the code of a phone verification request (bcrypt hash stored) and returns it once with the number.';

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
comment on function app_public.confirm_phone_verification(text) is E'@resultFieldName success\nConfirms the phone number with the texted code: true when it matched (the number is now verified), false when it did not (5 misses use the code up). Errors: LOGIN, DNIED, INVAL (not 6 digits), EXPRD (no live code), 23505 (the number was verified on another account meanwhile).';
grant execute on function app_public.confirm_phone_verification(text) to app_user;
