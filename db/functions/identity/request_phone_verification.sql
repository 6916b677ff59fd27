-- Phone verification (docs/identity.md): a 6-digit code, bcrypt-hashed, 10 min, 5 tries, single-use. Asking
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
